import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { ActiveState, UnitSummary__Output } from '@sysmaster/proto';
import { formatStatus } from '../src/format/status';
import { formatListJobs, formatListUnits } from '../src/format/list';
import { formatShow } from '../src/format/show';
import { formatAgo, formatTimestamp } from '../src/format/time';
import { ansi } from '../src/format/colors';
import { unitInfo } from './fixtures';
import { jobFailureLines } from '../src/job-messages';

const SEC = 1_000_000;
// Sun 2026-11-22 15:59:01 UTC
const T0 = Date.UTC(2026, 10, 22, 15, 59, 1) * 1000;

const info = unitInfo;

describe('time formatting', () => {
  test('timestamps print as weekday, date, time and zone', () => {
    assert.equal(formatTimestamp(T0, 'UTC'), 'Sun 2026-11-22 15:59:01 UTC');
    assert.equal(formatTimestamp(0, 'UTC'), '');
  });

  test('relative times follow systemd\'s steps', () => {
    const ago = (seconds: number): string => formatAgo(T0, T0 + seconds * SEC);
    assert.equal(formatAgo(T0, T0 + 500), 'now');
    assert.equal(formatAgo(T0, T0 + 20_000), '20ms ago');
    assert.equal(ago(5), '5s ago');
    assert.equal(ago(123), '2min 3s ago');
    assert.equal(ago(600), '10min ago');
    assert.equal(ago(3600 + 120), '1h 2min ago');
    assert.equal(ago(7 * 3600), '7h ago');
    assert.equal(ago(26 * 3600), '1 day 2h ago');
    assert.equal(ago(3 * 86400), '3 days ago');
    assert.equal(ago(9 * 86400), '1 week 2 days ago');
    assert.equal(ago(400 * 86400), '1 year 1 month ago');
  });
});

describe('status layout', () => {
  test('an active service shows its load line, since, main pid and process tree', () => {
    const text = formatStatus(info({
      processes: [{ pid: 123, command: '/usr/bin/sleep infinity' }, { pid: 124, command: '/bin/sh -c true' }],
      log_lines: ['hello', 'world'],
      documentation: ['man:foo(8)', 'https://example.org'],
    }, { active_state: 'active', sub_state: 'running', main_pid: 123, active_enter_usec: T0, cgroup: '/system.slice/foo.service' }), { now: T0 + 5 * SEC, timeZone: 'UTC' });
    assert.equal(text, [
      '● foo.service - Foo daemon',
      '     Loaded: loaded (/etc/sysmaster/system/foo.service; static)',
      '     Active: active (running) since Sun 2026-11-22 15:59:01 UTC; 5s ago',
      '       Docs: man:foo(8)',
      '             https://example.org',
      '   Main PID: 123 (sleep)',
      '     CGroup: /system.slice/foo.service',
      '             ├─123 /usr/bin/sleep infinity',
      '             └─124 /bin/sh -c true',
      '',
      'hello',
      'world',
      '',
    ].join('\n'));
  });

  test('a unit activated by others and one activating others print TriggeredBy: and Triggers: lines after Active', () => {
    const service = formatStatus(info({ dependencies: { TriggeredBy: { names: ['foo.socket', 'foo.timer'] } } }), { now: T0, timeZone: 'UTC' });
    assert.deepEqual(service.split('\n').slice(2, 5), ['     Active: inactive (dead)', 'TriggeredBy: foo.socket', '             foo.timer']);
    const socket = formatStatus(info({ name: 'foo.socket', dependencies: { Triggers: { names: ['foo.service'] } } }), { now: T0, timeZone: 'UTC' });
    assert.equal(socket.split('\n')[3], '   Triggers: foo.service');
  });

  test('a failed service shows the result and how its main process ended', () => {
    const text = formatStatus(info({}, {
      active_state: 'failed', sub_state: 'failed', result: 'exit-code', main_pid: 77, exit_code: 'exited', exit_status: 1, inactive_enter_usec: T0,
    }), { now: T0 + 65 * SEC, timeZone: 'UTC' });
    assert.match(text, /^ {5}Active: failed \(Result: exit-code\) since Sun 2026-11-22 15:59:01 UTC; 1min 5s ago$/m);
    assert.match(text, /^ {3}Main PID: 77 \(code=exited, status=1\/FAILURE\)$/m);
    assert.doesNotMatch(text, /CGroup/);
  });

  test('a service killed by a signal names the signal', () => {
    const text = formatStatus(info({}, { active_state: 'failed', result: 'signal', exit_code: 'killed', exit_status: 9 }), { now: T0 });
    assert.match(text, /Main PID: \(code=killed, signal=KILL\)/);
  });

  test('a unit with a bad setting lists each load error as file:line: key: message', () => {
    const text = formatStatus(info({
      load_state: 'bad-setting',
      load_errors: [
        { file: '/etc/sysmaster/system/foo.service', line: 7, section: 'Service', key: 'RestartSec', message: 'Invalid time span "soon".' },
        { file: '/etc/sysmaster/system/foo.service', line: 9, section: 'Service', key: 'Type', message: 'Unknown service type "weird".' },
      ],
    }), { now: T0 });
    assert.equal(text.split('\n').slice(0, 5).join('\n'), [
      '● foo.service - Foo daemon',
      '     Loaded: bad-setting (Reason: Unit foo.service has a bad unit file setting.)',
      '             /etc/sysmaster/system/foo.service:7: RestartSec: Invalid time span "soon".',
      '             /etc/sysmaster/system/foo.service:9: Type: Unknown service type "weird".',
      '     Active: inactive (dead)',
    ].join('\n'));
  });

  test('a not-found unit that still runs says why it is not loaded', () => {
    const text = formatStatus(info({ load_state: 'not-found', fragment_path: '', description: '' }, { active_state: 'active', sub_state: 'running' }), { now: T0 });
    assert.match(text, /^● foo\.service\n {5}Loaded: not-found \(Reason: Unit foo\.service not found\.\)$/m);
  });

  test('on a terminal the bullet is green for active, red for failed and white for inactive', () => {
    const bullet = (state: ActiveState): string => formatStatus(info({}, { active_state: state }), { now: T0, paint: ansi }).split(' ')[0]!;
    assert.equal(bullet('active'), '\x1b[0;1;32m●\x1b[0m');
    assert.equal(bullet('failed'), '\x1b[0;1;31m●\x1b[0m');
    assert.equal(bullet('inactive'), '\x1b[0;37m●\x1b[0m');
  });

  test('drop-ins are listed by directory', () => {
    const text = formatStatus(info({ dropin_paths: ['/etc/sysmaster/system/foo.service.d/a.conf', '/etc/sysmaster/system/foo.service.d/b.conf'] }), { now: T0 });
    assert.match(text, /^ {4}Drop-In: \/etc\/sysmaster\/system\/foo\.service\.d\n {13}└─a\.conf, b\.conf$/m);
  });
});

describe('list-units and list-jobs', () => {
  const summary = (name: string, active: ActiveState, sub: string, patch: Partial<UnitSummary__Output> = {}): UnitSummary__Output => ({
    name, description: `About ${name}`, load_state: 'loaded', active_state: active, sub_state: sub, job_id: 0, job_type: '', ...patch,
  });

  test('units are printed in systemctl\'s columns with the legend and the count', () => {
    const text = formatListUnits([summary('a.service', 'active', 'running'), summary('long-name.target', 'failed', 'failed')], { all: false });
    assert.equal(text, [
      '  UNIT             LOAD   ACTIVE SUB     DESCRIPTION',
      '  a.service        loaded active running About a.service',
      '● long-name.target loaded failed failed  About long-name.target',
      '',
      'LOAD   = Reflects whether the unit definition was properly loaded.',
      'ACTIVE = The high-level unit activation state, i.e. generalization of SUB.',
      'SUB    = The low-level unit activation state, values depend on unit type.',
      '',
      '2 loaded units listed. Pass --all to see loaded but inactive units, too.',
      '',
    ].join('\n'));
  });

  test('a JOB column appears when a unit has a job, and --all drops the hint', () => {
    const text = formatListUnits([summary('a.service', 'activating', 'start', { job_id: 3, job_type: 'start' })], { all: true });
    assert.match(text, /^ {2}UNIT {6}LOAD {3}ACTIVE {5}SUB {3}JOB {3}DESCRIPTION$/m);
    assert.match(text, /^JOB {4}= Pending job for the unit\.$/m);
    assert.match(text, /^1 loaded unit listed\.$/m);
  });

  test('an empty list says so', () => {
    assert.equal(formatListUnits([], { all: true }), '0 loaded units listed.\n');
    assert.equal(formatListJobs([]), 'No jobs running.\n');
  });

  test('jobs are listed with their id, unit, type and state', () => {
    assert.equal(formatListJobs([{ id: 12, unit: 'foo.service', type: 'start', state: 'running', result: '', message: '' }]),
      'JOB UNIT        TYPE  STATE\n12  foo.service start running\n\n1 job listed.\n');
  });
});

describe('show and job messages', () => {
  test('show prints Key=Value lines and -p keeps only the named properties', () => {
    const unit = info({ properties: { Type: 'simple', ExecStart: '/bin/true' }, dependencies: { After: { names: ['a.target', 'b.target'] } } }, { main_pid: 5 });
    const all = formatShow(unit, []);
    assert.match(all, /^Id=foo\.service$/m);
    assert.match(all, /^After=a\.target b\.target$/m);
    assert.match(all, /^ExecStart=\/bin\/true$/m);
    assert.equal(formatShow(unit, ['MainPID', 'Type']), 'MainPID=5\nType=simple\n');
  });

  test('show --value prints only the values, and monotonic timestamps follow their realtime ones', () => {
    const now = Date.now() * 1000;
    const unit = info({}, { main_pid: 5, active_enter_usec: now - 2_000_000 });
    assert.equal(formatShow(unit, ['MainPID'], { valueOnly: true }), '5\n');
    const mono = Number(formatShow(unit, ['ActiveEnterTimestampMonotonic'], { valueOnly: true }));
    const monoNow = Number(process.hrtime.bigint() / 1000n);
    assert.ok(Math.abs(monoNow - mono - 2_000_000) < 50_000, `${monoNow - mono}`);
    assert.equal(formatShow(unit, ['ActiveExitTimestampMonotonic'], { valueOnly: true }), '0\n');
  });

  test('failed jobs are explained in systemctl\'s words', () => {
    assert.deepEqual(jobFailureLines('foo.service', 'failed', 'exit-code'), [
      'Job for foo.service failed because the control process exited with error code.',
      'See "sctl status foo.service" and "sctl logs foo.service" for details.',
    ]);
    assert.deepEqual(jobFailureLines('foo.service', 'dependency', ''), [
      'A dependency job for foo.service failed.',
      'See "sctl status foo.service" and "sctl logs foo.service" for details.',
    ]);
    assert.deepEqual(jobFailureLines('foo.service', 'done', ''), []);
    assert.deepEqual(jobFailureLines('foo.service', 'canceled', ''), ['Job for foo.service canceled.']);
  });
});
