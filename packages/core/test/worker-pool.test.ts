// The worker pool against in-process UnitWorker servers standing in for worker processes: the
// fake sys "spawns" a server on the type's socket, "kills" by shutting it down, and reports the
// exit. Each test makes one worker misbehave (hang, never answer, send garbage, crash) and
// checks that the pool contains it: killed and restarted, or failed with the reason, with
// sentences for its units, and the other types untouched.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { grpc, implement, serveOnPath, workerSocket, type UnitStatus__Output } from '@sysmaster/proto';
import { WorkerPool } from '../src/workers/pool';
import type { WorkerRegistration } from '../src/workers/registry';
import { inactiveStatus } from '../src/units/unit-table';
import { silentLogger } from '../src/log';

type Behaviour = 'good' | 'hangs-later' | 'mute' | 'garbage' | 'reexecs' | 'dies-on-load';

let dir = '';
const saved = { ...process.env };
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-pool-'));
  process.env.SYSMASTER_RUNTIME_DIR = path.join(dir, 'run');
  process.env.SYSMASTER_LOG_DIR = path.join(dir, 'log');
});
after(() => {
  process.env = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

function registration(type: string): WorkerRegistration {
  return { type, program: '/bin/false', argv: ['/bin/false'], file: path.join(dir, `${type}.conf`), startTimeoutMs: 10_000 };
}

/** A world of fake worker processes: one grpc server per spawned "pid". */
function world(behaviours: Record<string, Behaviour[]>) {
  const servers = new Map<number, { server: grpc.Server; type: string; onExit: Array<() => void> }>();
  const kills: string[] = [];
  const spawns: string[] = [];
  let nextPid = 1000;
  const serve = (type: string, behaviour: Behaviour, pid: number, image = 1): grpc.Server => {
    const server = new grpc.Server();
    let describes = 0;
    implement(server, 'UnitWorker', {
      // 'reexecs': answers, then its "new image" (a new server, same pid, a later image time) takes the socket.
      Reexec: async () => {
        setTimeout(() => {
          const entry = servers.get(pid);
          if (!entry) return;
          entry.server.forceShutdown();
          entry.server = serve(type, behaviour, pid, image + 1);
          void serveOnPath(entry.server, workerSocket(type));
        }, 100);
        return { pid };
      },
      Describe: async () => {
        describes++;
        if (behaviour === 'mute' || (behaviour === 'hangs-later' && describes > 2)) return new Promise(() => undefined);
        return {
          type, sections: [], version: 't', pid, dependency_rules: { order_after_wanted: false, expand_in_tree: false },
          capabilities: { can_reload: false, can_kill: false, can_reexec: behaviour === 'reexecs', once_only: false, has_processes: false, has_logs: false },
          contract_version: 1, image_started_usec: image,
        };
      },
      List: async () => ({ units: [] }),
      // 'dies-on-load': the process dies in the middle of its first Load (the call is cut off).
      Load: async () => {
        if (behaviour === 'dies-on-load') {
          setImmediate(() => sys.kill(pid, 'SIGSEGV'));
          return new Promise(() => undefined);
        }
        return { errors: [], warnings: [], dependencies: [], default_dependencies: [], properties: {}, can_reload: false };
      },
      Watch: (call) => {
        call.write(inactiveStatus(`a.${type}`));
        if (behaviour === 'garbage') {
          call.write(inactiveStatus('b.other'));
          call.write({ ...inactiveStatus(`c.${type}`), active_state: 42 as never });
          call.write(inactiveStatus(`d.${type}`));
        }
      },
    });
    return server;
  };
  const sys = {
    spawn: (ctx: { env: string[] }) => {
      const type = ctx.env.find((e) => e.startsWith('SYSMASTER_WORKER_TYPE='))!.split('=')[1]!;
      const behaviour = behaviours[type]!.shift() ?? 'good';
      const pid = nextPid++;
      spawns.push(`${type} ${behaviour}`);
      const server = serve(type, behaviour, pid);
      servers.set(pid, { server, type, onExit: [] });
      void serveOnPath(server, workerSocket(type));
      return pid;
    },
    watchProcessExit: (pid: number, onExit: () => void) => {
      const s = servers.get(pid);
      if (!s) throw new Error('ESRCH');
      s.onExit.push(onExit);
      return () => undefined;
    },
    kill: (pid: number, signal: NodeJS.Signals) => {
      kills.push(`${pid} ${signal}`);
      const s = servers.get(pid);
      if (!s) throw new Error('ESRCH');
      servers.delete(pid);
      s.server.forceShutdown();
      for (const f of s.onExit) setImmediate(f);
    },
  };
  const crash = (type: string): void => {
    const [pid] = [...servers].find(([, s]) => s.type === type) ?? [];
    if (pid !== undefined) sys.kill(pid, 'SIGSEGV');
  };
  return { sys, kills, spawns, crash, shutdown: () => [...servers.values()].forEach((s) => s.server.forceShutdown()) };
}

function pool(types: string[], w: ReturnType<typeof world>, statuses: UnitStatus__Output[] = [], readyTimeoutMs = 5_000): WorkerPool {
  return new WorkerPool({
    registrations: new Map(types.map((t) => [t, registration(t)])), sys: w.sys, log: silentLogger(), readyTimeoutMs,
    onStatus: (_type, status) => statuses.push(status), onRestarted: async () => undefined,
  });
}

async function until(check: () => boolean, what: string, ms = 15_000): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - start;
}

test('a worker that stops answering is killed after three missed keepalives and started again; the other type is untouched', async (t) => {
  const w = world({ hung: ['hangs-later', 'good'], fine: ['good'] });
  const p = pool(['hung', 'fine'], w);
  t.after(() => {
    p.close();
    w.shutdown();
  });
  await p.startAll();
  const detected = await until(() => w.kills.length > 0, 'the kill', 10_000);
  assert.ok(detected >= 2_000 && detected < 6_000, `detected in ${detected} ms`);
  t.diagnostic(`hang detected and killed ${detected} ms after the pool was ready`);
  assert.match(w.kills[0]!, / SIGKILL$/);
  await until(() => p.notices('hung').some((n) => /was restarted 1 time \(last: hung: it missed 3 keepalives in a row\)/.test(n)), 'the restart');
  assert.deepEqual(w.spawns, ['hung hangs-later', 'fine good', 'hung good']);
  assert.deepEqual(p.notices('fine'), []);
  assert.deepEqual(await p.worker('fine'), { sections: [] });
});

test('a worker that never answers Describe fails with the reason and is killed', async (t) => {
  const w = world({ mute: ['mute'] });
  const p = pool(['mute'], w, [], 800);
  t.after(() => {
    p.close();
    w.shutdown();
  });
  await p.startAll();
  const answer = await p.worker('mute');
  assert.ok('error' in answer && /did not answer Describe on .* within 0\.8s/.test(answer.error), JSON.stringify(answer));
  assert.match(p.notices('mute')[0]!, /^the mute worker failed: it did not answer Describe/);
  assert.equal(w.kills.length, 1);
});

test('statuses for another type or with an unknown active state never reach the manager, and are counted', async (t) => {
  const w = world({ junk: ['garbage'] });
  const statuses: UnitStatus__Output[] = [];
  const p = pool(['junk'], w, statuses);
  t.after(() => {
    p.close();
    w.shutdown();
  });
  await p.startAll();
  await until(() => statuses.length === 2, 'the two good statuses');
  assert.deepEqual(statuses.map((s) => s.name), ['a.junk', 'd.junk']);
  await until(() => p.notices('junk').length > 0, 'the notice');
  assert.match(p.notices('junk')[0]!, /the junk worker sent 2 invalid statuses/);
});

test('a worker that crashes is restarted after a backoff and its units say so meanwhile', async (t) => {
  const w = world({ flaky: ['good', 'good'] });
  const p = pool(['flaky'], w);
  t.after(() => {
    p.close();
    w.shutdown();
  });
  await p.startAll();
  w.crash('flaky');
  await until(() => p.notices('flaky').some((n) => /is restarting \(crashed: its Watch stream ended/.test(n)), 'the restarting notice', 2_000);
  await until(() => w.spawns.length === 2 && p.notices('flaky').some((n) => /was restarted 1 time/.test(n)), 'the second incarnation');
  assert.deepEqual(await p.worker('flaky'), { sections: [] });
});

test('daemon-reload starts a new registration, retires a removed one that has units and stops one that has none', async (t) => {
  const w = world({ kept: ['good'], gone: ['good'], added: ['good'] });
  const registrations = new Map([['kept', registration('kept')], ['gone', registration('gone')]]);
  const next = new Map([['added', registration('added')]]);
  const p = new WorkerPool({
    registrations, sys: w.sys, log: silentLogger(), onStatus: () => undefined, onRestarted: async () => undefined,
    readRegistrations: () => ({ workers: next, problems: [] }), hasUnits: (type) => type === 'kept',
  });
  t.after(() => {
    p.close();
    w.shutdown();
  });
  await p.startAll();
  await p.reloadRegistrations();
  assert.deepEqual(p.types(), ['kept', 'added'], 'a retired type keeps its names valid');
  assert.match(p.notices('kept')[0]!, /registration of the kept worker was removed; it is left running but no longer used/);
  assert.deepEqual(p.notices('gone'), []);
  assert.deepEqual(w.kills.map((k) => k.split(' ')[1]), ['SIGTERM'], 'only the worker without units is stopped');
  const kept = await p.worker('kept');
  assert.ok('error' in kept && /was removed/.test(kept.error));
});

test('a worker re-executed by the pool keeps its pid, is taken back with its new image, and is not counted as restarted', async (t) => {
  const w = world({ rx: ['reexecs'], plain: ['good'] });
  const p = pool(['rx', 'plain'], w);
  t.after(() => { p.close(); w.shutdown(); });
  await p.startAll();
  const outcome = p.reexec('rx');
  const meanwhile = p.worker('rx'); // a request for the type while it re-executes waits, then succeeds
  assert.deepEqual(await outcome, { ok: true, message: 'the rx worker re-executed (pid 1000)' });
  assert.deepEqual(await meanwhile, { sections: [] });
  assert.equal(Number(p.describe('rx')?.image_started_usec), 2, 'the new image answers');
  assert.deepEqual(w.spawns, ['rx reexecs', 'plain good'], 'nothing was spawned again');
  assert.deepEqual(w.kills, []);
  const rx = p.processes().find((x) => x.name === 'sm-rx')!;
  assert.deepEqual([rx.pid, rx.starts, rx.reexecs, rx.state], [1000, 1, 1, 'ready']);
  assert.deepEqual(await p.reexec('plain'), { ok: false, message: 'the plain worker cannot re-execute (capability can_reexec is false)' });
});

test('a worker that re-executes on its own (its Watch stream ends, its pid lives) is taken back instead of waited for forever', async (t) => {
  const w = world({ rx: ['reexecs'] });
  const p = pool(['rx'], w);
  t.after(() => { p.close(); w.shutdown(); });
  await p.startAll();
  const { connect } = await import('@sysmaster/proto');
  const direct = connect('UnitWorker', workerSocket('rx'));
  t.after(() => direct.close());
  assert.equal((await direct.Reexec({ exec_path: '' })).pid, 1000);
  await until(() => Number(p.describe('rx')?.image_started_usec) === 2 && p.processes()[0]!.state === 'ready', 'the pool to take the new image back');
  assert.deepEqual(await p.worker('rx'), { sections: [] });
  assert.deepEqual(w.kills, []);
  assert.equal(w.spawns.length, 1);
});

test('a call cut off because its worker died is made again on the next incarnation', async (t) => {
  const w = world({ flaky: ['dies-on-load', 'good'] });
  const p = pool(['flaky'], w);
  t.after(() => { p.close(); w.shutdown(); });
  await p.startAll();
  const reply = await p.load('flaky', { name: 'a.flaky', fragment_path: '', dropin_paths: [], sections: [], specifiers: {}, unit_settings: {} });
  assert.deepEqual(reply.errors, []);
  assert.deepEqual(w.spawns, ['flaky dies-on-load', 'flaky good']);
});

test('a worker that ran once and then does not answer Describe when started again is killed and tried again, not failed for good', async (t) => {
  const w = world({ flaky: ['good', 'mute', 'good'] });
  const p = pool(['flaky'], w, [], 800);
  t.after(() => { p.close(); w.shutdown(); });
  await p.startAll();
  w.crash('flaky');
  await until(() => w.spawns.length === 3 && p.processes()[0]!.state === 'ready', 'the third incarnation', 20_000);
  assert.deepEqual(w.spawns, ['flaky good', 'flaky mute', 'flaky good']);
  assert.ok(w.kills.some((k) => k.endsWith('SIGKILL')), `the mute one was killed: ${w.kills.join(', ')}`);
  assert.deepEqual(await p.worker('flaky'), { sections: [] });
});

