// Formatting of the issue-3/4 commands: list-dependencies trees, list-unit-files, the new status
// lines, show properties, quantities and --since times.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { UnitInfo__Output, UnitStatus__Output } from '@sysmaster/proto';
import { formatDependencyTree } from '../src/format/tree';
import type { TreeNode } from '../src/format/tree';
import { formatListUnitFiles } from '../src/format/list';
import { daemonReloadWarning, formatStatus } from '../src/format/status';
import { formatListSockets } from '../src/commands/sockets';
import { listenEntries } from '../src/format/listen';
import { formatShow } from '../src/format/show';
import { formatBytes, formatSpan } from '../src/format/units';
import { ansi } from '../src/format/colors';
import { parseSince } from '../src/since';
import { jobFailureLines } from '../src/job-messages';
import { unitInfo } from './fixtures';
import { parseCommandLine } from '../src/args';

const T0 = Date.UTC(2026, 10, 22, 15, 59, 1) * 1000;

/** These tests start from an active (running), enabled unit. */
const RUNNING: Partial<UnitStatus__Output> = { active_state: 'active', sub_state: 'running', active_enter_usec: T0 };
const info = (patch: Partial<UnitInfo__Output> = {}, statusPatch: Partial<UnitStatus__Output> = {}): UnitInfo__Output =>
  unitInfo({ fragment_path: '/usr/lib/sysmaster/system/foo.service', unit_file_state: 'enabled', ...patch }, { ...RUNNING, ...statusPatch });

function node(active_state: string, dependencies: string[] = [], expanded = true): TreeNode {
  return { active_state, dependencies, expanded };
}

describe('list-dependencies tree', () => {
  const nodes = new Map<string, TreeNode>([
    ['multi-user.target', node('active', ['basic.target', 'web.service', 'cron.service'])],
    ['web.service', node('failed', [], false)],
    ['cron.service', node('inactive', [], false)],
    ['basic.target', node('active', ['sysinit.target', 'paths.target'])],
    ['sysinit.target', node('reloading', ['multi-user.target'])],
    ['paths.target', node('active', [])],
  ]);

  test('draws systemctl\'s tree: targets last, bullets by state, branches of open ancestors, cycles as "..."', () => {
    assert.equal(formatDependencyTree('multi-user.target', nodes), [
      'multi-user.target',
      '\u25CB \u251C\u2500cron.service',
      '\u00D7 \u251C\u2500web.service',
      '\u25CF \u2514\u2500basic.target',
      '\u25CF   \u251C\u2500paths.target',
      '\u21BB   \u2514\u2500sysinit.target',
      '        \u2514\u2500...',
      '',
    ].join('\n'));
  });

  test('colours green for active and red for failed units on a terminal', () => {
    const out = formatDependencyTree('multi-user.target', nodes, ansi);
    assert.ok(out.includes('\x1b[0;1;31m\u00D7\x1b[0m \u251C\u2500web.service\n'), out);
    assert.ok(out.includes('\x1b[0;1;32m\u25CF\x1b[0m \u2514\u2500basic.target\n'), out);
    assert.match(out, /^\u25CB \u251C\u2500cron\.service$/m, 'inactive units stay uncoloured');
  });

  test('a vertical bar continues under a unit that has later siblings', () => {
    const tree = new Map<string, TreeNode>([
      ['a.target', node('active', ['b.target', 'c.target'])],
      ['b.target', node('active', ['x.service'])],
      ['c.target', node('active', [])],
      ['x.service', node('active', [], false)],
    ]);
    assert.equal(formatDependencyTree('a.target', tree), 'a.target\n\u25CF \u251C\u2500b.target\n\u25CF \u2502 \u2514\u2500x.service\n\u25CF \u2514\u2500c.target\n');
  });
});

describe('list-unit-files', () => {
  test('prints UNIT FILE, STATE and VENDOR PRESET columns with "-" where no preset applies, then the count', () => {
    const out = formatListUnitFiles([
      { path: '/usr/lib/sysmaster/system/cron.service', state: 'enabled', preset: 'enabled' },
      { path: '/usr/lib/sysmaster/system/emergency.target', state: 'static', preset: '' },
      { path: '/etc/sysmaster/system/x.service', state: 'masked', preset: 'disabled' },
    ]);
    assert.equal(out, [
      'UNIT FILE        STATE   VENDOR PRESET',
      'cron.service     enabled enabled',
      'emergency.target static  -',
      'x.service        masked  disabled',
      '',
      '3 unit files listed.',
      '',
    ].join('\n'));
    assert.equal(formatListUnitFiles([]), '0 unit files listed.\n');
  });

  test('paints enabled green and masked/disabled red without shifting columns', () => {
    const out = formatListUnitFiles([{ path: '/a/x.service', state: 'disabled', preset: 'enabled' }], ansi);
    assert.ok(out.includes('\nx.service \x1b[0;1;31mdisabled\x1b[0m \x1b[0;1;32menabled\x1b[0m\n'), out);
  });
});

describe('list-sockets', () => {
  test('one row per Listen entry sorted by address, with the units the socket activates, and systemctl\'s footer', () => {
    const rows = [
      { listen: '/run/b.sock', kind: 'Stream', unit: 'b.socket', activates: 'b.service' },
      { listen: '/run/a.sock', kind: 'Stream', unit: 'a.socket', activates: 'a.service' },
      { listen: '127.0.0.1:22', kind: 'Stream', unit: 'ssh.socket', activates: '' },
    ];
    assert.equal(formatListSockets(rows, { all: false, legend: true }), [
      'LISTEN       UNIT       ACTIVATES',
      '/run/a.sock  a.socket   a.service',
      '/run/b.sock  b.socket   b.service',
      '127.0.0.1:22 ssh.socket',
      '',
      '3 sockets listed.',
      'Pass --all to see loaded but inactive sockets, too.',
      '',
    ].join('\n'));
    assert.equal(formatListSockets(rows.slice(0, 1), { all: true, legend: false }), '/run/b.sock b.socket b.service\n');
    assert.equal(formatListSockets([], { all: true, legend: true }), '0 sockets listed.\n');
    assert.deepEqual(listenEntries('[::]:22 (Stream) /run/x (FIFO)'), [{ address: '[::]:22', kind: 'Stream' }, { address: '/run/x', kind: 'FIFO' }]);
  });
});

describe('status lines of a socket', () => {
  test('one Listen line per address, and Accepted/Connected (with Refused when some were) for Accept=yes', () => {
    const socket = info({ name: 'ssh.socket', properties: { Listen: '0.0.0.0:22 (Stream) /run/ssh.sock (Stream) @abstract (Datagram)' } },
      { active_state: 'active', sub_state: 'listening', runtime_properties: { NAccepted: '7', NConnections: '2', NRefused: '1' } });
    const out = formatStatus(socket, { now: T0, timeZone: 'UTC' });
    assert.match(out, /^ {5}Listen: 0\.0\.0\.0:22 \(Stream\)\n {13}\/run\/ssh\.sock \(Stream\)\n {13}@abstract \(Datagram\)\n {3}Accepted: 7; Connected: 2; Refused: 1;$/m);
    const plainSocket = info({ name: 'a.socket', properties: { Listen: '/run/a (FIFO)' } }, { runtime_properties: {} });
    assert.doesNotMatch(formatStatus(plainSocket, { now: T0 }), /Accepted:/, 'Accept=no sockets have no counters');
  });
});

describe('status lines of issue 3 and 4', () => {
  test('Tasks, Memory and CPU appear when accounting is true, with the TasksMax limit', () => {
    const out = formatStatus(info({ properties: { TasksMax: '4915' } }, { accounting: true, tasks_current: 5, memory_current: 1_300_000, cpu_usage_nsec: 35_000_000 }), { now: T0, timeZone: 'UTC' });
    assert.match(out, /^ {6}Tasks: 5 \(limit: 4915\)\n {5}Memory: 1\.2M\n {8}CPU: 35ms$/m);
    assert.doesNotMatch(formatStatus(info(), { now: T0 }), /Tasks:|Memory:|CPU:/);
  });

  test('a failed condition prints systemctl\'s Condition line and the check that failed', () => {
    const out = formatStatus(info({ conditions: { checked: true, passed: false, timestamp_usec: T0 - 2_000_000, failures: ['ConditionPathExists=/etc/foo was not met'] } },
      { active_state: 'inactive', sub_state: 'dead', active_enter_usec: 0, inactive_enter_usec: T0 - 2_000_000 }), { now: T0, timeZone: 'UTC' });
    assert.match(out, /^ {2}Condition: start condition failed at Sun 2026-11-22 15:58:59 UTC; 2s ago\n {13}\u2514\u2500 ConditionPathExists=\/etc\/foo was not met$/m);
    const passed = formatStatus(info({ conditions: { checked: true, passed: true, timestamp_usec: T0, failures: [] } }), { now: T0 });
    assert.doesNotMatch(passed, /Condition:/);
  });

  test('the Loaded line carries the vendor preset; Status, Error and notices are shown', () => {
    const out = formatStatus(info({ properties: { UnitFilePreset: 'disabled' } }, { status_text: 'Ready for connections', status_errno: 2, notices: ['MemoryMax=1G is not enforced: the memory controller is not available'] }), { now: T0, timeZone: 'UTC' });
    assert.match(out, /^ {5}Loaded: loaded \(\/usr\/lib\/sysmaster\/system\/foo\.service; enabled; vendor preset: disabled\)$/m);
    assert.match(out, /^ {5}Status: "Ready for connections"\n {6}Error: 2 \(ENOENT\)\n {5}Notice: MemoryMax=1G is not enforced/m);
  });

  test('the daemon-reload warning names the unit and the command', () => {
    assert.equal(daemonReloadWarning('foo.service'), "Warning: The unit file, source configuration file or drop-ins of foo.service changed on disk. Run 'sctl daemon-reload' to reload units.\n");
  });

  test('show has the new systemd properties, "[not set]" for counters that were not read', () => {
    const props = ['TasksCurrent', 'MemoryCurrent', 'CPUUsageNSec', 'InvocationID', 'ExecMainPID', 'StatusErrno', 'ConditionResult', 'AssertResult', 'NeedDaemonReload'];
    const read = formatShow(info({ conditions: { checked: true, passed: true, timestamp_usec: T0, failures: [] }, need_daemon_reload: true },
      { accounting: true, tasks_current: 3, memory_current: 4096, cpu_usage_nsec: 12, invocation_id: 'ab'.repeat(16), exec_main_pid: 42, status_errno: 5 }), props);
    assert.equal(read, `ExecMainPID=42\nInvocationID=${'ab'.repeat(16)}\nStatusErrno=5\nTasksCurrent=3\nMemoryCurrent=4096\nCPUUsageNSec=12\nConditionResult=yes\nAssertResult=no\nNeedDaemonReload=yes\n`);
    assert.equal(formatShow(info(), ['TasksCurrent', 'MemoryCurrent']), 'TasksCurrent=[not set]\nMemoryCurrent=[not set]\n');
  });
});

describe('show time spans', () => {
  test('every *USec and *Sec property is printed in one format, whether it came as microseconds or a written span', () => {
    const properties = {
      TimeoutStartUSec: '90000000', RestartUSec: '100ms', RuntimeMaxUSec: 'infinity', WatchdogUSec: '0',
      JobTimeoutUSec: '1min 30s', PollLimitIntervalUSec: '2000000', KeepAliveTimeSec: '7200', ExecStart: '/bin/true 5',
    };
    const read = formatShow(info({ properties }), ['TimeoutStartUSec', 'RestartUSec', 'RuntimeMaxUSec', 'WatchdogUSec', 'JobTimeoutUSec', 'PollLimitIntervalUSec', 'KeepAliveTimeSec', 'ExecStart', 'CPUUsageNSec']);
    assert.equal(read, [
      'CPUUsageNSec=[not set]', 'ExecStart=/bin/true 5', 'JobTimeoutUSec=1min 30s', 'KeepAliveTimeSec=2h', 'PollLimitIntervalUSec=2s',
      'RestartUSec=100ms', 'RuntimeMaxUSec=infinity', 'TimeoutStartUSec=1min 30s', 'WatchdogUSec=0', '',
    ].join('\n'));
  });
});

describe('quantities, times and messages', () => {
  test('bytes and CPU time print as systemd does', () => {
    assert.deepEqual([formatBytes(512), formatBytes(1024), formatBytes(1_300_000), formatBytes(1_258_291), formatBytes(5 * 1024 ** 3)], ['512B', '1.0K', '1.2M', '1.1M', '5.0G']);
    assert.deepEqual([formatSpan(35_000, 1000), formatSpan(1_234_567, 1000), formatSpan(62_500_000, 1000), formatSpan(500, 1000), formatSpan(0, 1000)],
      ['35ms', '1.234s', '1min 2.500s', '500us', '0']);
  });

  test('--since accepts absolute, relative and named times and refuses the rest with exit 2', () => {
    const now = Date.UTC(2026, 0, 2, 12, 0, 0) * 1000;
    assert.equal(parseSince('2026-01-02 10:00:00 UTC', now), Date.UTC(2026, 0, 2, 10) * 1000);
    assert.equal(parseSince('-5min', now), now - 300_000_000);
    assert.equal(parseSince('1h ago', now), now - 3_600_000_000);
    assert.equal(parseSince('@1767348000', now), 1_767_348_000_000_000);
    assert.equal(parseSince('now', now), now);
    assert.ok(parseSince('today', now) <= now && parseSince('yesterday', now) < parseSince('today', now));
    assert.throws(() => parseSince('last tuesday', now), (e: unknown) => e instanceof Error && 'exitCode' in e && e.exitCode === 2 && /Failed to parse timestamp "last tuesday"/.test(e.message));
  });

  test('a start that hit the start limit tells the way out', () => {
    assert.deepEqual(jobFailureLines('foo.service', 'failed', 'start-limit-hit'), [
      'Job for foo.service failed because start of the service was attempted too often.',
      'See "sctl status foo.service" and "sctl logs foo.service" for details.',
      'To force a start use "sctl reset-failed foo.service"',
      'followed by "sctl start foo.service" again.',
    ]);
  });

  test('-f is --force for unit-file commands and --follow for logs; exclusive options are refused', () => {
    const enable = parseCommandLine(['enable', '-f', '--now', '--runtime', 'foo']);
    assert.ok(enable.kind === 'command' && enable.options.force && !enable.options.follow && enable.options.now && enable.options.runtime);
    const logs = parseCommandLine(['logs', '-f', 'foo']);
    assert.ok(logs.kind === 'command' && logs.options.follow && !logs.options.force);
    assert.throws(() => parseCommandLine(['list-dependencies', '--after', '--before']), /exclude each other/);
    assert.throws(() => parseCommandLine(['start', '--now', 'x']), /'--now' only applies/);
    assert.throws(() => parseCommandLine(['kill', '--kill-whom=everyone', 'x']), /Invalid --kill-whom 'everyone'/);
  });
});
