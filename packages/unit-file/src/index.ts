// @sysmaster/unit-file: the unit-file parser, value grammars and search path, shared by the core,
// the workers and sctl. Pure TypeScript; the only OS effects are reading the unit directories
// (search-path.ts), the PATH lookup of Exec programs (exec.ts, replaceable) and host facts for
// specifiers (specifiers.ts, replaceable).

export { ValueError, UnitNameError } from './errors';
export { parseUnitText, lastValue, listValues, MAX_LINE_LENGTH } from './syntax';
export type { Assignment, UnitFileProblem, ParsedFile } from './syntax';
export { parseUnitName, normalizeUnitName, templateOf, isUnitName } from './names';
export type { UnitName, NormalizeOptions } from './names';
export {
  SPECIAL_DEFAULT_TARGET, SPECIAL_SHUTDOWN_TARGET, GOAL_UNIT_TYPE, EXAMPLE_DEFAULT_TARGET, shutdownGoalUnit, defaultTargetProblem, mountUnitForPath,
} from './special-units';
export type { ShutdownGoal } from './special-units';
export { defaultUnitPath, loadUnitSource, listUnitFiles, readUnitFileText, unitDropinPaths, MAX_UNIT_FILE_BYTES } from './search-path';
export type { UnitSource } from './search-path';
export { parseBoolean, parseSignal, parseSize, parseMode, parseUnitList } from './values';
export { parseTimespan, formatTimespan, formatTimestampAgo } from './timespan';
export { parseCalendar, formatCalendar, isTimeZoneName } from './calendar';
export type { CalendarSpec, CalendarChain, CalendarItem } from './calendar';
export { nextElapse } from './calendar-next';
export type { NextElapseOptions } from './calendar-next';
export { parseExecLine, parseExecLines, expandExecArgv, findProgram, EXEC_SEARCH_PATH } from './exec';
export type { ExecCommand, ExecResolver } from './exec';
export { parseEnvironmentValue, parseEnvironmentFile } from './environment';
export { specifiersFor, expandSpecifiers } from './specifiers';
export type { HostFacts } from './specifiers';
