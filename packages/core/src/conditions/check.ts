// The shape of one kind of check: how its value is validated at load time and how it is tested
// against the machine. The kinds live in checks-path.ts and checks-system.ts; the complete
// table is assembled in registry.ts.

import type { ConditionEnv } from './types';

export interface CheckKind {
  /**
   * Validate (and normalize) the parameter at load time: returns the value to store, or throws
   * an Error whose message says what is accepted.
   */
  parse(value: string): string;
  /** Is the (un-negated) test true? May throw; the condition then fails with that message. */
  test(value: string, env: ConditionEnv): boolean;
}

/** Accepts any non-empty parameter unchanged. */
export function nonEmpty(what: string): (value: string) => string {
  return (value) => {
    if (value === '') throw new Error(`expected ${what}`);
    return value;
  };
}
