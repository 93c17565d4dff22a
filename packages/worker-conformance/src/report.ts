// The outcome of a run: one named line per check, pass, fail or skip, each with its reason, in
// the order the checks ran. Printed for a person (formatReport) or as one JSON document for a
// program (--json); the exit status is 0 only when no check failed.

/** How one check ended. A skip is a check that does not apply (and says why), never a pass. */
export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  /** A stable dotted name, e.g. "watch.start" or "not-found.Stop". */
  name: string;
  status: CheckStatus;
  /** A sentence: what was seen (for a pass) or what went wrong (for a fail). */
  reason: string;
}

export interface Report {
  /** The unit type under test (Describe's, else the expected one). */
  type: string;
  /** The worker's socket. */
  socket: string;
  checks: CheckResult[];
  /** True when no check failed. */
  passed: boolean;
}

/** Collects check results in order. */
export class Checks {
  readonly results: CheckResult[] = [];

  pass(name: string, reason: string): void { this.results.push({ name, status: 'pass', reason }); }
  fail(name: string, reason: string): void { this.results.push({ name, status: 'fail', reason }); }
  skip(name: string, reason: string): void { this.results.push({ name, status: 'skip', reason }); }
  /** Records a pass when `problems` is empty, else a fail listing them. */
  expect(name: string, problems: string[], passReason: string): void {
    if (problems.length === 0) this.pass(name, passReason);
    else this.fail(name, problems.join('; '));
  }
}

const MARK: Record<CheckStatus, string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };

/** The report as a person reads it: one line per check, then a summary line. */
export function formatReport(report: Report): string {
  const width = Math.max(0, ...report.checks.map((c) => c.name.length));
  const lines = report.checks.map((c) => `${MARK[c.status]}  ${c.name.padEnd(width)}  ${c.reason}`);
  const count = (s: CheckStatus): number => report.checks.filter((c) => c.status === s).length;
  lines.push('', `${report.type} worker on ${report.socket}: ${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`
    + ` — ${report.passed ? 'conforms' : 'DOES NOT CONFORM'}`);
  return `${lines.join('\n')}\n`;
}
