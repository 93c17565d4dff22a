// The shape of one kind of check: how its value is validated at load time and how it is tested
// against the machine. The kinds live in checks-path.ts and checks-system.ts; the complete
// table is assembled in registry.ts.
//
// Load time refuses only what is malformed as text (a relative path, an empty parameter, a
// broken boolean). A parameter that is well formed but names nothing this manager knows — a
// capability, architecture, virtualization technology, security framework, user or group the
// tables or the machine do not have, a firmware feature or KernelVersion expression that does
// not parse — is not a bad setting: systemd accepts it at load and decides at evaluation, so the
// unit loads and its start is skipped (Condition) or fails (Assert). Two ways, as systemd:
// - the test answers `unknownName(...)`: the check is false ("definitely not ours": an unknown
//   architecture is not the one running), so '!' makes it pass; a warning is logged either way;
// - the test throws (an unknown capability, an unparsable expression: systemd's -EINVAL): the
//   result cannot be determined, the check fails whether negated or not, with a warning.

import type { ConditionEnv } from './types';

/** A test's answer when its parameter names nothing known: false, with the warning to log. */
export interface UnknownName { unknown: string }

/** The answer of a test whose parameter is unknown; `why` becomes the logged warning. */
export function unknownName(why: string): UnknownName {
  return { unknown: why };
}

export interface CheckKind {
  /**
   * Validate (and normalize) the parameter at load time: returns the value to store, or throws
   * an Error whose message says what is accepted. Only malformed text is refused here.
   */
  parse(value: string): string;
  /**
   * Is the (un-negated) test true? An UnknownName is false with a warning. May throw; the
   * condition then fails with that message, whether negated or not.
   */
  test(value: string, env: ConditionEnv): boolean | UnknownName;
}

/** Accepts any non-empty parameter unchanged. */
export function nonEmpty(what: string): (value: string) => string {
  return (value) => {
    if (value === '') throw new Error(`expected ${what}`);
    return value;
  };
}
