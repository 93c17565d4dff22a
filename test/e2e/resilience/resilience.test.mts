// Scenario: the manager survives its own processes dying. kill -9 of the core → init starts a
// new core that answers sctl within a second and restarts nothing; kill -9 of the service worker
// → its services keep running; orphans handed to PID 1 (and to the service worker) are reaped;
// garbage on every socket kills nobody.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, sleep, unitsOf, useSandbox } from '../harness.mjs';

const SERVICES = ['alpha.service', 'beta.service', 'gamma.service'];

async function mainPids(sb: Sandbox): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of SERVICES) out[s] = Number(await sb.show(s, 'MainPID'));
  return out;
}

async function zombies(sb: Sandbox): Promise<number> {
  const r = await sb.sh("ps -eo stat= | grep -c '^Z' || true");
  return Number(r.stdout.trim() || 0);
}

describe('resilience', () => {
  let sb: Sandbox;
  useSandbox(() => Sandbox.boot({ units: [unitsOf(import.meta.url)] }), (s) => { sb = s; });

  test('kill -9 of the core: a new core answers sctl and no service is restarted', async (t) => {
    const before = await mainPids(sb);
    for (const pid of Object.values(before)) assert.ok(pid > 1);
    const core = await sb.pidOf('sysmaster');
    assert.ok(core > 1);
    // Kill and time the first answer from inside, so nsenter's own start-up is not counted.
    const r = await sb.sh(`kill -9 ${core}; t0=$(date +%s%N); until sctl is-active multi-user.target >/dev/null 2>&1; do :; done; echo $(( ($(date +%s%N) - t0) / 1000000 ))`, { timeoutMs: 20_000 });
    const ms = Number(r.stdout.trim());
    // The goal is a second, sctl's own cold start (~0.3 s a try) included; it is a figure to
    // report (issue 10's benchmark), not a wall-clock limit to assert on a shared machine. The
    // bound here only catches a core that is not replaced at all.
    t.diagnostic(`sctl answered again ${ms} ms after kill -9 of the core`);
    assert.ok(ms < 10_000, `sctl answered again only after ${ms} ms`);
    const newCore = await sb.pidOf('sysmaster');
    assert.ok(newCore > 1 && newCore !== core);
    assert.deepEqual(await mainPids(sb), before);
    const count = await sb.sh(`ps -eo args= | grep -c '^/bin/sleep infinity$' || true`);
    assert.equal(Number(count.stdout.trim()), SERVICES.length, 'no service was started twice');
  });

  test('kill -9 of the service worker: its services keep running', async () => {
    const before = await mainPids(sb);
    const worker = await sb.pidOf('sm-service');
    assert.ok(worker > 1);
    await sb.sh(`kill -9 ${worker}`);
    await sleep(1500);
    for (const pid of Object.values(before)) {
      assert.equal((await sb.sh(`kill -0 ${pid}; echo $?`)).stdout.trim(), '0', `pid ${pid} still runs`);
    }
    assert.ok(await sb.waitFor(async () => (await sb.pidOf('sm-service')) > 1), 'a new service worker runs');
    assert.ok(await sb.waitFor(async () => JSON.stringify(await mainPids(sb)) === JSON.stringify(before)),
      'the new worker re-adopted the same main pids');
    for (const s of SERVICES) assert.equal((await sb.sctl('is-active', s)).stdout.trim(), 'active', s);
  });

  test('1,000 double-forked orphans under PID 1 leave no zombie after a second', async () => {
    const r = await sb.sh('i=0; while [ $i -lt 1000 ]; do ( sleep 0.2 & ); i=$((i+1)); done; echo done', { timeoutMs: 120_000 });
    assert.equal(r.stdout.trim(), 'done');
    await sleep(1200);
    assert.equal(await zombies(sb), 0);
  });

  test('orphans a service double-forks are adopted and reaped by the service worker, not by init', async () => {
    // The service worker is the child subreaper of its services: their orphans become its
    // children (not init's), and it must reap them. The 50 long-lived ones show whose they are.
    const worker = await sb.pidOf('sm-service');
    assert.ok(worker > 1);
    const r = await sb.sctl('start', 'forker.service');
    assert.equal(r.exitCode, 0, r.stderr);
    const parents = await sb.sh("ps -eo ppid=,args= | awk '$2 == \"sleep\" && $3 == \"4\" { print $1 }'");
    const ppids = parents.stdout.split('\n').filter(Boolean).map(Number);
    assert.equal(ppids.length, 50, `the long-lived orphans are running: ${parents.stdout}${parents.stderr}`);
    assert.deepEqual([...new Set(ppids)], [worker], 'each orphan\'s parent is the service worker');
    assert.ok(await sb.waitFor(async () => (await sb.sh("ps -eo args= | grep -c '^sleep 4$' || true")).stdout.trim() === '0', 10_000),
      'the long-lived orphans exited');
    await sleep(500);
    const left = await sb.sh(`ps -eo stat=,ppid= | awk '$1 ~ /^Z/ { print $2 }'`);
    assert.equal(left.stdout.trim(), '', `no zombie is left (parents of any: ${left.stdout.trim()})`);
    assert.equal(await zombies(sb), 0);
  });

  test('garbage bytes on every socket kill no process', async () => {
    const names = ['init', 'sysmaster', 'sm-service', 'sm-target'];
    const pids = await Promise.all(names.map((n) => sb.pidOf(n)));
    const sockets = ['/run/sysmaster/private', '/run/sysmaster/public', '/run/sysmaster/init.sock',
      '/run/sysmaster/host.sock', '/run/sysmaster/workers/service.sock', '/run/sysmaster/workers/target.sock'];
    for (const s of sockets) {
      const g = await sb.sh(`head -c 4096 /dev/urandom | timeout 2 python3 -c "import socket,sys; c=socket.socket(socket.AF_UNIX); c.connect('${s}'); c.sendall(sys.stdin.buffer.read()); c.settimeout(1)
try: c.recv(100)
except Exception: pass"; echo sent`);
      assert.match(g.stdout, /sent/, `${s}: ${g.stderr}`);
    }
    await sleep(300);
    assert.deepEqual(await Promise.all(names.map((n) => sb.pidOf(n))), pids);
    assert.equal((await sb.sctl('is-active', 'multi-user.target')).stdout.trim(), 'active');
  });
});
