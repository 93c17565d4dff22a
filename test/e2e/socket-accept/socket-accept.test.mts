// Scenario (issue 9): Accept=yes with the built-in socket worker (sm-socket). Each connection to
// a TCP port or a unix socket starts its own instance of the socket's template, named as systemd
// names it ("greet@0-127.0.0.1:PORT-127.0.0.1:PEER.service", a unix peer by pid and uid), with
// the connection on its stdin and stdout (StandardInput=socket); `sctl status` shows the Listen
// line and Accepted/Connected, `sctl list-sockets` the socket; MaxConnections= closes what is beyond it; a kill -9 of the socket
// worker loses no connection nor count; ExecStartPre=/ExecStartPost=/ExecStopPost= run around the
// socket's life. OpenSSH's sshd -i runs
// per connection from the ssh.socket (Accept=yes) and ssh@.service that Debian shipped up to
// Debian 11, only the port moved (Debian 12's ssh.socket says Accept=no and has no template).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { ROOT, Sandbox, useSandbox } from '../harness.mjs';

const T = '/run/accepttest';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const a = server.address();
      server.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Connects, sends `line` (if any), and resolves with what the peer said before it closed (or the first line). */
function talk(target: net.NetConnectOpts, line: string | null, untilFirstLine = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(target, () => { if (line !== null) socket.write(`${line}\n`); });
    let text = '';
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`no answer in 20 s (got ${JSON.stringify(text)})`)); }, 20_000);
    socket.on('data', (d: Buffer) => {
      text += d.toString();
      if (untilFirstLine && text.includes('\n')) { clearTimeout(timer); socket.destroy(); resolve(text); }
    });
    socket.on('end', () => { clearTimeout(timer); resolve(text); });
    socket.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

/** Debian 11's ssh.socket and ssh@.service (openssh 1:8.4p1-5), with the port moved. */
function debian11Ssh(port: number): Record<string, string> {
  return {
    'ssh.socket': '[Unit]\nDescription=OpenBSD Secure Shell server socket\nBefore=ssh.service\nConflicts=ssh.service\n' +
      'ConditionPathExists=!/etc/ssh/sshd_not_to_be_run\n\n[Socket]\n' + `ListenStream=127.0.0.1:${port}\nAccept=yes\n\n` +
      '[Install]\nWantedBy=sockets.target\n',
    'ssh@.service': '[Unit]\nDescription=OpenBSD Secure Shell server per-connection daemon\nDocumentation=man:sshd(8) man:sshd_config(5)\n' +
      'After=auditd.service\n\n[Service]\nEnvironmentFile=-/etc/default/ssh\nExecStart=-/usr/sbin/sshd -i $SSHD_OPTS\n' +
      'StandardInput=socket\nRuntimeDirectory=sshd\nRuntimeDirectoryMode=0755\n',
  };
}

function writeUnits(dir: string, ports: { greet: number; ssh: number }): void {
  const files: Record<string, string> = {
    'greet.socket': `[Unit]\nDescription=accept scenario: TCP\n\n[Socket]\nListenStream=127.0.0.1:${ports.greet}\nAccept=yes\nMaxConnections=3\n`,
    // $$ is a literal $ in Exec lines; %i is the instance the socket named.
    'greet@.service': '[Unit]\nDescription=accept scenario: one greeting per connection\n\n[Service]\n' +
      "ExecStart=/bin/sh -c 'read line; echo \"%i got $$line\"; sleep \"$${line#hold}\" 2>/dev/null; true'\nStandardInput=socket\n",
    'greet-unix.socket': `[Unit]\nDescription=accept scenario: unix\n\n[Socket]\nListenStream=${T}/greet.sock\nAccept=yes\n`,
    'greet-unix@.service': '[Unit]\nDescription=accept scenario: unix greeting\n\n[Service]\n' +
      "ExecStart=/bin/sh -c 'echo \"%i\"; echo \"fds=$${LISTEN_FDS:-none}\"'\nStandardInput=socket\n",
    ...debian11Ssh(ports.ssh),
    // ExecStartPre= before the socket exists, ExecStartPost= after; ExecStopPost= after it is closed.
    'cmds.socket': `[Unit]\nDescription=accept scenario: Exec*= of a socket\n\n[Socket]\nListenStream=${T}/cmds/cmds.sock\n` +
      `ExecStartPre=/bin/mkdir -p ${T}\n` +
      `ExecStartPre=/bin/sh -c 'test -e ${T}/cmds/cmds.sock && echo pre-saw-socket >> ${T}/cmds.log; echo pre $$USER >> ${T}/cmds.log'\n` +
      `ExecStartPost=/bin/sh -c 'test -S ${T}/cmds/cmds.sock && echo post-saw-socket >> ${T}/cmds.log'\n` +
      // A process left behind in the socket's cgroup, which the stop must end (final-sigterm).
      `ExecStartPost=/bin/sh -c 'sleep 4242 </dev/null >/dev/null 2>&1 &'\n` +
      `ExecStopPost=/bin/sh -c 'test -e ${T}/cmds/cmds.sock || echo stoppost-socket-gone >> ${T}/cmds.log'\n` +
      'RemoveOnStop=yes\nUser=root\n',
    'cmds.service': '[Service]\nExecStart=/bin/true\n',
    'failpre.socket': `[Unit]\nDescription=accept scenario: a failing ExecStartPre=\n\n[Socket]\nListenStream=${T}/failpre.sock\nExecStartPre=/bin/sh -c 'exit 3'\n`,
  };
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
}

describe('Accept=yes sockets (sm-socket) in a booted sandbox', () => {
  let sb: Sandbox;
  const ports = { greet: 0, ssh: 0 };
  const units = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-socket-accept-'));
  useSandbox(async () => {
    if (!fs.existsSync('/usr/sbin/sshd') || !fs.existsSync('/etc/ssh/sshd_config')) {
      const r = await execa(path.join(ROOT, 'test/e2e/daemons/setup.sh'), { reject: false, all: true });
      assert.equal(r.exitCode, 0, `setup.sh:\n${String(r.all)}`);
    }
    ports.greet = await freePort();
    ports.ssh = await freePort();
    writeUnits(units, ports);
    return Sandbox.boot({ units: [units] });
  }, (s) => { sb = s; }, () => fs.rmSync(units, { recursive: true, force: true }));

  test('each TCP connection gets its own instance, named after both ends, with the connection as stdin and stdout', async () => {
    const start = await sb.sctl('start', 'greet.socket');
    assert.equal(start.exitCode, 0, start.stderr);
    assert.equal(await sb.show('greet.socket', 'SubState'), 'listening');
    const answers = await Promise.all(['a', 'b', 'c'].map((word) => talk({ host: '127.0.0.1', port: ports.greet }, word)));
    for (const [i, word] of ['a', 'b', 'c'].entries()) {
      assert.match(answers[i] ?? '', new RegExp(`^[0-2]-127\\.0\\.0\\.1:${ports.greet}-127\\.0\\.0\\.1:\\d+ got ${word}\\n$`), JSON.stringify(answers));
    }
    assert.deepEqual(answers.map((a) => a.split('-')[0]).sort(), ['0', '1', '2'], 'instances are numbered by accepted connections');
    let status = '';
    const settled = await sb.waitFor(async () => {
      status = (await sb.sctl('status', 'greet.socket')).stdout;
      return /Accepted: 3; Connected: 0;/.test(status);
    }, 10_000, 200);
    assert.ok(settled, status);
    assert.match(status, new RegExp(`Listen: 127\\.0\\.0\\.1:${ports.greet} \\(Stream\\)`));
    assert.equal(await sb.show('greet.socket', 'SubState'), 'listening', 'an Accept=yes socket stays listening');
    const sockets = (await sb.sctl('list-sockets')).stdout;
    assert.match(sockets, new RegExp(`^LISTEN +UNIT +ACTIVATES\n(.*\n)*127\\.0\\.0\\.1:${ports.greet} +greet\\.socket *\n`, 'm'), sockets);
    assert.match(sockets, /^\d+ sockets? listed\.$/m);
  });

  test('MaxConnections= closes connections beyond it while its instances run, and counts them as refused', async () => {
    const held = ['hold5', 'hold5', 'hold5'].map((word) => talk({ host: '127.0.0.1', port: ports.greet }, word, true));
    await Promise.all(held);
    const ok = await sb.waitFor(async () => /Connected: 3;/.test((await sb.sctl('status', 'greet.socket')).stdout), 10_000, 200);
    assert.ok(ok, 'three instances run');
    const extra = await talk({ host: '127.0.0.1', port: ports.greet }, null);
    assert.equal(extra, '', 'the fourth connection is closed without an answer');
    assert.match((await sb.sctl('status', 'greet.socket')).stdout, /Accepted: 6; Connected: 3; Refused: 1;/);
  });

  test('kill -9 of the socket worker: connections made meanwhile wait in the backlog and each gets its instance', async () => {
    assert.ok(await sb.waitFor(async () => /Connected: 0;/.test((await sb.sctl('status', 'greet.socket')).stdout), 15_000, 200), 'the held instances ended');
    const worker = await sb.pidOf('sm-socket');
    await sb.sh(`kill -9 ${worker}`);
    // Three at once: MaxConnections=3.
    const answers = await Promise.all(['k1', 'k2', 'k3'].map((word) => talk({ host: '127.0.0.1', port: ports.greet }, word)));
    for (const [i, word] of ['k1', 'k2', 'k3'].entries()) assert.match(answers[i] ?? '', new RegExp(` got ${word}\\n$`), JSON.stringify(answers));
    const now = await sb.pidOf('sm-socket');
    assert.ok(now > 1 && now !== worker, 'a new sm-socket runs');
    assert.ok(await sb.waitFor(async () => /Accepted: 9; Connected: 0; Refused: 1;/.test((await sb.sctl('status', 'greet.socket')).stdout), 15_000, 200),
      'the new worker carries on the counters of the killed one');
  });

  test('a socket runs ExecStartPre= before it exists, ExecStartPost= after, ExecStopPost= once it is gone; a failing ExecStartPre= fails it', async () => {
    const start = await sb.sctl('start', 'cmds.socket');
    assert.equal(start.exitCode, 0, start.stderr);
    assert.equal(await sb.show('cmds.socket', 'SubState'), 'listening');
    const left = (await sb.sh("pgrep -f '^sleep 4242$'")).stdout.trim();
    assert.match(left, /^\d+$/, 'ExecStartPost= left its sleep running');
    assert.match((await sb.sh(`cat /proc/${left}/cgroup`)).stdout, /\/system\.slice\/cmds\.socket$/m, "in the socket's cgroup");
    assert.equal((await sb.sctl('stop', 'cmds.socket')).exitCode, 0);
    assert.equal((await sb.sh("pgrep -f '^sleep 4242$' || echo none")).stdout.trim(), 'none', 'the stop ended what was left in the cgroup');
    assert.equal((await sb.sh(`cat ${T}/cmds.log`)).stdout.trim(), 'pre root\npost-saw-socket\nstoppost-socket-gone');
    const failed = await sb.sctl('start', 'failpre.socket');
    assert.notEqual(failed.exitCode, 0);
    assert.equal(await sb.show('failpre.socket', 'ActiveState'), 'failed');
    assert.equal(await sb.show('failpre.socket', 'Result'), 'exit-code');
    assert.equal((await sb.sh(`test -e ${T}/failpre.sock; echo $?`)).stdout.trim(), '1', 'no socket was made');
  });

  test('a unix peer is named by its pid and uid; the connection is stdin/stdout, not LISTEN_FDS', async () => {
    assert.equal((await sb.sctl('start', 'greet-unix.socket')).exitCode, 0);
    const r = await sb.sh(`echo | socat -t 5 - UNIX-CONNECT:${T}/greet.sock`);
    assert.match(r.stdout, /^0-\d+-0\nfds=none\n?$/, r.stdout + r.stderr);
  });

  test("sshd -i answers each connection with its banner from Debian 11's ssh.socket and ssh@.service", async () => {
    const start = await sb.sctl('start', 'ssh.socket');
    assert.equal(start.exitCode, 0, start.stderr);
    const banner = await talk({ host: '127.0.0.1', port: ports.ssh }, null, true);
    const why = /^SSH-2\.0-/.test(banner) ? '' : (await sb.sh('tail -n 30 /var/log/sysmaster/sm-service.log /var/log/sysmaster/sm-socket.log')).stdout;
    assert.match(banner, /^SSH-2\.0-OpenSSH_\S+/, why);
    const instances = (await sb.sctl('list-units', '--all', '--no-legend', '--plain', 'ssh@*')).stdout;
    assert.match(instances, new RegExp(`^ssh@0-127\\.0\\.0\\.1:${ports.ssh}-127\\.0\\.0\\.1:\\d+\\.service `, 'm'), instances);
  });
});
