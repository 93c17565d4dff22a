// Scenario (issue 10): nothing is lost when the core is replaced. kill -9 of the core while a
// restart job is in flight and `sctl restart` waits on it: sctl still exits 0 and the service
// was restarted exactly once; kill -9 of the core during a transaction of 200 start jobs: every
// job is finished by the next core, and no unit is started twice; the same with kill -9 of the
// service worker and of the target worker in the middle of such a transaction.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, sleep, unitsOf, useSandbox } from '../harness.mjs';

/** How many processes run exactly `args` inside the sandbox. */
async function running(sb: Sandbox, args: string): Promise<number> {
  const r = await sb.sh(`ps -eo args= | grep -cx '${args}' || true`);
  return Number(r.stdout.trim() || 0);
}

describe('never down: a core crash loses no job', () => {
  let sb: Sandbox;
  useSandbox(() => Sandbox.boot({ units: [unitsOf(import.meta.url)] }), (s) => { sb = s; });

  test('kill -9 of the core while `sctl restart` waits on its job: sctl exits 0 and the service was restarted once', async () => {
    assert.equal((await sb.sctl('start', 'slow.service')).exitCode, 0);
    const before = Number(await sb.show('slow.service', 'MainPID'));
    assert.ok(before > 1);
    // sctl restart waits ~2 s for ExecStartPre=; the core is killed in the middle of it.
    const r = await sb.sh('sctl restart slow.service & s=$!; sleep 0.7; kill -9 $(pidof sysmaster); wait $s; echo "rc=$?"', { timeoutMs: 60_000 });
    assert.match(r.stdout, /rc=0/, `sctl restart: ${r.stdout}${r.stderr}`);
    const after = Number(await sb.show('slow.service', 'MainPID'));
    assert.ok(after > 1 && after !== before, `restarted: MainPID ${before} -> ${after}`);
    assert.equal((await sb.sctl('is-active', 'slow.service')).stdout.trim(), 'active');
    assert.equal(await running(sb, '/bin/sleep infinity'), 1, 'one main process, not two');
    assert.equal((await sb.sctl('show', '-p', 'NRestarts', '--value', 'slow.service')).exitCode, 0);
  });

  test('kill -9 of the core during a transaction of 200 start jobs: the next core finishes every job, and none starts twice', async (t) => {
    const units = Array.from({ length: 200 }, (_, i) => `many@${i}.service`);
    // The batch waits for many-gate (1.5 s) and the core is killed meanwhile; every sctl waits.
    const r = await sb.sh(`sctl start ${units.join(' ')} many-gate.service & s=$!; sleep 0.8; kill -9 $(pidof sysmaster); wait $s; echo "rc=$?"`, { timeoutMs: 120_000 });
    assert.match(r.stdout, /rc=0/, `sctl start: ${r.stdout}${r.stderr}`);
    const active = await sb.sh(`sctl is-active ${units.join(' ')} | sort | uniq -c`, { timeoutMs: 60_000 });
    t.diagnostic(active.stdout.trim());
    assert.match(active.stdout.trim(), /^\s*200 active$/);
    assert.equal(await running(sb, '/bin/sleep infinity'), 201, '200 instances and slow.service, each once');
    const jobs = await sb.sctl('list-jobs');
    assert.match(jobs.stdout, /No jobs running/);
  });

  for (const worker of ['sm-service', 'sm-target']) {
    test(`kill -9 of ${worker} during a transaction of 200 jobs: every job ends done and every unit runs once`, async (t) => {
      const units = Array.from({ length: 200 }, (_, i) => `many@${i}.service`);
      assert.equal((await sb.sh(`sctl stop ${units.join(' ')} many-gate.service`, { timeoutMs: 120_000 })).exitCode, 0);
      const r = await sb.sh(`sctl start ${units.join(' ')} many-gate.service & s=$!; sleep 0.8; kill -9 $(pidof ${worker}); wait $s; echo "rc=$?"`, { timeoutMs: 120_000 });
      assert.match(r.stdout, /rc=0/, `sctl start: ${r.stdout}${r.stderr}`);
      const active = await sb.sh(`sctl is-active ${units.join(' ')} | sort | uniq -c`, { timeoutMs: 60_000 });
      t.diagnostic(active.stdout.trim());
      assert.match(active.stdout.trim(), /^\s*200 active$/);
      assert.equal(await running(sb, '/bin/sleep infinity'), 201, '200 instances and slow.service, each once');
    });
  }

  test('the core that was killed left no zombie and no second worker', async () => {
    await sleep(500);
    const z = await sb.sh("ps -eo stat= | grep -c '^Z' || true");
    assert.equal(Number(z.stdout.trim() || 0), 0);
    for (const comm of ['sysmaster', 'sm-service', 'sm-target']) {
      const n = await sb.sh(`ps -eo comm= | grep -cx ${comm} || true`);
      assert.equal(Number(n.stdout.trim()), 1, comm);
    }
  });
});
