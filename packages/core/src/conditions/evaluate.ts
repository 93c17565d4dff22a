// Evaluating a list of checks, with systemd's rule (condition_test_list): every non-triggering
// check must pass, and when the list holds triggering ('|') checks, at least one of them must
// pass too. '!' inverts a check's test; a test that cannot be carried out (an unreadable
// /proc file, …) fails whether negated or not, as systemd's "assuming failed".
//
// systemd stops at the first failure; here every check is tested so that `status` can list all
// of them: one line per failing non-triggering check, and, when no triggering check passed,
// one line per triggering check ("ConditionPathExists=|/etc/foo was not met").

import { CHECK_KINDS } from './registry';
import type { Condition, ConditionEnv } from './types';

export interface EvaluationResult {
  passed: boolean;
  failures: string[];
}

/** "ConditionPathExists=|!/etc/foo", the check as written. */
function describeCondition(c: Condition): string {
  return `${c.key}=${c.trigger ? '|' : ''}${c.negate ? '!' : ''}${c.value}`;
}

/** Test one check, '!' applied; a string is the reason it failed. */
function testOne(c: Condition, env: ConditionEnv): true | string {
  const check = CHECK_KINDS[c.kind];
  if (check === undefined) return `${describeCondition(c)} could not be checked: unknown kind ${c.kind}`;
  let result: boolean;
  try {
    result = check.test(c.value, env);
  } catch (error) {
    return `${describeCondition(c)} could not be checked (${(error as Error).message}), assuming it was not met`;
  }
  return result !== c.negate ? true : `${describeCondition(c)} was not met`;
}

/** Evaluate Condition*= or Assert*= checks of one unit. */
export function evaluateConditions(list: Condition[], env: ConditionEnv): EvaluationResult {
  const outcomes = list.map((c) => ({ c, outcome: testOne(c, env) }));
  const triggers = outcomes.filter(({ c }) => c.trigger);
  const triggered = triggers.length === 0 || triggers.some(({ outcome }) => outcome === true);
  const failures: string[] = [];
  for (const { c, outcome } of outcomes) {
    if (outcome !== true && (!c.trigger || !triggered)) failures.push(outcome);
  }
  return { passed: failures.length === 0, failures };
}
