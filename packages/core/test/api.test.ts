import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CONTRACT_VERSION, IMAGE_STARTED_USEC, connect, runtimePaths } from '@sysmaster/proto';
import type { Client, LogLine__Output, ManagerEvent__Output } from '@sysmaster/proto';
import { serveApiWith } from '../src/api/server';
import type { ApiServer } from '../src/api/server';
import { FakeCore, fakeSystem, quietLog, rejects, status, tempRuntime, unit } from '../src/testing/fake-core';

const env = tempRuntime('sm-api-');
const core = new FakeCore();
const system = fakeSystem(env.cgroupRoot);
const hostCalls: string[] = [];
let api: ApiServer;
let manager: Client<'Manager'>;
let publicManager: Client<'Manager'>;


function collect<T>(stream: AsyncIterable<T>, count: number): Promise<T[]> {
  return (async () => {
    const out: T[] = [];
    for await (const item of stream) {
      out.push(item);
      if (out.length >= count) break;
    }
    return out;
  })();
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail(`timed out waiting for ${what}`);
}

before(async () => {
  const cgroup = path.join(env.cgroupRoot, 'system.slice', 'web.service');
  fs.mkdirSync(path.join(cgroup, 'child'), { recursive: true });
  fs.writeFileSync(path.join(cgroup, 'cgroup.procs'), `${process.pid}\n`);
  fs.writeFileSync(path.join(cgroup, 'child', 'cgroup.procs'), `${process.ppid}\n999999999\n`);
  core.logsByName.set('web.service', Array.from({ length: 30 }, (_, i) => `line ${i + 1}`));
  core.add(
    unit('web.service', {}, { active_state: 'active', sub_state: 'running', main_pid: process.pid, cgroup: '/system.slice/web.service' }),
    unit('idle.service'),
    unit('broken.service', {}, { active_state: 'failed', sub_state: 'failed', result: 'exit-code' }),
    unit('multi-user.target', {}, { active_state: 'active', sub_state: 'active' }),
  );
  api = await serveApiWith(core, {
    log: quietLog,
    hostHandlers: {
      enqueueJob: async (u, type, mode, from) => {
        hostCalls.push(`${u} ${type} ${mode} ${from}`);
        return 42;
      },
      watchUnits: () => () => undefined,
      watchJobQueue: () => () => undefined,
      reportEvent: (u, kind, message, fields) => hostCalls.push(`${u} ${kind} ${message} ${JSON.stringify(fields)}`),
    },
  }, system);
  manager = connect('Manager', runtimePaths().privateSocket);
  publicManager = connect('Manager', runtimePaths().readOnlySocket);
});

after(async () => {
  manager.close();
  publicManager.close();
  await api.close();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

describe('the Manager service', () => {
  test('the sockets are created with modes 0600 (private, host) and 0666 (public)', () => {
    const paths = runtimePaths();
    assert.equal(fs.statSync(paths.privateSocket).mode & 0o777, 0o600);
    assert.equal(fs.statSync(paths.hostSocket).mode & 0o777, 0o600);
    assert.equal(fs.statSync(paths.readOnlySocket).mode & 0o777, 0o666);
  });

  test('Keepalive answers with the pid, the job count, the system state, the contract revision and when this image started', async () => {
    core.state = 'degraded';
    const reply = await manager.Keepalive({});
    core.state = 'running';
    assert.deepEqual(reply, { pid: process.pid, jobs: 0, system_state: 'degraded', contract_version: CONTRACT_VERSION, image_started_usec: IMAGE_STARTED_USEC });
  });

  test('StartUnits adds .service to a bare name, defaults the mode to replace and answers with the jobs', async () => {
    const reply = await manager.StartUnits({ names: ['idle'] });
    assert.equal(core.calls.at(-1), 'enqueue start idle.service replace');
    assert.equal(reply.jobs.length, 1);
    assert.deepEqual({ ...reply.jobs[0], id: 0 }, { id: 0, unit: 'idle.service', type: 'start', state: 'waiting', result: '', message: '' });
    const waiting = manager.WaitJobs({ ids: [reply.jobs[0]!.id] });
    core.finishJobs();
    const done = await waiting;
    assert.equal(done.jobs[0]!.result, 'done');
  });

  test('each job RPC maps to its job type and passes the mode through', async () => {
    await manager.StopUnits({ names: ['web.service'], mode: 'fail' });
    await manager.RestartUnits({ names: ['web'] });
    await manager.TryRestartUnits({ names: ['web'] });
    await manager.ReloadUnits({ names: ['web'] });
    await manager.ReloadOrRestartUnits({ names: ['web'] });
    await manager.Isolate({ names: ['multi-user.target'] });
    assert.deepEqual(core.calls.slice(-6), [
      'enqueue stop web.service fail', 'enqueue restart web.service replace', 'enqueue try-restart web.service replace',
      'enqueue reload web.service replace', 'enqueue reload-or-restart web.service replace', 'enqueue start multi-user.target isolate',
    ]);
    core.finishJobs();
  });

  test('a job for an unknown unit answers NOT_FOUND in systemctl\'s words', async () => {
    await rejects(manager.StartUnits({ names: ['nope'] }), 'ERR_UNIT_NOT_FOUND', /^Unit nope\.service not found\.$/);
  });

  test('a stop of a unit without a file reaches the engine while the unit runs, and is NOT_FOUND once it is down', async () => {
    const vanished = (active_state: 'active' | 'failed') => unit('vanished.service', { loadState: 'not-found', fragmentPath: null }, { active_state });
    core.add(vanished('active'));
    await manager.StopUnits({ names: ['vanished'] });
    assert.equal(core.calls.at(-1), 'enqueue stop vanished.service replace');
    core.finishJobs();
    core.add(vanished('failed'));
    await rejects(manager.StopUnits({ names: ['vanished'] }), 'ERR_UNIT_NOT_FOUND', /^Unit vanished\.service not found\.$/);
    await rejects(manager.RestartUnits({ names: ['vanished'] }), 'ERR_UNIT_NOT_FOUND', /^Unit vanished\.service not found\.$/);
    core.unitsByName.delete('vanished.service');
  });

  test('a bad job mode answers INVALID_ARGUMENT listing the valid modes', async () => {
    const error = await rejects(manager.StartUnits({ names: ['idle'], mode: 99 as never }), 'ERR_INVALID_ARGUMENT', /Invalid job mode \(99\)/);
    assert.match(error.hint ?? '', /replace, fail, isolate, ignore-dependencies, ignore-requirements, flush/);
  });

  test('a malformed unit name answers INVALID_ARGUMENT naming it', async () => {
    await rejects(manager.StartUnits({ names: ['../etc/passwd'] }), 'ERR_BAD_UNIT_NAME', /Invalid unit name "\.\.\/etc\/passwd"/);
    await rejects(manager.GetUnit({ name: 'a b', log_lines: 0 }), 'ERR_BAD_UNIT_NAME', /"a b"/);
  });

  test('a job request without names is refused', async () => {
    await rejects(manager.StopUnits({ names: [] }), 'ERR_INVALID_ARGUMENT', /No unit name given/);
  });

  test('GetUnit lists the processes of the cgroup and its children, and the last log lines', async () => {
    const info = await manager.GetUnit({ name: 'web', log_lines: 3 });
    assert.equal(info.name, 'web.service');
    assert.equal(info.load_state, 'loaded');
    assert.equal(info.status?.active_state, 'active');
    assert.deepEqual(info.processes.map((p) => p.pid), [process.pid, process.ppid]);
    assert.match(info.processes[0]!.command, /node/);
    assert.deepEqual(info.log_lines, ['line 28', 'line 29', 'line 30']);
  });

  test('GetUnit of an unknown unit answers a UnitInfo with load state not-found', async () => {
    const info = await manager.GetUnit({ name: 'ghost.service', log_lines: 10 });
    assert.equal(info.load_state, 'not-found');
    assert.deepEqual(info.processes, []);
    assert.deepEqual(info.log_lines, []);
  });

  test('ListUnits hides inactive units unless all is set, and filters by state, type and pattern', async () => {
    const names = async (req: Parameters<typeof manager.ListUnits>[0]): Promise<string[]> => (await manager.ListUnits(req)).units.map((u) => u.name);
    assert.deepEqual(await names({}), ['broken.service', 'multi-user.target', 'web.service']);
    assert.deepEqual(await names({ all: true }), ['broken.service', 'idle.service', 'multi-user.target', 'web.service']);
    assert.deepEqual(await names({ states: ['failed'] }), ['broken.service']);
    assert.deepEqual(await names({ all: true, types: ['target'] }), ['multi-user.target']);
    assert.deepEqual(await names({ all: true, patterns: ['i*', 'w?[a-c].*'] }), ['idle.service', 'web.service']);
  });

  test('ListJobs, CancelJobs, KillUnits and ResetFailed reach the engine', async () => {
    const { jobs } = await manager.StartUnits({ names: ['idle'] });
    assert.deepEqual((await manager.ListJobs({})).jobs.map((j) => j.id), [jobs[0]!.id]);
    await manager.CancelJobs({ ids: [jobs[0]!.id] });
    await manager.KillUnits({ names: ['web'], signal: 0 });
    await manager.ResetFailed({ names: [] });
    assert.deepEqual(core.calls.slice(-3), [`cancel ${jobs[0]!.id}`, 'kill web.service 15 all', 'reset-failed ']);
    await rejects(manager.KillUnits({ names: ['web'], signal: 9, whom: 7 as never }), 'ERR_INVALID_ARGUMENT', /kill target \(7\)/);
    core.finishJobs();
  });

  test('Reload runs the engine\'s reload, and PowerOff answers before shutdown begins', async () => {
    await manager.Reload({});
    assert.equal(core.reloads, 1);
    await manager.PowerOff({});
    await until(() => core.shutdowns.length === 1, 'shutdown');
    assert.deepEqual(core.shutdowns, ['poweroff']);
    await manager.Reboot({});
    await manager.Halt({});
    await until(() => core.shutdowns.length === 3, 'shutdown');
    assert.deepEqual(core.shutdowns, ['poweroff', 'reboot', 'halt']);
  });

  test('Reexecute answers with the steps the core took, one sentence per process', async () => {
    const before = core.reexecs;
    assert.deepEqual(await manager.Reexecute({}), { steps: ['the core re-executes now (fake)'] });
    assert.equal(core.reexecs, before + 1);
  });

  test('GetDefaultTarget resolves default.target in the unit files to the unit it names', async () => {
    const lib = env.install.searchPath[2]!;
    fs.writeFileSync(path.join(lib, 'multi-user.target'), '[Unit]\nDescription=Multi-User\n');
    fs.symlinkSync('multi-user.target', path.join(lib, 'default.target'));
    assert.deepEqual(await manager.GetDefaultTarget({}), { name: 'multi-user.target' });
  });

  test('Subscribe streams unit and job events and unsubscribes when the client cancels', async () => {
    const stream = manager.Subscribe({});
    const events = collect<ManagerEvent__Output>(stream, 2);
    await until(() => core.events.listenerCount('unit') === 1, 'the subscription');
    core.events.emit('unit', status('web.service', { active_state: 'deactivating' }));
    core.events.emit('job', { id: 7, unit: 'web.service', type: 'stop', state: 'running', result: '', message: '' });
    const got = await events;
    assert.equal(got[0]!.unit?.active_state, 'deactivating');
    assert.equal(got[1]!.job?.id, 7);
    stream.cancel();
    await until(() => core.events.listenerCount('unit') === 0 && core.events.listenerCount('job') === 0, 'the unsubscription');
  });

  test('Logs sends the last lines of the unit log', async () => {
    const lines = await collect<LogLine__Output>(manager.Logs({ name: 'web', lines: 2 }), 100);
    assert.deepEqual(lines.map((l) => l.text), ['line 29', 'line 30']);
    const tenByDefault = await collect<LogLine__Output>(manager.Logs({ name: 'web' }), 100);
    assert.equal(tenByDefault.length, 10);
  });

  test('Logs of an unknown unit without a log answers NOT_FOUND', async () => {
    await rejects(collect(manager.Logs({ name: 'ghost' }), 1), 'ERR_UNIT_NOT_FOUND', /Unit ghost\.service not found\./);
  });

  test('Logs with follow relays the lines the worker sends after the backlog, and stops relaying when cancelled', async () => {
    core.logsByName.set('idle.service', ['old 1', 'old 2']);
    const stream = manager.Logs({ name: 'idle', lines: 1, follow: true });
    const seen: string[] = [];
    stream.on('data', (line: LogLine__Output) => seen.push(line.text));
    stream.on('error', () => undefined);
    await until(() => seen.length === 1, 'the backlog');
    core.appendLog('idle.service', 'new 1');
    await until(() => seen.length === 2, 'the appended line');
    assert.deepEqual(seen, ['old 2', 'new 1']);
    stream.cancel();
    await until(() => core.followerCount('idle.service') === 0, 'the end of the relay');
  });

  test('Logs of a unit whose type has no log says so instead of sending nothing', async () => {
    await rejects(collect(manager.Logs({ name: 'multi-user.target' }), 1), 'ERR_UNIMPLEMENTED', /Units of type target have no log/);
  });

  test('Logs passes --since on to the worker and asks for every line since then unless a count is given', async () => {
    await collect(manager.Logs({ name: 'web', since_usec: 1234 }), 100);
    assert.deepEqual(core.logRequests.at(-1), { name: 'web.service', lines: 0, follow: false, since_usec: 1234 });
  });
});

describe('access control', () => {
  test('the public socket serves the read-only RPCs', async () => {
    assert.equal((await publicManager.Keepalive({})).pid, process.pid);
    assert.equal((await publicManager.GetUnit({ name: 'web', log_lines: 0 })).name, 'web.service');
    assert.ok((await publicManager.ListUnits({})).units.length > 0);
  });

  test('the public socket answers PERMISSION_DENIED, with a hint to use sudo, to every other RPC', async () => {
    const error = await rejects(publicManager.StartUnits({ names: ['web'] }), 'ERR_PERMISSION', /StartUnits needs root/);
    assert.match(error.hint ?? '', /sudo/);
    await rejects(publicManager.PowerOff({}), 'ERR_PERMISSION', /PowerOff/);
    await rejects(publicManager.Reload({}), 'ERR_PERMISSION', /Reload/);
    assert.deepEqual(core.shutdowns, ['poweroff', 'reboot', 'halt']);
  });

  test('a caller on the private socket that is not root gets only the read-only RPCs', async () => {
    system.uid = 1000;
    // A channel of its own: grpc-js would otherwise reuse the root connection of `manager`.
    const client = connect('Manager', runtimePaths().privateSocket, { 'grpc.use_local_subchannel_pool': 1 });
    try {
      assert.equal((await client.Keepalive({})).pid, process.pid);
      await rejects(client.StopUnits({ names: ['web'] }), 'ERR_PERMISSION', /StopUnits/);
    } finally {
      client.close();
      system.uid = 0;
    }
  });

  test('garbage bytes on a socket do not disturb the core', async () => {
    for (const socketPath of [runtimePaths().privateSocket, runtimePaths().readOnlySocket, runtimePaths().hostSocket]) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(socketPath, () => {
          socket.write(Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x04\xff\xff\xff\xff garbage \x00\x01\x02'));
          socket.write(Buffer.alloc(4096, 0xa5));
        });
        socket.on('error', () => resolve());
        socket.on('close', () => resolve());
        setTimeout(() => socket.destroy(), 200);
      });
    }
    assert.equal((await manager.Keepalive({})).pid, process.pid);
  });
});

describe('the WorkerHost service', () => {
  test('EnqueueJob and ReportEvent reach the host handlers', async () => {
    const host = connect('WorkerHost', runtimePaths().hostSocket);
    try {
      assert.deepEqual(await host.EnqueueJob({ unit: 'web.service', type: 'start', from_type: 'socket' }), { job_id: 42 });
      await host.ReportEvent({ unit: 'web.service', kind: 'notify', message: 'ready', fields: { READY: '1' } });
      assert.deepEqual(hostCalls, ['web.service start replace socket', 'web.service notify ready {"READY":"1"}']);
      await rejects(host.EnqueueJob({ unit: '', type: 'start' }), 'ERR_INVALID_ARGUMENT', /names no unit/);
    } finally {
      host.close();
    }
  });
});
