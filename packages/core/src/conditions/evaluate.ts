// Evaluating a list of checks, with systemd's rule (condition_test_list): every non-triggering
// check must pass, and when the list holds triggering ('|') checks, at least one of them must
// pass too. '!' inverts a check's test; a test that cannot be carried out (an unreadable
// /proc file, an unknown capability, …) fails whether negated or not, as systemd's "assuming
// failed". A parameter that names nothing known (check.ts) is a false test, so '!' passes it.
//
// systemd stops at the first failure; here every check is tested so that `status` can list all
// of them: one line per failing non-triggering check, and, when no triggering check passed,
// one line per triggering check ("ConditionPathExists=|/etc/foo was not met"). The two
// cases systemd logs at warning level — a result that could not be determined, a parameter
// naming nothing known — are also returned as `warnings`, whether or not the list passed.

import { checkKind } from './registry';
import type { Condition, ConditionEnv } from './types';

export interface EvaluationResult {
  passed: boolean;
  failures: string[];
  /** What the caller logs at warning level: checks that could not be carried out or named nothing known. */
  warnings: string[];
}

/** "ConditionPathExists=|!/etc/foo", the check as written. */
function describeCondition(c: Condition): string {
  return `${c.key}=${c.trigger ? '|' : ''}${c.negate ? '!' : ''}${c.value}`;
}

interface Outcome { passed: boolean; failure: string; warning: string | null }

/** Test one check, '!' applied. */
function testOne(c: Condition, env: ConditionEnv): Outcome {
  const written = describeCondition(c);
  const check = checkKind(c.kind);
  if (check === undefined) {
    const failure = `${written} could not be checked: unknown kind ${c.kind}`;
    return { passed: false, failure, warning: failure };
  }
  let result;
  try {
    result = check.test(c.value, env);
  } catch (error) {
    const failure = `${written} could not be checked (${(error as Error).message}), assuming it was not met`;
    return { passed: false, failure, warning: failure };
  }
  if (typeof result === 'boolean') return { passed: result !== c.negate, failure: `${written} was not met`, warning: null };
  return {
    passed: c.negate,
    failure: `${written} was not met (${result.unknown})`,
    warning: `${written}: ${result.unknown}, so the check is false${c.negate ? ' and its negation holds' : ''}`,
  };
}

/** Evaluate Condition*= or Assert*= checks of one unit. */
export function evaluateConditions(list: Condition[], env: ConditionEnv): EvaluationResult {
  const outcomes = list.map((c) => ({ c, outcome: testOne(c, env) }));
  const triggers = outcomes.filter(({ c }) => c.trigger);
  const triggered = triggers.length === 0 || triggers.some(({ outcome }) => outcome.passed);
  const failures: string[] = [];
  const warnings: string[] = [];
  for (const { c, outcome } of outcomes) {
    if (outcome.warning !== null) warnings.push(outcome.warning);
    if (!outcome.passed && (!c.trigger || !triggered)) failures.push(outcome.failure);
  }
  return { passed: failures.length === 0, failures, warnings };
}
