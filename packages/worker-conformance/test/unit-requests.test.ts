// The kit's Load requests carry the real file and line of every entry and section, as the core's
// do, and the broken copies point at the line they changed; the socket owner is read from
// /proc/net/unix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { GARBAGE_VALUE, UNKNOWN_KEY, readUnitFixture, withGarbageValues, withUnknownKey } from '../src/unit-requests';
import { listeningInode, socketOwners } from '../src/socket-owner';
import { tempDir } from './helpers';

const TEXT = '# a comment\n[Unit]\nDescription=x\n\n[Fake]\nMode=slow\nNote=a \\\n  b\n[Other]\nKey=1\n';

test('a unit file becomes a Load request with only the owned sections, each entry at its file and line', () => {
  const file = path.join(tempDir('sm-verify-req-'), 'a.fake');
  fs.writeFileSync(file, TEXT);
  const { request } = readUnitFixture(file, 'fake', ['Fake']);
  assert.equal(request.name, 'a.fake');
  assert.deepEqual(request.unit_settings, { Description: 'x' });
  assert.equal(request.sections?.length, 1);
  const section = request.sections[0]!;
  assert.deepEqual([section.name, section.file, section.line], ['Fake', file, 5]);
  assert.deepEqual(section.entries?.map((e) => [e.key, e.value, e.file, e.line]), [['Mode', 'slow', file, 6], ['Note', 'a  b', file, 7]]);
  assert.equal(request.specifiers?.n, 'a.fake');
});

test('the broken copies change one line each and name it: an unknown key under the header, garbage for each simple value', () => {
  const dir = tempDir('sm-verify-req-');
  const file = path.join(dir, 'a.fake');
  fs.writeFileSync(file, TEXT);
  const unit = readUnitFixture(file, 'fake', ['Fake']);
  const unknown = withUnknownKey(unit, 'fake', ['Fake'], dir)!;
  assert.equal(fs.readFileSync(unknown.file, 'utf8').split('\n')[unknown.line - 1], `${UNKNOWN_KEY}=1`);
  assert.ok(unknown.request.sections![0]!.entries!.some((e) => e.key === UNKNOWN_KEY && e.line === unknown.line));
  const garbage = withGarbageValues(unit, 'fake', ['Fake'], dir);
  assert.deepEqual(garbage.map((g) => [g.key, g.line]), [['Mode', 6]], 'a continued value is left alone');
  assert.equal(garbage[0]!.request.sections![0]!.entries![0]!.value, GARBAGE_VALUE);
  assert.equal(withUnknownKey(unit, 'target', [], dir), null, 'a type without sections has nowhere to put a key');
});

test('a section is placed where the parser reads its header, not where a continued value looks like one', () => {
  const dir = tempDir('sm-verify-req-');
  const file = path.join(dir, 'b.fake');
  fs.writeFileSync(file, '[Unit]\nDescription=x \\\n[Fake]\n[ Fake ]\nMode=slow\n[Fake]\nNote=n\n');
  const unit = readUnitFixture(file, 'fake', ['Fake']);
  assert.equal(unit.request.unit_settings?.Description, 'x  [Fake]', 'line 3 continues the description');
  const section = unit.request.sections![0]!;
  assert.deepEqual([section.name, section.line], ['Fake', 4], 'the first real header, with its spaces, is line 4');
  assert.deepEqual(section.entries?.map((e) => [e.key, e.line]), [['Mode', 5], ['Note', 7]], 'a repeated header merges');
  const unknown = withUnknownKey(unit, 'fake', ['Fake'], dir)!;
  assert.equal(unknown.line, 5, 'the unknown key goes right under the real header');
  assert.ok(unknown.request.sections![0]!.entries!.some((e) => e.key === UNKNOWN_KEY && e.line === 5));
});

test('a unit without the owned section gets one appended for the unknown key', () => {
  const dir = tempDir('sm-verify-req-');
  const file = path.join(dir, 'c.fake');
  fs.writeFileSync(file, '[Unit]\nDescription=x\n');
  const unknown = withUnknownKey(readUnitFixture(file, 'fake', ['Fake']), 'fake', ['Fake'], dir)!;
  assert.deepEqual(fs.readFileSync(unknown.file, 'utf8').split('\n').slice(2, 4), ['[Fake]', `${UNKNOWN_KEY}=1`]);
  assert.equal(unknown.line, 4);
  assert.deepEqual([unknown.request.sections![0]!.name, unknown.request.sections![0]!.line], ['Fake', 3]);
});

test('the process serving a socket is found through /proc/net/unix, and a listing without it gives none', async () => {
  const socketPath = path.join(tempDir('sm-verify-owner-'), 'x.sock');
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  try {
    assert.deepEqual(socketOwners(socketPath), [process.pid]);
    assert.equal(listeningInode(socketPath, 'Num RefCount Protocol Flags Type St Inode Path\n'), null);
    assert.equal(listeningInode('/a.sock', 'header\n0000: 00000002 00000000 00010000 0001 01 4242 /a.sock\n'), 4242);
    assert.equal(listeningInode('/a.sock', 'header\n0000: 00000002 00000000 00000000 0001 03 4243 /a.sock\n'), null, 'a connected socket is not the listener');
  } finally {
    server.close();
  }
});
