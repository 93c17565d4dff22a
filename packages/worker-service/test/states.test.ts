// The two tables of states.ts, checked over every sub-state: the transitions and the reactions
// agree with the active state each sub-state maps to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REACTIONS, SERVICE_ACTIVE_STATE, SERVICE_TRANSITIONS, type ServiceState } from '../src/states';

const STATES = Object.keys(SERVICE_ACTIVE_STATE) as ServiceState[];

test('a Start is refused exactly while the unit is deactivating or in maintenance (cleaning), and begins a run only from rest or a queued restart', () => {
  for (const state of STATES) {
    const active = SERVICE_ACTIVE_STATE[state];
    const start = REACTIONS[state].start;
    assert.equal(start === 'refuse', active === 'deactivating' || active === 'maintenance', state);
    if (start === 'begin' || start === 'restart-or-announce') {
      assert.ok(SERVICE_TRANSITIONS[state].start !== undefined && SERVICE_TRANSITIONS[state].failed !== undefined, `${state} can begin a run`);
    }
    if (start === 'begin') assert.ok(active === 'inactive' || active === 'failed', state);
  }
});

test('a Stop runs the stop path only from an active unit, aborts a start only while activating, and every stop reaction can be taken', () => {
  for (const state of STATES) {
    const active = SERVICE_ACTIVE_STATE[state];
    const stop = REACTIONS[state].stop;
    if (stop === 'stop') assert.ok(active === 'active' || active === 'reloading', state);
    if (stop === 'abort-start') assert.equal(active, 'activating', state);
    if (stop === 'at-rest') assert.ok(active === 'inactive' || active === 'failed', state);
    if (stop === 'announce') assert.ok(active === 'deactivating' || active === 'maintenance', state);
    if (stop === 'cancel-restart') assert.ok(SERVICE_TRANSITIONS[state].dead !== undefined, `${state} can go to dead`);
    if (stop === 'stop' || stop === 'abort-start') assert.ok(SERVICE_TRANSITIONS[state]['stop-sigterm'] !== undefined, `${state} can wind down`);
  }
});

test('only an active unit reloads, and the main process ending the run is handled only where the unit runs', () => {
  for (const state of STATES) {
    if (REACTIONS[state].reload === 'reload') assert.equal(SERVICE_ACTIVE_STATE[state], 'active', state);
    if (REACTIONS[state]['main-exit'] === 'running') assert.ok(['active', 'reloading'].includes(SERVICE_ACTIVE_STATE[state]), state);
  }
  assert.deepEqual(STATES.filter((s) => REACTIONS[s]['main-exit'] === 'start-step'), ['start']);
});

test('cleaning is entered only from rest and leads back to rest', () => {
  assert.deepEqual(STATES.filter((s) => SERVICE_TRANSITIONS[s].cleaning !== undefined), ['dead', 'failed']);
  assert.deepEqual(Object.values(SERVICE_TRANSITIONS.cleaning).sort(), ['dead', 'failed']);
});
