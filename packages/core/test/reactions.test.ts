// The reactions (job/reactions.ts) over a fake port: which units still need a StopWhenUnneeded=
// unit. The whole path, from a transition to the stop job, is in directives.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JOB_TYPES, type JobType } from '@sysmaster/proto';
import { UnitReactions } from '../src/job/reactions';
import { silentLogger } from '../src/log';
import { DEFAULT_UNIT_SETTINGS } from '../src/units/unit-settings';

/** helper.service (StopWhenUnneeded=yes, active) is required by app.service, which is `appState` with a job of `appJob`. */
function reactions(appState: string, appJob: JobType | null): UnitReactions {
  const states: Record<string, string> = { 'helper.service': 'active', 'app.service': appState };
  const deps: Record<string, string[]> = { 'helper.service/RequiredBy': ['app.service'] };
  return new UnitReactions({
    settings: (unit) => ({ ...DEFAULT_UNIT_SETTINGS, stopWhenUnneeded: unit === 'helper.service' }),
    activeState: (unit) => states[unit] ?? 'inactive',
    deps: (unit, kind) => deps[`${unit}/${kind}`] ?? [],
    jobOf: (unit) => (unit === 'app.service' && appJob ? { id: 1, unit, type: appJob, state: 'waiting', result: '', message: '' } : null),
    enqueue: async () => undefined,
    action: () => undefined,
    collect: async () => undefined,
    log: silentLogger(),
  });
}

test('a unit that is down needs what it requires only while its job starts it: start, restart, try-restart or reload-or-restart', () => {
  const needing = JOB_TYPES.filter((type) => !reactions('inactive', type).unneeded('helper.service'));
  assert.deepEqual(needing.sort(), ['reload-or-restart', 'restart', 'start', 'try-restart']);
  assert.equal(reactions('inactive', null).unneeded('helper.service'), true);
});

test('a unit that is up needs what it requires, whatever its job', () => {
  for (const type of [null, ...JOB_TYPES]) assert.equal(reactions('active', type).unneeded('helper.service'), false, String(type));
});

test('a unit on its way down in the stop half of a try-restart still needs what it requires', () => {
  assert.equal(reactions('deactivating', 'try-restart').unneeded('helper.service'), false);
});
