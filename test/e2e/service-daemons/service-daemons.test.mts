// Scenario (issue 4, real daemons): nginx (forking + PIDFile), redis-server (notify), OpenSSH's
// ssh.service (notify), cron and rsyslog (notify, Requires=syslog.socket) run under sysmaster-ts
// from Debian's UNMODIFIED unit files, copied from /lib/systemd/system into the sandbox's unit
// folder. test/e2e/daemons/setup.sh installs the packages without starting them on the host
// (it is run here when a daemon is missing). The sandbox shares the host's network: a daemon
// whose default port is taken on the host gets a drop-in that moves it (redis, ssh), or is
// skipped with the reason (nginx, whose port is only in its config). Each must reach active
// with the right main pid and answer (HTTP, redis PING, the SSH banner, cron and rsyslogd
// running); stopping it leaves no process behind. Whatever a unit file uses that we do not
// implement shows up in the load errors, printed as diagnostics.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { EXEC_KEYS } from '../../../packages/exec/dist/index.js';
import { SERVICE_KEYS } from '../../../packages/worker-service/dist/index.js';
import { ROOT, bootScenario, describeRun, stateOf, type Sandbox } from '../service-common/lib.mjs';

const SYSTEM = '/lib/systemd/system';
const FILES = ['nginx.service', 'redis-server.service', 'ssh.service', 'cron.service', 'rsyslog.service', 'syslog.socket'];
/** The units the service worker loads (rsyslog.service waits for the socket unit type). */
const LOADED = ['nginx.service', 'redis-server.service', 'ssh.service', 'cron.service'];
const BINARIES = ['/usr/sbin/nginx', '/usr/bin/redis-server', '/usr/bin/redis-cli', '/usr/sbin/sshd', '/usr/sbin/cron', '/usr/sbin/rsyslogd', '/usr/bin/curl'];

/** Whether TCP `port` on 127.0.0.1 is free on the host (the sandbox shares its network). */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

interface Plan { units: Record<string, string>; ports: { http: number; redis: number; ssh: number }; skipNginx: string | null; notes: string[] }

/** The hard RLIMIT_NOFILE of this process (the sandbox's is the same), and whether it holds CAP_SYS_RESOURCE (bit 24). */
function nofileRoom(): { hard: number; canRaise: boolean } {
  const limits = fs.readFileSync('/proc/self/limits', 'utf8');
  const hardText = /^Max open files\s+\S+\s+(\S+)/m.exec(limits)?.[1] ?? 'unlimited';
  const capEff = /^CapEff:\s+([0-9a-f]+)/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0';
  return { hard: hardText === 'unlimited' ? Infinity : Number(hardText), canRaise: ((BigInt(`0x${capEff}`) >> 24n) & 1n) === 1n };
}

async function plan(): Promise<Plan> {
  const units: Record<string, string> = {};
  for (const f of FILES) units[f] = fs.readFileSync(path.join(SYSTEM, f), 'utf8');
  const ports = { http: 80, redis: 6379, ssh: 22 };
  let skipNginx: string | null = null;
  const notes: string[] = [];
  if (!(await portFree(80))) skipNginx = 'port 80 is taken on the host and nginx takes its port from /etc/nginx only';
  if (!(await portFree(6379))) {
    ports.redis = 16379;
    units['redis-server.service.d/port.conf'] = '[Service]\nExecStart=\nExecStart=/usr/bin/redis-server /etc/redis/redis.conf --supervised systemd --daemonize no --port 16379\n';
  }
  if (!(await portFree(22))) {
    ports.ssh = 2222;
    units['ssh.service.d/port.conf'] = '[Service]\nExecStart=\nExecStart=/usr/sbin/sshd -D -p 2222 $SSHD_OPTS\n';
  }
  if (ports.redis !== 6379) notes.push('redis: port 6379 is taken on the host; a drop-in moves it to 16379');
  if (ports.ssh !== 22) notes.push('ssh: port 22 is taken on the host; a drop-in moves it to 2222');
  return { units, ports, skipNginx, notes };
}

/** Every assignment of [Service] in a unit file's text with its line (a continued one at its first). */
function serviceAssignments(text: string): { key: string; line: number }[] {
  const out: { key: string; line: number }[] = [];
  const lines = text.split('\n');
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const first = i + 1;
    let line = lines[i]!.trim();
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) { section = header[1]!; continue; }
    const eq = line.indexOf('=');
    if (section === 'Service' && eq > 0) out.push({ key: line.slice(0, eq).trim(), line: first });
  }
  return out;
}

async function comms(sb: Sandbox, comm: string): Promise<number[]> {
  const r = await sb.sh(`ps -eo pid=,stat=,comm= | awk '$2 !~ /^Z/ && $3 == "${comm}" { print $1 }'`);
  return r.stdout.split('\n').map(Number).filter((n) => n > 0);
}

/** Starts `unit`; on failure prints what the manager said (load errors first) and fails. */
async function startDaemon(sb: Sandbox, t: TestContext, unit: string): Promise<number> {
  const load = await sb.show(unit, 'LoadState');
  const loadError = await sb.show(unit, 'LoadError');
  if (loadError) t.diagnostic(`${unit}: ${loadError}`);
  const r = await sb.sctl('start', unit);
  const status = await sb.sctl('status', '-n', '20', unit);
  if (r.exitCode !== 0) t.diagnostic(`${unit} did not start:\n${describeRun(r)}\n${status.stdout}`);
  for (const notice of status.stdout.split('\n').filter((l) => /Notice:|not (supported|implemented|enforced)/i.test(l))) t.diagnostic(`${unit}: ${notice.trim()}`);
  assert.equal(load, 'loaded', `${unit} loads from Debian's unmodified file: ${loadError}`);
  assert.equal(r.exitCode, 0, `${unit}: ${describeRun(r)}\n${status.stdout}`);
  assert.equal((await stateOf(sb, unit)).split('/').slice(0, 2).join('/'), 'active/running');
  const pid = Number(await sb.show(unit, 'MainPID'));
  assert.ok(pid > 1, `${unit} has a main pid`);
  return pid;
}

async function stopLeavesNothing(sb: Sandbox, unit: string, comm: string): Promise<void> {
  const r = await sb.sctl('stop', unit);
  assert.equal(r.exitCode, 0, describeRun(r));
  assert.equal(await sb.show(unit, 'ActiveState'), 'inactive', await stateOf(sb, unit));
  assert.ok(await sb.waitFor(async () => (await comms(sb, comm)).length === 0, 10_000), `no ${comm} left: ${(await comms(sb, comm)).join(' ')}`);
}

describe('real daemons from Debian packages', () => {
  let sb: Sandbox;
  let cleanup: () => Promise<{ exitCode: number; output: string }>;
  let unitDir: string;
  let p: Plan;
  before(async () => {
    if (BINARIES.some((b) => !fs.existsSync(b)) || FILES.some((f) => !fs.existsSync(path.join(SYSTEM, f)))) {
      const r = await execa(path.join(ROOT, 'test/e2e/daemons/setup.sh'), { reject: false, all: true });
      assert.equal(r.exitCode, 0, `setup.sh:\n${String(r.all)}`);
    }
    p = await plan();
    ({ sb, units: unitDir, cleanup } = await bootScenario(import.meta.url, p.units, 120));
  });
  after(async () => {
    if (!cleanup) return;
    const r = await cleanup();
    assert.equal(r.exitCode, 0, `sandbox exit:\n${r.output}`);
  });

  test('the unit files are Debian\'s, byte for byte (drop-ins beside them only where the host demands)', (t) => {
    for (const f of FILES) assert.equal(p.units[f], fs.readFileSync(path.join(SYSTEM, f), 'utf8'));
    for (const note of p.notes) t.diagnostic(note);
  });

  test('nginx (Type=forking, PIDFile=) is active with the master from /run/nginx.pid and answers HTTP', async (t) => {
    if (p.skipNginx) { t.skip(p.skipNginx); return; }
    const pid = await startDaemon(sb, t, 'nginx.service');
    assert.equal(Number((await sb.sh('cat /run/nginx.pid')).stdout.trim()), pid);
    assert.equal((await sb.sh(`cat /proc/${pid}/comm`)).stdout.trim(), 'nginx');
    const http = await sb.sh(`curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:${p.ports.http}/`);
    assert.equal(http.stdout.trim(), '200', describeRun(http));
    const reload = await sb.sctl('reload', 'nginx.service');
    assert.equal(reload.exitCode, 0, `ExecReload= of nginx: ${describeRun(reload)}`);
    assert.equal(Number(await sb.show('nginx.service', 'MainPID')), pid);
    await stopLeavesNothing(sb, 'nginx.service', 'nginx');
  });

  test('redis-server (Type=notify, User=redis) is active and answers PING', async (t) => {
    const pid = await startDaemon(sb, t, 'redis-server.service');
    assert.equal((await sb.sh(`cat /proc/${pid}/comm`)).stdout.trim(), 'redis-server');
    assert.equal((await sb.sh(`ps -o user= -p ${pid}`)).stdout.trim(), 'redis');
    const ping = await sb.sh(`redis-cli -p ${p.ports.redis} PING`);
    assert.equal(ping.stdout.trim(), 'PONG', describeRun(ping));
    assert.equal((await sb.sh('stat -c %a /run/redis')).stdout.trim(), '2755', 'RuntimeDirectoryMode=2755');
    // Its unmodified LimitNOFILE=65535, as close as this host allows (systemd's setrlimit_closest):
    // a host without CAP_SYS_RESOURCE caps both values at the hard limit it already has.
    const room = nofileRoom();
    const want = room.canRaise ? 65535 : Math.min(65535, room.hard);
    const limits = (await sb.sh(`cat /proc/${pid}/limits`)).stdout;
    assert.match(limits, new RegExp(`^Max open files\\s+${want}\\s+${want}\\s`, 'm'), limits);
    await stopLeavesNothing(sb, 'redis-server.service', 'redis-server');
  });

  test('ssh.service (Type=notify, ExecStartPre=sshd -t) is active and sends its banner', async (t) => {
    const pid = await startDaemon(sb, t, 'ssh.service');
    assert.equal((await sb.sh(`cat /proc/${pid}/comm`)).stdout.trim(), 'sshd');
    // The first line only: sshd sends its banner, then waits LoginGraceTime (120 s) for ours.
    const banner = await sb.run(['bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${p.ports.ssh}; head -n 1 <&3`], { timeoutMs: 10_000 });
    assert.match(banner.stdout, /^SSH-2\.0-OpenSSH/, describeRun(banner));
    const reload = await sb.sctl('reload', 'ssh.service');
    assert.equal(reload.exitCode, 0, `ExecReload= of ssh (sshd -t; kill -HUP $MAINPID): ${describeRun(reload)}`);
    await stopLeavesNothing(sb, 'ssh.service', 'sshd');
  });

  test('cron is active with cron -f as its main process', async (t) => {
    const pid = await startDaemon(sb, t, 'cron.service');
    assert.equal((await sb.sh(`cat /proc/${pid}/comm`)).stdout.trim(), 'cron');
    await stopLeavesNothing(sb, 'cron.service', 'cron');
  });

  test('every directive of these unit files that the service worker does not know is reported with its file and line', async (t) => {
    // What it does not know: every [Service] key outside its tables (the same lists its
    // SectionReader is given). The expectation is worked out here from the files themselves, so
    // a warning that is missing, misplaced or about the wrong unit fails the test.
    const known = new Set<string>([...SERVICE_KEYS, ...EXEC_KEYS]);
    const expected = new Set<string>();
    for (const unit of LOADED) {
      assert.equal(await sb.show(unit, 'LoadState'), 'loaded', unit);
      for (const [file, text] of Object.entries(p.units)) {
        if (file !== unit && !file.startsWith(`${unit}.d/`)) continue;
        for (const { key, line } of serviceAssignments(text)) {
          if (!known.has(key)) expected.add(`${path.join(unitDir, file)}:${line}: unknown key '${key}' in section [Service] of ${unit}`);
        }
      }
    }
    assert.ok(expected.size > 0, 'Debian\'s files use directives outside the tables (PrivateTmp=, ProtectSystem=, ...)');
    const r = await sb.sh('grep -h "unknown key" /var/log/sysmaster/sm-service.log || true');
    const reported = new Set(r.stdout.split('\n').filter(Boolean)
      .map((l) => (JSON.parse(l) as { message: string }).message.replace(/, ignoring$/, '')));
    assert.deepEqual([...expected].filter((w) => !reported.has(w)), [], 'every unknown directive is reported, at its file and line');
    const byUnit = new Map<string, string[]>();
    for (const w of expected) {
      const [, key, unit] = /unknown key '([^']+)' in section \[Service\] of (\S+)$/.exec(w)!;
      byUnit.set(unit!, [...(byUnit.get(unit!) ?? []), key!]);
    }
    for (const [unit, keys] of byUnit) t.diagnostic(`${unit}: not implemented, ignored with a warning: ${keys.join(' ')}`);
  });

  test('rsyslog (Type=notify, Requires=syslog.socket) is active with rsyslogd as its main process', async (t) => {
    // `enable` makes syslog.service an alias of rsyslog.service (its Alias=), so Debian's
    // syslog.socket (Service= defaults to syslog.service) activates rsyslog and hands it its fd.
    const enable = await sb.sctl('enable', 'rsyslog.service');
    assert.equal(enable.exitCode, 0, enable.stderr);
    const pid = await startDaemon(sb, t, 'rsyslog.service');
    assert.equal((await sb.sh(`cat /proc/${pid}/comm`)).stdout.trim(), 'rsyslogd');
    // Requires=syslog.socket pulled in Debian's syslog.socket, served by sm-socket: it listens on
    // its datagram socket with SocketMode=0666 (PassSecurity= is accepted with a warning).
    assert.equal((await sb.sctl('is-active', 'syslog.socket')).stdout.trim(), 'active');
    assert.equal(await sb.show('syslog.socket', 'SubState'), 'running');
    const st = await sb.sh('stat -c %F:%a /run/systemd/journal/syslog');
    assert.equal(st.stdout.trim(), 'socket:666', st.stderr);
    assert.match(await sb.show('syslog.socket', 'Triggers'), /\brsyslog\.service\b/);
    const env = (await sb.sh(`tr '\\0' '\\n' < /proc/${pid}/environ`)).stdout;
    assert.match(env, /^LISTEN_FDS=1$/m, 'rsyslogd received the socket');
    assert.match(env, /^LISTEN_FDNAMES=syslog\.socket$/m);
    await stopLeavesNothing(sb, 'rsyslog.service', 'rsyslogd');
  });
});
