// @sysmaster/sctl: the systemctl-like command line client. The executable is dist/main.js; the
// installed command is dist/launcher.js, which runs it bundled and from a code cache; this
// module exposes its parts for tests and for tools that want sctl's formatting.
export { run, start } from './start';
export { parseCommandLine, UsageError, COMMANDS, JOB_MODES } from './args';
export { usage, bashCompletion, manPage } from './reference';
export type { Invocation, Options, CommandName } from './args';
export { EXIT, CliError, exitCodeFor } from './exit-codes';
export { formatStatus, formatSystemStatus, formatExit, daemonReloadWarning } from './format/status';
export { formatListUnits, formatListJobs, formatListUnitFiles } from './format/list';
export { formatDependencyTree, compareDependencies } from './format/tree';
export type { TreeNode } from './format/tree';
export { formatBytes, formatSpan } from './format/units';
export { parseSince } from './since';
export { formatShow, unitProperties } from './format/show';
export { formatTimestamp, formatAgo } from './format/time';
export { jobFailureLines, jobSucceeded } from './job-messages';
