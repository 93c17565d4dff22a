// socket-fds.ts: the service worker copies a socket unit's listening fds out of its holder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as sys from '@sysmaster/sys';
import { createLogger } from '@sysmaster/worker-kit';
import { UnitIds, passedFds, socketFdsFor } from '../src/socket-fds';
import { harness, loadRequest } from './helpers';

const quiet = createLogger('test', { silent: true });
const inode = (fd: number, pid: number | 'self' = 'self'): string => fs.readlinkSync(`/proc/${pid}/fd/${fd}`);

function holder(t: { after(fn: () => void): void }, unit: string): { dir: string; pid: number; fd: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'socket-fds-'));
  const fd = sys.listen({ family: 'unix', type: 'stream', address: path.join(dir, 'l.sock') });
  const pid = sys.spawn({
    path: '/bin/sleep', argv: [`sm-socket-fds@${unit}`, 'infinity'], env: [], fds: [fd], setsid: true,
    stdin: { kind: 'null' }, stdout: { kind: 'null' }, stderr: { kind: 'null' },
  });
  t.after(() => { process.kill(pid, 'SIGKILL'); sys.closeFd(fd); fs.rmSync(dir, { recursive: true, force: true }); });
  return { dir, pid, fd };
}

async function waitForArgv0(pid: number, argv0: string): Promise<void> {
  for (let i = 0; i < 100 && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] !== argv0; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('the fds of a record naming the service are copied out of its holder, with their names', async (t) => {
  const h = holder(t, 'a.socket');
  await waitForArgv0(h.pid, 'sm-socket-fds@a.socket');
  fs.writeFileSync(path.join(h.dir, 'a.socket.json'), JSON.stringify({ unit: 'a.socket', service: 'a.service', holderPid: h.pid, names: ['web'] }));
  fs.writeFileSync(path.join(h.dir, 'b.socket.json'), JSON.stringify({ unit: 'b.socket', service: 'other.service', holderPid: h.pid, names: ['x'] }));
  const got = socketFdsFor('a.service', quiet, h.dir);
  assert.ok(got);
  t.after(() => got.release());
  assert.deepEqual(got.names, ['web']);
  assert.equal(got.fds.length, 1);
  assert.equal(inode(got.fds[0] ?? -1), inode(h.fd), 'the same socket as the holder holds');
  assert.deepEqual(passedFds(got, { fds: [99], names: ['stored'] }), { fds: [got.fds[0], 99], fdNames: ['web', 'stored'] });
});

test('a record whose pid is not that unit\'s holder gives nothing, and no record means null', async (t) => {
  const h = holder(t, 'other.socket');
  await waitForArgv0(h.pid, 'sm-socket-fds@other.socket');
  fs.writeFileSync(path.join(h.dir, 'a.socket.json'), JSON.stringify({ unit: 'a.socket', service: 'a.service', holderPid: h.pid, names: ['web'] }));
  assert.equal(socketFdsFor('a.service', quiet, h.dir), null);
  assert.equal(socketFdsFor('a.service', quiet, path.join(h.dir, 'missing')), null);
  assert.deepEqual(passedFds(null, { fds: [], names: [] }), {});
});

test('a record naming an alias of the service counts; one naming an unrelated service does not', async (t) => {
  const h = holder(t, 'syslog.socket');
  await waitForArgv0(h.pid, 'sm-socket-fds@syslog.socket');
  fs.writeFileSync(path.join(h.dir, 'syslog.socket.json'), JSON.stringify({ unit: 'syslog.socket', service: 'syslog.service', holderPid: h.pid, names: ['syslog.socket'] }));
  const resolve = (name: string): string => (name === 'syslog.service' ? 'rsyslog.service' : name);
  const got = socketFdsFor('rsyslog.service', quiet, h.dir, resolve);
  assert.ok(got);
  t.after(() => got.release());
  assert.deepEqual(got.names, ['syslog.socket']);
  assert.equal(socketFdsFor('other.service', quiet, h.dir, resolve), null);
});

test('Sockets= of the service takes the fds of a socket whose Service= names another unit', async (t) => {
  const h = holder(t, 'shared.socket');
  await waitForArgv0(h.pid, 'sm-socket-fds@shared.socket');
  fs.writeFileSync(path.join(h.dir, 'shared.socket.json'), JSON.stringify({ unit: 'shared.socket', service: 'shared.service', holderPid: h.pid, names: ['shared'] }));
  assert.equal(socketFdsFor('b.service', quiet, h.dir), null, 'not without Sockets=');
  const got = socketFdsFor('b.service', quiet, h.dir, (n) => n, ['shared.socket']);
  assert.ok(got);
  t.after(() => got.release());
  assert.deepEqual(got.names, ['shared']);
});

test('a record\'s service name is looked up in the search path once until a Load forgets it, and never without records', async (t) => {
  const h = holder(t, 'syslog.socket');
  await waitForArgv0(h.pid, 'sm-socket-fds@syslog.socket');
  const asked: string[] = [];
  const ids = new UnitIds((name) => { asked.push(name); return name === 'syslog.service' ? 'rsyslog.service' : name; });
  assert.equal(socketFdsFor('rsyslog.service', quiet, path.join(h.dir, 'missing'), ids.resolve), null);
  fs.writeFileSync(path.join(h.dir, 'own.socket.json'), JSON.stringify({ unit: 'own.socket', service: 'rsyslog.service', holderPid: 0, names: ['x'] }));
  assert.equal(socketFdsFor('rsyslog.service', quiet, h.dir, ids.resolve), null);
  assert.deepEqual(asked, [], 'no record, or one naming the service itself, needs no look-up');
  fs.writeFileSync(path.join(h.dir, 'syslog.socket.json'), JSON.stringify({ unit: 'syslog.socket', service: 'syslog.service', holderPid: h.pid, names: ['syslog.socket'] }));
  for (let i = 0; i < 3; i++) {
    const got = socketFdsFor('rsyslog.service', quiet, h.dir, ids.resolve);
    assert.deepEqual(got?.names, ['syslog.socket']);
    got?.release();
  }
  assert.deepEqual(asked, ['syslog.service'], 'once for three spawns');
  ids.forget();
  socketFdsFor('rsyslog.service', quiet, h.dir, ids.resolve)?.release();
  assert.deepEqual(asked, ['syslog.service', 'syslog.service'], 'looked up again after forget()');
});

test('every Load tells the OS seam that the unit files were read again', () => {
  const h = harness();
  h.units.load(loadRequest('a.service', ['ExecStart=/bin/a']));
  h.units.load(loadRequest('a.service', ['ExecStart=/bin/b']));
  assert.equal(h.os.unitFileReloads, 2);
});
