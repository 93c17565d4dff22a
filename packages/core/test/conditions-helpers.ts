// The table runner of the condition tests: parse one assignment, evaluate it, and run a kind's
// [value, expected] rows as Condition and Assert, each also negated with '!'.
import assert from 'node:assert/strict';
import type { Assignment } from '@sysmaster/unit-file';
import { evaluateConditions, parseConditions, type ConditionEnv } from '../src/conditions';

let lineCounter = 0;

/** One [Unit] assignment, on a line of its own. */
export function line(key: string, value: string): Assignment {
  lineCounter++;
  return { section: 'Unit', key, value, file: '/etc/sysmaster/system/x.service', line: lineCounter };
}

/** Parses one assignment (which must be valid) and evaluates it. */
export function holds(key: string, value: string, env: ConditionEnv): boolean {
  const parsed = parseConditions([line(key, value)]);
  assert.deepEqual(parsed.errors, [], `${key}=${value} should parse`);
  const list = key.startsWith('Assert') ? parsed.asserts : parsed.conditions;
  assert.equal(list.length, 1);
  return evaluateConditions(list, env).passed;
}

/** Runs a table of [value, expected] rows for one kind, each also negated with '!'. */
export function table(kind: string, env: ConditionEnv, rows: Array<[string, boolean]>): void {
  for (const [value, expected] of rows) {
    for (const prefix of ['Condition', 'Assert']) {
      assert.equal(holds(`${prefix}${kind}`, value, env), expected, `${prefix}${kind}=${value}`);
      assert.equal(holds(`${prefix}${kind}`, `!${value}`, env), !expected, `${prefix}${kind}=!${value}`);
    }
  }
}
