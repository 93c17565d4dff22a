// The job-merge table's algebra, checked over the whole table (merge.ts states it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MERGEABLE_TYPES, MERGE_TABLE, collapseForRun, collapseRequest, mergeJobTypes, subsumes } from '../src/job/merge';

const T = MERGEABLE_TYPES;

test('merging a job type with itself gives the same type (idempotent)', () => {
  for (const a of T) assert.equal(mergeJobTypes(a, a), a);
});

test('merging is commutative over the whole table', () => {
  for (const a of T) for (const b of T) assert.equal(mergeJobTypes(a, b), mergeJobTypes(b, a), `${a} ${b}`);
});

test('merging is associative wherever both groupings are defined, and pairwise-mergeable triples merge either way', () => {
  for (const a of T) for (const b of T) for (const c of T) {
    const ab = mergeJobTypes(a, b);
    const bc = mergeJobTypes(b, c);
    const left = ab === null ? null : mergeJobTypes(ab, c);
    const right = bc === null ? null : mergeJobTypes(a, bc);
    if (left !== null && right !== null) assert.equal(left, right, `${a} ${b} ${c}`);
    if (ab !== null && bc !== null && mergeJobTypes(a, c) !== null) {
      assert.notEqual(left, null, `${a} ${b} ${c}`);
      assert.notEqual(right, null, `${a} ${b} ${c}`);
    }
  }
});

test('stop merges with nothing but stop', () => {
  for (const a of T) assert.equal(mergeJobTypes('stop', a), a === 'stop' ? 'stop' : null);
});

test("systemd's entries: start+verify-active is start, reload+start is reload-or-start, restart absorbs every start-like type", () => {
  assert.equal(mergeJobTypes('start', 'verify-active'), 'start');
  assert.equal(mergeJobTypes('reload', 'start'), 'reload-or-start');
  assert.equal(mergeJobTypes('reload', 'verify-active'), 'reload');
  for (const a of T) if (a !== 'stop') assert.equal(mergeJobTypes('restart', a), 'restart');
});

test('the merge is the least upper bound of the "does at least as much" order', () => {
  const order: Array<[string, string]> = [['verify-active', 'start'], ['start', 'reload-or-start'], ['reload-or-start', 'restart'], ['verify-active', 'reload'], ['reload', 'reload-or-start']];
  const leq = (a: string, b: string): boolean => {
    if (a === b) return true;
    return order.some(([x, y]) => x === a && leq(y, b));
  };
  for (const a of T) for (const b of T) {
    const m = mergeJobTypes(a, b);
    if (a === 'stop' || b === 'stop' || m === null) continue;
    assert.ok(leq(a, m) && leq(b, m), `${a} ${b} → ${m} is an upper bound`);
    for (const u of T) if (u !== 'stop' && leq(a, u) && leq(b, u)) assert.ok(leq(m, u), `${m} ≤ ${u}`);
  }
});

test('the table is total over the mergeable types and subsumes() agrees with it', () => {
  for (const a of T) {
    assert.deepEqual(Object.keys(MERGE_TABLE[a]).sort(), [...T].sort());
    for (const b of T) assert.equal(subsumes(a, b), mergeJobTypes(a, b) === a);
  }
});

test('conditional types collapse by the unit state: try-restart and try-reload to nothing on a unit that is down, reload-or-start to start', () => {
  assert.equal(collapseRequest('try-restart', false), null);
  assert.equal(collapseRequest('try-restart', true), 'restart');
  assert.equal(collapseRequest('try-reload', false), null);
  assert.equal(collapseRequest('try-reload', true), 'reload');
  assert.equal(collapseForRun('reload-or-start', false), 'start');
  assert.equal(collapseForRun('reload-or-start', true), 'reload');
});
