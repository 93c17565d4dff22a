// UnitWorker.Reexec in worker-kit, with the execve seam faked (the test runner is never exec'd):
// the answer comes first, the hand-over is what the next image needs, a target that cannot run is
// refused before anything is torn down, and a failed execve leaves the worker serving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, type UnitStatus } from '@sysmaster/proto';
import { createLogger, createRecordingHost, runWorker, type ReexecSys, type UnitTypeWorker, type WorkerDefinition } from '../src/index';
import { KEPT_FDS_VARIABLE, LISTEN_FD_VARIABLE, reexecCommand, takeHandedOver } from '../src/reexec';
import { dupFd, listen } from '@sysmaster/sys';

const quiet = createLogger('test', { silent: true });

interface Events { log: string[]; shutdowns: Array<{ reexec: boolean } | undefined>; creates: number }

/** A one-unit type that records its hooks, keeping fd 7 as "thing" across a re-exec. */
function definition(events: Events): WorkerDefinition {
  const status = (name: string): UnitStatus => ({ name, active_state: 'active', sub_state: 'running' });
  return {
    type: 'demo', sections: [],
    capabilities: { can_reload: false, can_kill: false, can_reexec: true, once_only: false, has_processes: false, has_logs: false },
    create: (host) => {
      events.creates++;
      events.log.push(`create handedOver=${JSON.stringify(host.handedOver?.fds ?? null)}`);
      const units: UnitTypeWorker = {
        load: () => ({ errors: [], warnings: [], dependencies: [], default_dependencies: [], properties: {}, can_reload: false }),
        unload: () => undefined, start: () => undefined, stop: () => undefined, resetFailed: () => undefined,
        status, list: () => [status('one.demo')],
        shutdown: (options) => { events.shutdowns.push(options); events.log.push('shutdown'); },
        keptFds: () => ({ thing: 7 }),
      };
      return units;
    },
  };
}

/** A fake ReexecSys: records CLOEXEC changes and the execve call, then fails it like E2BIG. */
function fakeSys(events: Events, calls: { cloexec: Array<[number, boolean]>; exec: { file: string; argv: string[]; env: string[] } | null }): ReexecSys {
  return {
    setCloexec: (fd, on) => { calls.cloexec.push([fd, on]); },
    access: (file) => { if (!fs.existsSync(file)) throw new Error('ENOENT'); },
    execve: (file, argv, env) => {
      calls.exec = { file, argv, env };
      events.log.push('execve');
      throw new Error('E2BIG: argument list too long');
    },
  };
}

async function serve(events: Events, calls: Parameters<typeof fakeSys>[1]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-reexec-'));
  const socketPath = path.join(dir, 'demo.sock');
  const running = await runWorker(definition(events), {
    socketPath, ownProcess: false, log: quiet, core: createRecordingHost(), handedOver: null,
    reexecSys: fakeSys(events, calls), nativeListen: { listen: (p) => listen({ family: 'unix', type: 'stream', address: p, mode: 0o600 }), dup: dupFd },
  });
  const client = connect('UnitWorker', socketPath);
  return {
    running, client,
    async end() { client.close(); await running.close(); fs.rmSync(dir, { recursive: true, force: true }); },
  };
}

async function until(what: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('Reexec answers the pid before it tears anything down, then persists, ends the Watch streams and execve\'s with the listening fd and the kept fds', async () => {
  const events: Events = { log: [], shutdowns: [], creates: 0 };
  const calls: Parameters<typeof fakeSys>[1] = { cloexec: [], exec: null };
  const w = await serve(events, calls);
  try {
    const watch = w.client.Watch({});
    let ended = false;
    watch.on('data', () => undefined);
    watch.on('error', () => { ended = true; });
    watch.on('end', () => { ended = true; });
    const reply = await w.client.Reexec({ exec_path: '' });
    assert.equal(reply.pid, process.pid);
    events.log.push('answered');
    await until(() => calls.exec !== null && events.creates === 2);
    assert.deepEqual(events.log.slice(1, 4), ['answered', 'shutdown', 'execve']);
    assert.deepEqual(events.shutdowns, [{ reexec: true }]);
    await until(() => ended);
    const exec = calls.exec!;
    assert.equal(exec.file, process.execPath);
    assert.deepEqual(exec.argv, [process.execPath, ...process.execArgv, ...process.argv.slice(1)]);
    const listenFd = Number(exec.env.find((e) => e.startsWith(`${LISTEN_FD_VARIABLE}=`))?.split('=')[1]);
    assert.ok(listenFd > 2);
    assert.ok(exec.env.includes(`${KEPT_FDS_VARIABLE}=thing=7`));
    for (const fd of [listenFd, 7, 0, 1, 2]) assert.ok(calls.cloexec.some(([f, on]) => f === fd && !on), `CLOEXEC cleared on ${fd}`);
    // The failed execve set CLOEXEC again on what it had cleared, and the units were built again
    // with the kept fds handed over, so the worker carries on with its old code.
    assert.ok(calls.cloexec.some(([f, on]) => f === listenFd && on));
    assert.equal(events.log.at(-1), 'create handedOver={"thing":7}');
    assert.deepEqual((await w.client.List({})).units.map((u) => u.name), ['one.demo']);
    assert.equal((await w.client.Describe({})).pid, process.pid);
  } finally {
    await w.end();
  }
});

test('a Reexec to a file that does not exist is refused and tears nothing down', async () => {
  const events: Events = { log: [], shutdowns: [], creates: 0 };
  const calls: Parameters<typeof fakeSys>[1] = { cloexec: [], exec: null };
  const w = await serve(events, calls);
  try {
    await assert.rejects(w.client.Reexec({ exec_path: '/nonexistent/main.js' }), /not readable/);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(calls.exec, null);
    assert.deepEqual(events.shutdowns, []);
    assert.equal((await w.client.Status({ name: 'one.demo' })).active_state, 'active');
  } finally {
    await w.end();
  }
});

test('a worker whose type does not set can_reexec answers Reexec UNIMPLEMENTED', async () => {
  const events: Events = { log: [], shutdowns: [], creates: 0 };
  const def = definition(events);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-reexec-'));
  const socketPath = path.join(dir, 'demo.sock');
  const running = await runWorker({ ...def, capabilities: { ...def.capabilities, can_reexec: false } }, {
    socketPath, ownProcess: false, log: quiet, core: createRecordingHost(), handedOver: null,
  });
  const client = connect('UnitWorker', socketPath);
  try {
    await assert.rejects(client.Reexec({ exec_path: '' }), /not supported by units of type 'demo'/);
  } finally {
    client.close();
    await running.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('exec_path "" is the own main script with node\'s own flags and arguments; a path replaces only the script', () => {
  const proc = { execPath: '/usr/bin/node', execArgv: ['--import', 'tsx'], argv: ['/usr/bin/node', '/w/main.js', '-v'] };
  assert.deepEqual(reexecCommand('', proc).argv, ['/usr/bin/node', '--import', 'tsx', '/w/main.js', '-v']);
  assert.deepEqual(reexecCommand('/new/main.js', proc).argv, ['/usr/bin/node', '--import', 'tsx', '/new/main.js', '-v']);
});

test('the hand-over is read from the environment once and removed from it, so spawned processes never see it', () => {
  const env: NodeJS.ProcessEnv = { [LISTEN_FD_VARIABLE]: '5', [KEPT_FDS_VARIABLE]: 'notify=6,bad=x', OTHER: '1' };
  assert.deepEqual(takeHandedOver(env), { listenFd: 5, fds: { notify: 6 } });
  assert.deepEqual(env, { OTHER: '1' });
  assert.equal(takeHandedOver(env), null);
});
