// @sysmaster/sctl: the systemctl-like command line client. The executable is dist/main.js; this
// module exposes its parts for tests and for tools that want sctl's formatting.
export { run, start } from './start';
export { parseCommandLine, usage, UsageError, COMMANDS, JOB_MODES } from './args';
export type { Invocation, Options, CommandName } from './args';
export { EXIT, CliError, exitCodeFor } from './exit-codes';
export { formatStatus, formatSystemStatus, formatExit } from './format/status';
export { formatListUnits, formatListJobs } from './format/list';
export { formatShow, unitProperties } from './format/show';
export { formatTimestamp, formatAgo } from './format/time';
export { jobFailureLines, jobSucceeded } from './job-messages';
