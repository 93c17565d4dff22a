// What each of systemd's own exec test units must end with, and what the runner prepares first.
//
// Source: systemd's src/test/test-execute.c (systemd/systemd, read at 00d4fa514c70, the closest
// stored revision to v252), run_tests_root(): a system manager that can unshare namespaces, so
// every `can_unshare ? A : B` and `MANAGER_IS_SYSTEM(m) ? A : B` is A. The unit files are the ones
// Debian 12's systemd-tests (252) installs in /usr/lib/systemd/tests/testdata/test-execute/; where
// that revision names a unit 252 does not ship, 252's name is used (exec-privatenetwork-yes,
// exec-specifier-credentials-dir, exec-protectkernellogs-*) or the step is left out
// (exec-set-credential, exec-load-credential, exec-networknamespacepath-*, exec-specifier-system).
// The steps are in test-execute.c's order, each with the setup that test-execute.c does before it
// (files in /tmp, setenv() of the manager, which here is ManagerEnvironment= in system.conf).
// exec-cpuaffinity3 needs CPUs 1 and 2 and exec-mount-apivfs-no a drop-in built from ldd's
// output; both are added only where test-execute.c would run them (see test-execute.test.mts).

/** How a unit must end: its main process's exit (code + status), or the service's Result=. */
export type Expected =
  | { code: 'exited' | 'killed'; status: number }
  | { result: string };

export interface Step {
  unit: string;
  expected: Expected;
  /** A shell snippet run inside the sandbox before the unit is started. */
  before?: string;
  /** Why the unit is not required to pass: a group named in GROUPS below. */
  group?: keyof typeof GROUPS;
}

/** Units that are compared but not required to pass, by reason. */
export const GROUPS = {
  sandboxing: 'sandboxing — another issue (systemd.exec(5) "Sandboxing", "Security", "Capabilities", "System Call Filtering")',
  'dynamic-user': 'DynamicUser= is refused by design (packages/exec parse.ts: create a system user and set User=)',
  known: 'known, with the reason beside each unit (KNOWN below)',
} as const;

/** The short list of units outside the sandboxing group that are not required to pass, and why. */
export const KNOWN: Readonly<Record<string, string>> = {
  'exec-oomscoreadjust-negative.service':
    'root on this host has no CAP_SYS_RESOURCE in its bounding set, so a negative oom_score_adj is refused (EACCES; systemd too goes on without it)',
  'exec-condition-skip.service':
    'the service worker reports Result=success after an ExecCondition= skip, a decision of packages/worker-service (service-lifecycle.ts, asserted by e2e service-conformance); systemd keeps Result=exec-condition',
};

// systemd's exit codes (src/basic/exit-status.h) and signal numbers used by the expectations.
const EXIT_EXEC = 203;
const SIGPIPE = 13;
const SIGSYS = 31;
const EILSEQ = 84;
const EACCES = 13;

const ok: Expected = { code: 'exited', status: 0 };
const exit = (status: number): Expected => ({ code: 'exited', status });
const killed = (signal: number): Expected => ({ code: 'killed', status: signal });

const ENV_FILE_LINES = [
  "VAR1='word1 word2'", 'VAR2=word3 ', '# comment1', '', '; comment2', ' ; # comment3', 'line without an equal',
  "VAR3='$word 5 6'", "VAR4='new", "line'", 'VAR5=password\\with\\backslashes',
];
/** printf arguments that write test-execute.c's environment file (plus `extra` lines) to `file`. */
function writeEnvFile(file: string, extra: string[] = []): string {
  const quoted = [...ENV_FILE_LINES, ...extra].map((l) => `'${l.replaceAll("'", "'\\''")}'`).join(' ');
  return `printf '%s\\n' ${quoted} > ${file}`;
}

/** system.conf's ManagerEnvironment= with test-execute.c's setenv() calls (and `extra`). */
function managerEnvironment(extra = ''): string {
  const line = 'ManagerEnvironment="VAR1=word1 word2" VAR2=word3 "VAR3=$word 5 6" "VAR4=new\\nline" VAR5=passwordwithbackslashes' + extra;
  return `printf '[Manager]\\n%s\\n' '${line}' > /etc/sysmaster/system.conf`;
}
const CLEAR_MANAGER_ENVIRONMENT = 'rm -f /etc/sysmaster/system.conf';

const sandboxing = (unit: string, expected: Expected = ok, before?: string): Step =>
  ({ unit, expected, group: 'sandboxing', ...(before === undefined ? {} : { before }) });
const dynamic = (unit: string, before?: string): Step =>
  ({ unit, expected: ok, group: 'dynamic-user', ...(before === undefined ? {} : { before }) });
const plain = (unit: string, expected: Expected = ok, before?: string): Step =>
  ({ unit, expected, ...(unit in KNOWN ? { group: 'known' as const } : {}), ...(before === undefined ? {} : { before }) });

export const STEPS: Step[] = [
  // test_exec_basic
  plain('exec-basic.service'),
  // test_exec_ambientcapabilities
  ...['', '-merge', '-nobody', '-merge-nobody'].map((s) => sandboxing(`exec-ambientcapabilities${s}.service`)),
  // test_exec_bindpaths
  sandboxing('exec-bindpaths.service', ok, 'mkdir -p /tmp/test-exec-bindpaths /tmp/test-exec-bindreadonlypaths'),
  // test_exec_capabilityboundingset
  ...['simple', 'reset', 'merge', 'invert'].map((s) => sandboxing(`exec-capabilityboundingset-${s}.service`)),
  // test_exec_condition
  plain('exec-condition-failed.service', { result: 'exit-code' }),
  plain('exec-condition-skip.service', { result: 'exec-condition' }),
  // test_exec_cpuaffinity (exec-cpuaffinity3 is added when CPUs 1 and 2 exist)
  plain('exec-cpuaffinity1.service'),
  plain('exec-cpuaffinity2.service'),
  // test_exec_credentials (252: exec-specifier-credentials-dir)
  plain('exec-specifier-credentials-dir.service', ok, 'mkdir -p /run/credstore && printf foo > /run/credstore/very_top_secret'),
  // test_exec_dynamicuser
  ...['fixeduser', 'fixeduser-adm', 'fixeduser-games', 'fixeduser-one-supplementarygroup', 'supplementarygroups', 'statedir',
    'statedir-migrate-step1', 'statedir-migrate-step2', 'statedir-migrate-step1',
    'runtimedirectory1', 'runtimedirectory2', 'runtimedirectory3'].map((s) => dynamic(`exec-dynamicuser-${s}.service`)),
  // test_exec_environment
  ...['-no-substitute', '', '-multiple', '-empty'].map((s) => plain(`exec-environment${s}.service`)),
  // test_exec_environmentfile
  plain('exec-environmentfile.service', ok, writeEnvFile('/tmp/test-exec_environmentfile.conf')),
  // test_exec_execsearchpath: found, then EXIT_EXEC once the folder is gone
  plain('exec-execsearchpath.service', ok, 'mkdir -p /tmp/test-exec_execsearchpath && cp /bin/ls /tmp/test-exec_execsearchpath/ls_temp && chmod 0777 /tmp/test-exec_execsearchpath/ls_temp'),
  plain('exec-execsearchpath.service', exit(EXIT_EXEC), 'rm -rf /tmp/test-exec_execsearchpath'),
  // test_exec_execsearchpath_environment
  plain('exec-execsearchpath-environment.service'),
  plain('exec-execsearchpath-environment-path-set.service'),
  // test_exec_execsearchpath_environment_files
  plain('exec-execsearchpath-environmentfile.service', ok, writeEnvFile('/tmp/test-exec_execsearchpath_environmentfile.conf')),
  plain('exec-execsearchpath-environmentfile-set.service', ok, writeEnvFile('/tmp/test-exec_execsearchpath_environmentfile-set.conf', ['PATH=/usr'])),
  // test_exec_execsearchpath_passenvironment
  plain('exec-execsearchpath-passenvironment.service', ok, managerEnvironment()),
  plain('exec-execsearchpath-passenvironment-set.service', ok, managerEnvironment(' PATH=/usr')),
  // test_exec_execsearchpath_specifier
  plain('exec-execsearchpath-unit-specifier.service', ok, CLEAR_MANAGER_ENVIRONMENT),
  // test_exec_group (Debian's nobody group is nogroup)
  plain('exec-group.service'),
  plain('exec-group-nogroup.service'),
  // test_exec_ignoresigpipe
  plain('exec-ignoresigpipe-yes.service'),
  plain('exec-ignoresigpipe-no.service', killed(SIGPIPE)),
  // test_exec_inaccessiblepaths
  sandboxing('exec-inaccessiblepaths-sys.service'),
  sandboxing('exec-inaccessiblepaths-mount-propagation.service'),
  // test_exec_ioschedulingclass
  ...['none', 'idle', 'best-effort', 'realtime'].map((s) => plain(`exec-ioschedulingclass-${s}.service`)),
  // test_exec_noexecpaths
  sandboxing('exec-noexecpaths-simple.service'),
  // test_exec_oomscoreadjust
  plain('exec-oomscoreadjust-positive.service'),
  plain('exec-oomscoreadjust-negative.service'),
  // test_exec_passenvironment
  plain('exec-passenvironment.service', ok, managerEnvironment()),
  plain('exec-passenvironment-repeated.service'),
  plain('exec-passenvironment-empty.service'),
  plain('exec-passenvironment-absent.service', ok, CLEAR_MANAGER_ENVIRONMENT),
  // test_exec_personality
  sandboxing('exec-personality-x86-64.service'),
  // test_exec_privatedevices
  ...['yes', 'no', 'disabled-by-prefix', 'yes-with-group', 'yes-capability-mknod', 'no-capability-mknod',
    'yes-capability-sys-rawio', 'no-capability-sys-rawio'].map((s) => sandboxing(`exec-privatedevices-${s}.service`)),
  // test_exec_privatenetwork (252: one unit)
  sandboxing('exec-privatenetwork-yes.service'),
  // test_exec_privatetmp
  sandboxing('exec-privatetmp-yes.service', ok, 'touch /tmp/test-exec_privatetmp'),
  sandboxing('exec-privatetmp-no.service'),
  sandboxing('exec-privatetmp-disabled-by-prefix.service'),
  // test_exec_protecthome
  sandboxing('exec-protecthome-tmpfs-vs-protectsystem-strict.service', ok, 'rm -f /tmp/test-exec_privatetmp'),
  // test_exec_protectkernellogs (252)
  sandboxing('exec-protectkernellogs-yes-capabilities.service'),
  sandboxing('exec-protectkernellogs-no-capabilities.service'),
  // test_exec_protectkernelmodules
  ...['no-capabilities', 'yes-capabilities', 'yes-mount-propagation'].map((s) => sandboxing(`exec-protectkernelmodules-${s}.service`)),
  // test_exec_readonlypaths, test_exec_readwritepaths
  ...['-simple', '', '-with-bindpaths', '-mount-propagation'].map((s) => sandboxing(`exec-readonlypaths${s}.service`)),
  sandboxing('exec-readwritepaths-mount-propagation.service'),
  // test_exec_restrictnamespaces
  sandboxing('exec-restrictnamespaces-no.service'),
  sandboxing('exec-restrictnamespaces-yes.service', exit(1)),
  sandboxing('exec-restrictnamespaces-mnt.service'),
  sandboxing('exec-restrictnamespaces-mnt-deny-list.service', exit(1)),
  ...['and', 'or', 'all'].map((s) => sandboxing(`exec-restrictnamespaces-merge-${s}.service`)),
  // test_exec_runtimedirectory
  plain('exec-runtimedirectory.service', ok, 'rm -rf /run/test-exec_runtimedirectory2'),
  plain('exec-runtimedirectory-mode.service'),
  plain('exec-runtimedirectory-owner.service'),
  plain('exec-runtimedirectory-owner-nogroup.service'),
  // test_exec_specifier
  plain('exec-specifier.service'),
  plain('exec-specifier@foo-bar.service'),
  plain('exec-specifier-interpolation.service'),
  // test_exec_standardinput, test_exec_standardoutput*
  ...['standardinput-data', 'standardinput-file', 'standardinput-file-cat', 'standardoutput-file', 'standardoutput-append',
    'standardoutput-truncate'].map((s) => plain(`exec-${s}.service`)),
  // test_exec_supplementarygroups
  ...['', '-single-group', '-single-group-user', '-multiple-groups-default-group-user', '-multiple-groups-withgid',
    '-multiple-groups-withuid'].map((s) => plain(`exec-supplementarygroups${s}.service`)),
  // test_exec_systemcallerrornumber
  sandboxing('exec-systemcallerrornumber-name.service', exit(EACCES)),
  sandboxing('exec-systemcallerrornumber-number.service', exit(255)),
  // test_exec_systemcallfilter
  ...['not-failing', 'not-failing2', 'not-failing3'].map((s) => sandboxing(`exec-systemcallfilter-${s}.service`)),
  ...['failing', 'failing2', 'failing3'].map((s) => sandboxing(`exec-systemcallfilter-${s}.service`, killed(SIGSYS))),
  sandboxing('exec-systemcallfilter-with-errno-name.service', exit(EILSEQ)),
  sandboxing('exec-systemcallfilter-with-errno-number.service', exit(255)),
  sandboxing('exec-systemcallfilter-with-errno-multi.service', exit(EILSEQ)),
  sandboxing('exec-systemcallfilter-with-errno-in-allow-list.service', exit(EILSEQ)),
  sandboxing('exec-systemcallfilter-override-error-action.service', killed(SIGSYS)),
  sandboxing('exec-systemcallfilter-override-error-action2.service', exit(EILSEQ)),
  // test_exec_systemcallfilter_system
  sandboxing('exec-systemcallfilter-system-user.service'),
  sandboxing('exec-systemcallfilter-system-user-nobody.service'),
  // test_exec_temporaryfilesystem
  ...['options', 'ro', 'rw', 'usr'].map((s) => sandboxing(`exec-temporaryfilesystem-${s}.service`)),
  // test_exec_umask, test_exec_umask_namespace
  plain('exec-umask-default.service'),
  plain('exec-umask-0177.service'),
  sandboxing('exec-umask-namespace.service'),
  // test_exec_unsetenvironment
  plain('exec-unsetenvironment.service'),
  // test_exec_user
  plain('exec-user.service'),
  plain('exec-user-nobody.service'),
  // test_exec_workingdirectory
  plain('exec-workingdirectory.service', ok, 'mkdir -p /tmp/test-exec_workingdirectory'),
  plain('exec-workingdirectory-trailing-dot.service'),
];

/** Files the steps and the units leave in the host's /tmp (the sandbox shares it), removed at the end. */
export const TMP_LEFTOVERS = [
  '/tmp/test-exec-bindpaths', '/tmp/test-exec-bindreadonlypaths', '/tmp/test-exec_environmentfile.conf',
  '/tmp/test-exec_execsearchpath', '/tmp/test-exec_execsearchpath_environmentfile.conf',
  '/tmp/test-exec_execsearchpath_environmentfile-set.conf', '/tmp/test-exec_privatetmp', '/tmp/test-exec_workingdirectory',
  // written by the units themselves (exec-standardoutput-*, exec-umask-*)
  '/tmp/test-exec-standardoutput-expected', '/tmp/test-exec-standardoutput-output', '/tmp/test-exec-umask',
];

/** How systemd 252 fared on this host (a measurement made before this runner; shown beside ours). */
export const SYSTEMD_ON_THIS_HOST = 'systemd 252 on this host: 133 of 136';
