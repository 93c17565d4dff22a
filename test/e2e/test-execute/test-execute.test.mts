// Scenario (issue 13 item 12): systemd's own exec test units, run the way systemd's
// src/test/test-execute.c runs them — load the unit, start it, wait until it is inactive or
// failed, and compare the main process's exit (code and status) or the service's Result= with
// what test-execute.c expects (expectations.mts has the table and its source). The unit files are
// test data from Debian's systemd-tests package (scripts/lib.sh installs it), never its binary.
//
// One sandbox runs every step in order, as test-execute.c runs them in one manager. The run prints
// "test-execute: N of M pass (systemd 252 on this host: 133 of 136)" and a table of every unit
// that did not end as expected, with the reason. It fails when a unit outside GROUPS (sandboxing
// directives, which are another issue; DynamicUser=, refused by design; the short KNOWN list,
// each with its reason) does not pass.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox } from '../harness.mjs';
import { GROUPS, KNOWN, STEPS, SYSTEMD_ON_THIS_HOST, TMP_LEFTOVERS, type Expected, type Step } from './expectations.mjs';

const TESTDATA = '/usr/lib/systemd/tests/testdata/test-execute';

interface Outcome { step: Step; pass: boolean; got: string; reason: string }

/** The steps test-execute.c would run on this machine: exec-cpuaffinity3 only with CPUs 1 and 2. */
function stepsForThisHost(): Step[] {
  const steps = [...STEPS];
  if (os.availableParallelism() >= 3) {
    const at = steps.findIndex((s) => s.unit === 'exec-cpuaffinity2.service') + 1;
    steps.splice(at, 0, { unit: 'exec-cpuaffinity3.service', expected: { code: 'exited', status: 0 } });
  }
  return steps.filter((s) => fs.existsSync(path.join(TESTDATA, s.unit.replace(/@[^.]+\./, '@.'))));
}

/**
 * Starts `unit` and waits for it to end (a oneshot's start returns when it is done; a simple
 * service's once it runs, so its state is polled), then prints its properties as KEY=VALUE.
 */
function runScript(unit: string): string {
  return [
    `sctl start ${unit} >/tmp/sm-te-start.$$ 2>&1; echo "StartExit=$?"`,
    `i=0; while [ $i -lt 300 ]; do`,
    `  s=$(sctl show -p ActiveState --value ${unit}); case "$s" in inactive|failed) break ;; esac; sleep 0.1; i=$((i+1))`,
    'done',
    `sctl show -p LoadState -p ActiveState -p Result -p ExecMainCode -p ExecMainStatus -p LoadError ${unit}`,
    // sctl's job message up to its "See ..." hint, which names no reason.
    `echo "StartOutput=$(tr '\\n' ' ' </tmp/sm-te-start.$$ | sed 's/ See ".*//' | cut -c1-200)"; rm -f /tmp/sm-te-start.$$`,
    `sctl reset-failed ${unit} >/dev/null 2>&1 || true`,
  ].join('\n');
}

function judge(step: Step, props: Map<string, string>): Outcome {
  const get = (k: string): string => props.get(k) ?? '';
  const e: Expected = step.expected;
  const got = `${get('ExecMainCode') || '-'}/${get('ExecMainStatus')} result=${get('Result') || '-'}`;
  if (get('LoadState') !== 'loaded') {
    return { step, pass: false, got: `load=${get('LoadState')}`, reason: get('LoadError') || get('StartOutput') || 'not loaded' };
  }
  const pass = 'result' in e
    ? get('Result') === e.result
    : get('ExecMainCode') === e.code && Number(get('ExecMainStatus')) === e.status;
  const want = 'result' in e ? `result=${e.result}` : `${e.code}/${e.status}`;
  const known = KNOWN[step.unit] === undefined ? '' : ` — ${KNOWN[step.unit]}`;
  const reason = pass ? '' : `expected ${want}${get('StartOutput') ? `; sctl start: ${get('StartOutput')}` : ''}${known}`;
  return { step, pass, got, reason };
}

function report(outcomes: Outcome[]): string {
  const passed = outcomes.filter((o) => o.pass).length;
  const lines = [`test-execute: ${passed} of ${outcomes.length} pass (${SYSTEMD_ON_THIS_HOST})`];
  const failing = outcomes.filter((o) => !o.pass);
  const width = Math.max(10, ...failing.map((o) => o.step.unit.length));
  for (const [group, label] of [[undefined, 'must pass'], ...Object.entries(GROUPS)] as Array<[string | undefined, string]>) {
    const rows = failing.filter((o) => o.step.group === group);
    if (rows.length === 0) continue;
    lines.push('', `${label} — ${rows.length} not passing:`);
    for (const o of rows) lines.push(`  ${o.step.unit.padEnd(width)}  ${o.got.padEnd(28)}  ${o.reason}`);
  }
  return lines.join('\n');
}

describe("systemd's test-execute units", () => {
  let sb: Sandbox | undefined;
  let units = '';
  const outcomes: Outcome[] = [];

  before(async () => {
    assert.ok(fs.existsSync(TESTDATA), `${TESTDATA} is missing: scripts/lib.sh installs systemd-tests (sm_ensure_apt test)`);
    units = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-e2e-test-execute-'));
    fs.cpSync(TESTDATA, units, { recursive: true });
    sb = await Sandbox.boot({ units: [units], timeoutSec: 90 });
  });

  after(async () => {
    try {
      if (sb) {
        const r = await sb.shutdown();
        assert.equal(r.exitCode, 0, `sandbox exit:\n${r.output}`);
      }
    } finally {
      for (const p of [units, ...TMP_LEFTOVERS]) if (p) fs.rmSync(p, { recursive: true, force: true });
    }
  });

  test('every unit outside the sandboxing, DynamicUser= and known groups ends as test-execute.c expects', { timeout: 30 * 60_000 }, async () => {
    const box = sb!;
    for (const step of stepsForThisHost()) {
      if (step.before !== undefined) {
        const prep = await box.sh(step.before);
        assert.equal(prep.exitCode, 0, `setup of ${step.unit}: ${prep.stderr}`);
      }
      const r = await box.sh(runScript(step.unit), { timeoutMs: 60_000 });
      const props = new Map(r.stdout.split('\n').filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).trim()]));
      outcomes.push(judge(step, props));
    }
    console.log(report(outcomes));
    const mustPass = outcomes.filter((o) => o.step.group === undefined && !o.pass).map((o) => `${o.step.unit}: ${o.got} (${o.reason})`);
    assert.deepEqual(mustPass, [], 'units that must pass');
  });
});
