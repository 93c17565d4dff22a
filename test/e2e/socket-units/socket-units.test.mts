// Scenario (issue 9): Accept=no socket activation with the built-in socket worker (sm-socket).
// A daemon written for sd_listen_fds(3) (fixtures/activated.py) is started on the first
// connection to a unix stream socket and a TCP port on 127.0.0.1, receives both fds (LISTEN_PID
// its own, names from FileDescriptorName=, blocking mode restored); connections made while it is
// stopped wait in the backlog and are served once it starts; the listening sockets survive a
// kill -9 of the socket worker and of the core, and a restart loop of the service, with clients
// connecting all along and none refused (clients: fixtures/clients.py, socat). Datagram, FIFO,
// sequential-packet and abstract sockets activate the same daemon; a bad Listen value is reported
// with file:line. The unit files are generated (they name the fixtures by absolute path).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, sleep, useSandbox } from '../harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DAEMON = path.join(HERE, 'fixtures/activated.py');
const CLIENTS = path.join(HERE, 'fixtures/clients.py');
const T = '/run/socktest';

/** A TCP port free on 127.0.0.1 of the host (the sandbox shares its network). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const a = server.address();
      server.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

function service(name: string, extra = ''): string {
  return `[Unit]\nDescription=socket scenario: ${name}\nStartLimitIntervalSec=0\n\n[Service]\n` +
    `ExecStart=/usr/bin/python3 ${DAEMON} ${T}/${name}.log\n${extra}`;
}

function writeUnits(dir: string, port: number): void {
  const files: Record<string, string> = {
    'echo.socket': `[Unit]\nDescription=socket scenario: unix stream and TCP\n\n[Socket]\nListenStream=${T}/run/echo.sock\n` +
      `ListenStream=127.0.0.1:${port}\nFileDescriptorName=echo\nSocketMode=0600\nDirectoryMode=0750\n` +
      `TriggerLimitIntervalSec=0\nNoDelay=yes\nBacklog=512\nRemoveOnStop=yes\nSymlinks=${T}/echo-link.sock\n`,
    'echo.service': service('echo'),
    'kinds.socket': `[Unit]\nDescription=socket scenario: the other kinds\n\n[Socket]\nListenDatagram=${T}/kinds.dgram\n` +
      `ListenFIFO=${T}/kinds.fifo\nListenSequentialPacket=@sm-socktest-seq\nListenStream=@sm-socktest-stream\n` +
      `PassCredentials=yes\nReceiveBuffer=256K\n`,
    'kinds.service': service('kinds'),
    'bad.socket': `[Unit]\nDescription=socket scenario: bad values\n\n[Socket]\nListenStream=/run/socktest/ok.sock\n` +
      `ListenStream=not-an-address\nTCPCongestion=cubic\nListenDatagram=127.0.0.1:0\n`,
    'taken.socket': `[Unit]\nDescription=socket scenario: a port that is taken\n\n[Socket]\nListenStream=${T}/taken.sock\n` +
      `ListenStream=127.0.0.1:${port}\n`,
    'limit.socket': `[Unit]\nDescription=socket scenario: a service that dies at once\n\n[Socket]\nListenStream=${T}/limit.sock\n` +
      `TriggerLimitIntervalSec=10s\nTriggerLimitBurst=3\n`,
    'limit.service': `[Unit]\nDescription=socket scenario: exits without accepting\nStartLimitIntervalSec=0\n\n[Service]\nExecStart=/bin/true\n`,
    'nosvc.socket': `[Unit]\nDescription=socket scenario: a Service= that does not exist\n\n[Socket]\nListenStream=${T}/nosvc.sock\nService=missing.service\n`,
  };
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
}

interface Clients { served: number; refused: number; failed: number; errors: string[]; pids: string[] }

async function clients(sb: Sandbox, address: string, count: number, spreadSec = 0): Promise<Clients> {
  const r = await sb.run(['/usr/bin/python3', CLIENTS, address, String(count), String(spreadSec)], { timeoutMs: 90_000 });
  assert.equal(r.exitCode, 0, r.stderr);
  return JSON.parse(r.stdout) as Clients;
}

async function lines(sb: Sandbox, file: string): Promise<string[]> {
  return (await sb.sh(`cat ${file} 2>/dev/null || true`)).stdout.split('\n').filter((l) => l !== '');
}

const sub = (sb: Sandbox, unit: string): Promise<string> => sb.show(unit, 'SubState');

describe('socket units (sm-socket) in a booted sandbox', () => {
  let sb: Sandbox;
  let port = 0;
  const units = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-socket-units-'));
  useSandbox(async () => {
    port = await freePort();
    writeUnits(units, port);
    return Sandbox.boot({ units: [units] });
  }, (s) => { sb = s; }, () => fs.rmSync(units, { recursive: true, force: true }));

  test('a started socket listens with its mode, folder mode and symlink, and names its service in Triggers', async () => {
    const start = await sb.sctl('start', 'echo.socket');
    assert.equal(start.exitCode, 0, start.stderr);
    assert.equal(await sub(sb, 'echo.socket'), 'listening');
    assert.ok(await sb.pidOf('sm-socket') > 1, 'sm-socket runs');
    assert.equal((await sb.sh(`stat -c %a ${T}/run/echo.sock ${T}/run; readlink ${T}/echo-link.sock`)).stdout.trim(),
      `600\n750\n${T}/run/echo.sock`);
    assert.equal(await sb.show('echo.socket', 'Triggers'), 'echo.service');
    assert.match(await sb.show('echo.socket', 'Before'), /\becho\.service\b/);
    assert.match(await sb.show('echo.service', 'TriggeredBy'), /\becho\.socket\b/);
    assert.equal(await sb.show('echo.service', 'ActiveState'), 'inactive', 'nothing started the service yet');
  });

  test('the first connection starts the service, which gets both fds with its own LISTEN_PID, in blocking mode', async (t) => {
    const began = Date.now();
    const r = await clients(sb, `${T}/run/echo.sock`, 1);
    t.diagnostic(`first connection through activation, answered in ${Date.now() - began} ms (client start-up included)`);
    assert.equal(r.served, 1, JSON.stringify(r));
    assert.equal(await sb.show('echo.service', 'ActiveState'), 'active');
    assert.equal(await sub(sb, 'echo.socket'), 'running');
    const log = await lines(sb, `${T}/echo.log`);
    assert.match(log[0] ?? '', /^start pid=\d+ fds=2 names=echo,echo modes=block,block$/, log.join('\n'));
    const tcp = await sb.sh(`echo over-tcp | socat -t 5 - TCP:127.0.0.1:${port}`);
    assert.match(tcp.stdout, /^echo \d+ over-tcp$/m, tcp.stderr);
  });

  test('a port already taken fails the socket with result resources and a warning naming the address; the others keep listening', async () => {
    const start = await sb.sctl('start', 'taken.socket');
    assert.notEqual(start.exitCode, 0);
    assert.equal(await sb.show('taken.socket', 'ActiveState'), 'failed');
    assert.equal(await sb.show('taken.socket', 'Result'), 'resources');
    const status = (await sb.sctl('status', 'taken.socket')).stdout;
    assert.match(status, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: .*(EADDRINUSE|address already in use)`, 'i'), status);
    assert.equal((await sb.sh(`test -S ${T}/taken.sock; echo $?`)).stdout.trim(), '0', 'the unix path was bound, then closed with the unit');
    assert.equal(await sub(sb, 'echo.socket'), 'running');
  });

  test('connections made while the service is stopped wait in the backlog and are all served by its next start', async () => {
    assert.equal((await sb.sctl('stop', 'echo.service')).exitCode, 0);
    assert.ok(await sb.waitFor(async () => await sub(sb, 'echo.socket') === 'listening'), 'back to listening');
    const r = await clients(sb, `${T}/run/echo.sock`, 20);
    assert.deepEqual({ served: r.served, refused: r.refused, failed: r.failed }, { served: 20, refused: 0, failed: 0 }, JSON.stringify(r));
    assert.equal(await sb.show('echo.service', 'ActiveState'), 'active');
  });

  test('a restart loop of the service while 1,000 clients connect refuses none', async (t) => {
    const load = clients(sb, `${T}/run/echo.sock`, 1000, 5);
    let restarts = 0;
    for (let i = 0; i < 10; i++) {
      if ((await sb.sctl('restart', 'echo.service')).exitCode === 0) restarts++;
      await sleep(200);
    }
    const r = await load;
    t.diagnostic(`1,000 connections over 5 s during ${restarts} restarts: served ${r.served}, refused ${r.refused}, failed ${r.failed}, by ${r.pids.length} daemon pids`);
    assert.deepEqual({ served: r.served, refused: r.refused, failed: r.failed }, { served: 1000, refused: 0, failed: 0 }, JSON.stringify(r));
    assert.ok(r.pids.length >= 2, `served by several incarnations: ${r.pids.join(' ')}`);
  });

  test('kill -9 of the socket worker: a new one takes the fds back; clients meanwhile are served, none refused', async () => {
    assert.equal((await sb.sctl('stop', 'echo.service')).exitCode, 0);
    assert.ok(await sb.waitFor(async () => await sub(sb, 'echo.socket') === 'listening'));
    const worker = await sb.pidOf('sm-socket');
    await sb.sh(`kill -9 ${worker}`);
    const r = await clients(sb, `${T}/run/echo.sock`, 50, 2);
    assert.deepEqual({ served: r.served, refused: r.refused, failed: r.failed }, { served: 50, refused: 0, failed: 0 }, JSON.stringify(r));
    const now = await sb.pidOf('sm-socket');
    assert.ok(now > 1 && now !== worker, 'a new sm-socket runs');
    assert.equal(await sub(sb, 'echo.socket'), 'running');
    const log = await sb.sh('cat /var/log/sysmaster/sm-socket.log');
    assert.match(log.stdout, /echo\.socket: took back 2 listening fd\(s\) from holder/);
  });

  test('kill -9 of the socket worker while the service runs and clients keep connecting: none refused', async () => {
    assert.equal(await sub(sb, 'echo.socket'), 'running');
    const load = clients(sb, `${T}/run/echo.sock`, 200, 3);
    await sleep(500);
    const worker = await sb.pidOf('sm-socket');
    await sb.sh(`kill -9 ${worker}`);
    await sleep(1000);
    await sb.sctl('restart', 'echo.service');
    const r = await load;
    assert.deepEqual({ served: r.served, refused: r.refused, failed: r.failed }, { served: 200, refused: 0, failed: 0 }, JSON.stringify(r));
    assert.ok(await sb.waitFor(async () => { const p = await sb.pidOf('sm-socket'); return p > 1 && p !== worker; }, 20_000), 'a new sm-socket');
    assert.ok(await sb.waitFor(async () => await sub(sb, 'echo.socket') === 'running', 15_000));
  });

  test('kill -9 of the core while the service is stopped: clients wait and are served through the new core', async () => {
    assert.equal((await sb.sctl('stop', 'echo.service')).exitCode, 0);
    assert.ok(await sb.waitFor(async () => await sub(sb, 'echo.socket') === 'listening'));
    const core = await sb.pidOf('sysmaster');
    const worker = await sb.pidOf('sm-socket');
    await sb.sh(`kill -9 ${core}`);
    const r = await clients(sb, `127.0.0.1:${port}`, 50, 2);
    assert.deepEqual({ served: r.served, refused: r.refused, failed: r.failed }, { served: 50, refused: 0, failed: 0 }, JSON.stringify(r));
    assert.ok(await sb.waitFor(async () => { const p = await sb.pidOf('sysmaster'); return p > 1 && p !== core; }, 20_000), 'a new core');
    assert.equal(await sb.pidOf('sm-socket'), worker, 'the socket worker was adopted, not restarted');
    assert.ok(await sb.waitFor(async () => await sub(sb, 'echo.socket') === 'running', 15_000));
  });

  test('datagram, FIFO, sequential-packet and abstract sockets activate their service, which gets all four', async () => {
    assert.equal((await sb.sctl('start', 'kinds.socket')).exitCode, 0);
    await sb.sh(`/usr/bin/python3 -c "import socket; s=socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.sendto(b'hello-dgram', '${T}/kinds.dgram')"`);
    assert.ok(await sb.waitFor(async () => (await lines(sb, `${T}/kinds.log`)).some((l) => l === 'dgram kinds.socket hello-dgram'), 15_000),
      (await lines(sb, `${T}/kinds.log`)).join('\n'));
    const log = await lines(sb, `${T}/kinds.log`);
    assert.match(log[0] ?? '', /fds=4 names=kinds\.socket,kinds\.socket,kinds\.socket,kinds\.socket/);
    await sb.sh(`echo hello-fifo > ${T}/kinds.fifo`);
    const seq = await sb.sh(`/usr/bin/python3 -c "import socket; s=socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET); s.connect('\\0sm-socktest-seq'); s.send(b'hello-seq'); print(s.recv(100).decode())"`);
    assert.match(seq.stdout, /^kinds\.socket \d+ hello-seq$/m, seq.stderr);
    const abstract = await clients(sb, '@sm-socktest-stream', 3);
    assert.equal(abstract.served, 3, JSON.stringify(abstract));
    assert.ok(await sb.waitFor(async () => (await lines(sb, `${T}/kinds.log`)).includes('fifo kinds.socket hello-fifo')));
  });

  test('a service that exits without accepting makes the socket trigger again until the trigger limit fails it', async () => {
    assert.equal((await sb.sctl('start', 'limit.socket')).exitCode, 0);
    await sb.sh(`/usr/bin/python3 -c "import socket; s=socket.socket(socket.AF_UNIX); s.connect('${T}/limit.sock'); import time; time.sleep(5)" &`);
    assert.ok(await sb.waitFor(async () => await sb.show('limit.socket', 'ActiveState') === 'failed', 15_000), await sub(sb, 'limit.socket'));
    assert.equal(await sb.show('limit.socket', 'Result'), 'trigger-limit-hit');
  });

  test('stop closes the socket and RemoveOnStop= removes its file and symlink; the running service keeps its copies', async () => {
    assert.equal((await sb.sctl('stop', 'echo.socket')).exitCode, 0);
    assert.equal(await sb.show('echo.socket', 'ActiveState'), 'inactive');
    assert.equal((await sb.sh(`ls ${T}/run/echo.sock ${T}/echo-link.sock 2>&1 | grep -c 'No such file'`)).stdout.trim(), '2');
    // As under systemd: stopping a socket does not stop its service, which still holds the port.
    assert.equal(await sb.show('echo.service', 'ActiveState'), 'active');
    assert.equal((await clients(sb, `127.0.0.1:${port}`, 1)).served, 1);
    assert.equal((await sb.sctl('stop', 'echo.service')).exitCode, 0);
    const refused = await clients(sb, `127.0.0.1:${port}`, 1);
    const holders = refused.refused === 1 ? '' : (await sb.sh(`ss -ltnp 'sport = :${port}'; ps -eo pid,ppid,args`)).stdout;
    assert.equal(refused.refused, 1, `the port is closed once nobody holds it: ${JSON.stringify(refused)}\n${holders}`);
  });

  test('a Service= that does not exist fails the socket at its first connection, naming the service; the others keep listening', async () => {
    assert.equal((await sb.sctl('start', 'nosvc.socket')).exitCode, 0);
    await sb.sh(`python3 -c "import socket; s=socket.socket(socket.AF_UNIX); s.connect('${T}/nosvc.sock'); s.close()"`);
    assert.ok(await sb.waitFor(async () => await sb.show('nosvc.socket', 'ActiveState') === 'failed', 10_000, 200), 'the socket fails');
    assert.equal(await sb.show('nosvc.socket', 'Result'), 'resources');
    const status = (await sb.sctl('status', 'nosvc.socket')).stdout;
    assert.match(status, /cannot start missing\.service: .*missing\.service/i, status);
    assert.equal(await sb.show('kinds.socket', 'ActiveState'), 'active', 'another socket is untouched');
  });

  test('a bad Listen value and a refused key are reported with file:line; start is refused', async () => {
    let out = '';
    const ok = await sb.waitFor(async () => {
      out = (await sb.sctl('status', 'bad.socket')).stdout;
      return /Loaded: bad-setting/.test(out);
    }, 10_000, 300);
    assert.ok(ok, out);
    assert.ok(out.includes(`${path.join(units, 'bad.socket')}:6`), out);
    assert.match(out, /not-an-address/);
    assert.notEqual((await sb.sctl('start', 'bad.socket')).exitCode, 0);
    const log = await sb.sh('cat /var/log/sysmaster/sm-socket.log');
    assert.ok(log.stdout.includes(`${path.join(units, 'bad.socket')}:7: [Socket] TCPCongestion=: TCPCongestion= is not supported yet`), log.stdout.slice(-1500));
    assert.ok(log.stdout.includes(`${path.join(units, 'bad.socket')}:8`), 'port 0 is refused at its line');
  });
});
