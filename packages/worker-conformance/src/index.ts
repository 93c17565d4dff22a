// @sysmaster/worker-conformance: the conformance kit of the UnitWorker contract. verifyWorker()
// runs a worker (started from its registration file in a private runtime, or attached by its
// socket) through the checks the core relies on and returns one named result per check;
// formatReport() prints them for a person; runVerify() is the command line's body;
// verifyRegisteredWorker() is `sctl verify-worker TYPE`, which finds the registration first.
export { verifyWorker } from './verify';
export type { VerifyOptions } from './verify';
export { formatReport } from './report';
export type { Report, CheckResult, CheckStatus } from './report';
export { runVerify, parseVerifyArgs, USAGE } from './start';
export { verifyRegisteredWorker } from './registered';
export type { VerifyIo } from './registered';
