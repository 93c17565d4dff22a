import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIVE_STATES, DOWN_STATES, JOB_TYPES, RUNNING_STATES, UP_STATES, inStates, startsUnit } from '../src/index';

test('inStates tells whether a reported state is in a group, and puts a string outside the enum in none', () => {
  assert.equal(inStates('active', UP_STATES), true);
  assert.equal(inStates('deactivating', UP_STATES), false);
  assert.equal(inStates('deactivating', RUNNING_STATES), true);
  assert.equal(inStates('failed', DOWN_STATES), true);
  for (const group of [UP_STATES, DOWN_STATES, RUNNING_STATES]) {
    for (const state of ['', 'running', 'ACTIVE', 'inactive ']) assert.equal(inStates(state, group), false, `${JSON.stringify(state)} is in no group`);
  }
});

test('every active state is up, down or on its way down, and never both up and down', () => {
  for (const state of ACTIVE_STATES) {
    assert.equal(inStates(state, UP_STATES) || inStates(state, DOWN_STATES) || state === 'deactivating', true, state);
    assert.equal(inStates(state, UP_STATES) && inStates(state, DOWN_STATES), false, state);
  }
});

test('startsUnit: start, restart and reload-or-restart start a unit; try-restart only one that is up; reload, verify-active and stop never', () => {
  const starts = JOB_TYPES.filter((type) => startsUnit(type));
  assert.deepEqual([...starts].sort(), ['reload-or-restart', 'restart', 'start', 'try-restart']);
  assert.deepEqual(JOB_TYPES.filter((type) => startsUnit(type, false)).sort(), ['reload-or-restart', 'restart', 'start']);
  assert.deepEqual(JOB_TYPES.filter((type) => startsUnit(type, true)).sort(), [...starts].sort());
});
