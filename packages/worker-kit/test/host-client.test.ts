import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  SysmasterError, grpc, implement, serveOnPath,
  type HostJobRequest__Output, type Handlers, type UnitStatus,
} from '@sysmaster/proto';
import { createHostClient, createLogger, type HostClient } from '../src/index';

const quiet = createLogger('test', { silent: true });

/** A WorkerHost server on `socket` that records what it receives; `start()` (re)serves it. */
function fakeCore(socket: string): {
  jobs: HostJobRequest__Output[]; events: string[]; start(): Promise<void>; stop(): Promise<void>; publish(status: UnitStatus): void;
} {
  const jobs: HostJobRequest__Output[] = [];
  const events: string[] = [];
  const watchers = new Set<grpc.ServerWritableStream<unknown, UnitStatus>>();
  let server: grpc.Server | null = null;
  const handlers: Partial<Handlers<'WorkerHost'>> = {
    EnqueueJob: async (req) => {
      if (req.unit === 'missing.flag') throw new SysmasterError('ERR_UNIT_NOT_FOUND', 'Unit missing.flag not found.');
      jobs.push(req);
      return { job_id: jobs.length };
    },
    ReportEvent: async (req) => {
      events.push(`${req.unit} ${req.kind} ${req.message}`);
      return {};
    },
    WatchUnits: (call) => {
      const stream = call as unknown as grpc.ServerWritableStream<unknown, UnitStatus>;
      for (const name of call.request.units) stream.write({ name, active_state: 'inactive', sub_state: 'dead' });
      watchers.add(stream);
      call.on('cancelled', () => watchers.delete(stream));
    },
  };
  return {
    jobs, events,
    start: async () => {
      server = new grpc.Server();
      implement(server, 'WorkerHost', handlers);
      await serveOnPath(server, socket);
    },
    stop: async () => {
      for (const w of watchers) w.end();
      watchers.clear();
      server?.forceShutdown();
      server = null;
    },
    publish: (status) => { for (const w of watchers) w.write(status); },
  };
}

async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the WorkerHost client of worker-kit', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-client-'));
  const socket = path.join(dir, 'host.sock');

  test('enqueueJob sends the job in the proto\'s spelling and returns the id', async (t) => {
    const core = fakeCore(socket);
    await core.start();
    const client = createHostClient({ fromType: 'flag', log: quiet, socketPath: socket });
    t.after(async () => { client.close(); await core.stop(); });
    assert.equal(await client.enqueueJob('a.flag', 'try-restart', 'ignore-dependencies'), 1);
    assert.deepEqual(core.jobs.map((j) => [j.unit, j.type, j.mode, j.from_type]), [['a.flag', 'try_restart', 'ignore_dependencies', 'flag']]);
  });

  test('enqueueJob waits out a core that is being replaced, and a refusal is final at once', async (t) => {
    const core = fakeCore(socket);
    const client = createHostClient({ fromType: 'flag', log: quiet, socketPath: socket, retryForMs: 10_000 });
    t.after(async () => { client.close(); await core.stop(); });
    const pending = client.enqueueJob('b.flag', 'start');
    await new Promise((resolve) => setTimeout(resolve, 300)); // no core for 300 ms
    await core.start();
    assert.equal(await pending, 1);
    const started = Date.now();
    await assert.rejects(client.enqueueJob('missing.flag', 'start'), (e: unknown) => e instanceof SysmasterError && e.code === 'ERR_UNIT_NOT_FOUND');
    assert.ok(Date.now() - started < 1_000, 'a refusal is not retried');
  });

  test('enqueueJob gives up with UNAVAILABLE once the core stayed away for the retry window', async (t) => {
    const client = createHostClient({ fromType: 'flag', log: quiet, socketPath: path.join(dir, 'nobody.sock'), retryForMs: 300 });
    t.after(() => client.close());
    await assert.rejects(client.enqueueJob('c.flag', 'start'), (e: unknown) => e instanceof SysmasterError && e.code === 'ERR_UNAVAILABLE');
  });

  test('reportEvent never rejects, even without a core', async (t) => {
    const client = createHostClient({ fromType: 'flag', log: quiet, socketPath: path.join(dir, 'nobody.sock'), retryForMs: 100 });
    t.after(() => client.close());
    await client.reportEvent('d.flag', 'warning', 'lost');
  });

  test('watchUnits delivers the snapshot and changes, and the new core\'s snapshot after a core restart', async (t) => {
    const core = fakeCore(socket);
    await core.start();
    const client: HostClient = createHostClient({ fromType: 'flag', log: quiet, socketPath: socket });
    const seen: string[] = [];
    const watch = client.watchUnits(['e.service'], (s) => seen.push(`${s.name} ${s.active_state}`));
    t.after(async () => { watch.close(); client.close(); await core.stop(); });
    await until(() => seen.length === 1, 'the snapshot');
    core.publish({ name: 'e.service', active_state: 'active', sub_state: 'running' });
    await until(() => seen.length === 2, 'the change');
    await core.stop();
    await core.start();
    await until(() => seen.length === 3, 'the snapshot of the new core');
    assert.deepEqual(seen, ['e.service inactive', 'e.service active', 'e.service inactive']);
  });
});
