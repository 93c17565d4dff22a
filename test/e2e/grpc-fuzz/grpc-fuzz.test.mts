// Scenario: gRPC fuzzing of every server in a booted sandbox (issue 15). fuzz.mjs sends seeded,
// typed random messages built from the contract's descriptors to every RPC of the core's Manager
// (as root on the private socket, as nobody on the public one), WorkerHost, each worker's
// UnitWorker and init's Init, plus raw garbage, HTTP/2 garbage and lying or truncated gRPC frames.
// Counted and asserted: no process died or was replaced (the pids of the core and every worker,
// init's core_starts), every call answered within 5 s (an error status is an answer), no
// ERR_INTERNAL answer (bad input gets the project's own error codes). 150 calls per server in CI;
// FUZZ_ROUNDS=N sets another count, FUZZ_LONG=1 runs 5,000; FUZZ_SEED replays a run.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Sandbox, useSandbox } from '../harness.mjs';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const FUZZ = path.join(HERE, 'fuzz.mjs');
const PROBE = path.join(HERE, '../no-stall/stall-probe.mjs');
const MANAGERS = ['sysmaster', 'sm-service', 'sm-socket', 'sm-target', 'sm-timer'];

interface Counts { calls: number; answered: number; unanswered: number; internal: string[]; raw: { sent: number; answered: number } }

describe('grpc fuzz', () => {
  let sb: Sandbox;
  useSandbox(() => Sandbox.boot({}), (s) => { sb = s; });

  const pids = async (): Promise<number[]> => Promise.all(MANAGERS.map((comm) => sb.pidOf(comm)));
  const coreStarts = async (): Promise<number> => {
    const r = await sb.run(['node', PROBE, 'init-status']);
    return (JSON.parse(r.stdout) as { core_starts: number }).core_starts;
  };
  const env = ['env', ...['FUZZ_LONG', 'FUZZ_SEED', 'FUZZ_ROUNDS'].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]}`)];

  async function fuzz(targets: string[], prefix: string[] = []): Promise<Counts> {
    const r = await sb.run([...prefix, ...env, 'node', FUZZ, ...targets], { timeoutMs: process.env.FUZZ_LONG ? 1_800_000 : 120_000 });
    assert.equal(r.exitCode, 0, r.stderr);
    const counts = JSON.parse(r.stdout.trim()) as Counts;
    console.log(`# ${targets.join(',')}: ${JSON.stringify(counts)}`);
    return counts;
  }

  function assertClean(counts: Counts): void {
    assert.equal(counts.unanswered, 0, `${counts.unanswered} of ${counts.calls} calls got no answer within 5 s`);
    assert.equal(counts.answered, counts.calls);
    assert.deepEqual(counts.internal, [], 'bad input answered ERR_INTERNAL');
    assert.equal(counts.raw.answered, counts.raw.sent, 'every framed gRPC request, however broken, got a grpc-status');
  }

  test('random messages and garbage frames to every root server are all answered, and nothing dies', async () => {
    const [before, starts] = [await pids(), await coreStarts()];
    assertClean(await fuzz(['private', 'host', 'init', 'workers']));
    assert.deepEqual(await pids(), before, 'the core and every worker kept their pids');
    assert.equal(await coreStarts(), starts, 'init did not replace the core');
  });

  test('random messages from an unprivileged user on the public socket are all answered', async () => {
    const [before, starts] = [await pids(), await coreStarts()];
    assertClean(await fuzz(['public'], ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']));
    assert.deepEqual(await pids(), before);
    assert.equal(await coreStarts(), starts);
    assert.equal((await sb.sctl('is-active', 'multi-user.target')).stdout.trim(), 'active', 'the manager still serves root');
  });
});
