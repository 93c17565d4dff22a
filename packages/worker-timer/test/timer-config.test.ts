import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTimerConfig } from '../src/timer-config';
import { batchedWake } from '../src/timer-schedule';
import { timerRequest } from './fake-env';

const FILE = '/etc/sysmaster/system/x.timer';

test('a timer without any trigger is refused at the line of its [Timer] header', () => {
  const request = timerRequest('x.timer', ['Persistent=yes']);
  request.sections[0]!.line = 7;
  const { errors } = readTimerConfig(request);
  assert.equal(errors.length, 1);
  assert.deepEqual({ file: errors[0]!.file, line: errors[0]!.line, section: errors[0]!.section }, { file: FILE, line: 7, section: 'Timer' });
  assert.match(errors[0]!.message ?? '', /no trigger: set OnCalendar=/);
});

test('a bad OnCalendar is reported at its own file and line with what systemd.time(7) expects', () => {
  const { errors } = readTimerConfig(timerRequest('x.timer', ['OnActiveSec=1s', 'OnCalendar=Mon *-*-* 25:00']));
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.line, 3);
  assert.equal(errors[0]!.key, 'OnCalendar');
  assert.match(errors[0]!.message ?? '', /hour 25 is out of range/);
});

test('WakeSystem=yes loads with a warning that says it is not supported', () => {
  const { errors, warnings } = readTimerConfig(timerRequest('x.timer', ['OnBootSec=5min', 'WakeSystem=yes']));
  assert.deepEqual(errors, []);
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]!.line, 3);
  assert.match(warnings[0]!.message ?? '', /not supported/);
});

test('a timer triggers and is ordered before its Unit=, by default the service of the same name', () => {
  assert.deepEqual(readTimerConfig(timerRequest('x.timer', ['OnBootSec=1'])).dependencies,
    [{ kind: 'Triggers', unit: 'x.service' }, { kind: 'Before', unit: 'x.service' }]);
  assert.deepEqual(readTimerConfig(timerRequest('x.timer', ['OnBootSec=1', 'Unit=y.target'])).dependencies,
    [{ kind: 'Triggers', unit: 'y.target' }, { kind: 'Before', unit: 'y.target' }]);
  assert.match(readTimerConfig(timerRequest('x.timer', ['OnBootSec=1', 'Unit=z.timer'])).errors[0]?.message ?? '', /cannot activate another timer/);
});

test('default dependencies follow systemd.timer(5), with time-set and time-sync only for calendar timers', () => {
  const monotonic = readTimerConfig(timerRequest('x.timer', ['OnBootSec=1'])).defaultDependencies.map((d) => `${d.kind} ${d.unit}`);
  assert.deepEqual(monotonic, ['Requires sysinit.target', 'After sysinit.target', 'Before timers.target',
    'Conflicts shutdown.target', 'Before shutdown.target']);
  const calendar = readTimerConfig(timerRequest('x.timer', ['OnCalendar=daily'])).defaultDependencies.map((d) => `${d.kind} ${d.unit}`);
  assert.deepEqual(calendar.slice(5), ['After time-set.target', 'After time-sync.target']);
});

test('the properties name every timer value the way systemctl show does', () => {
  const { properties } = readTimerConfig(timerRequest('x.timer', ['OnActiveSec=90', 'OnCalendar=Mon..Fri 10:00', 'AccuracySec=1s']));
  assert.equal(properties.TimersMonotonic, '{ OnActiveUSec=1min 30s }');
  assert.equal(properties.TimersCalendar, '{ OnCalendar=Mon..Fri *-*-* 10:00:00 }');
  assert.equal(properties.AccuracyUSec, '1s');
  assert.equal(properties.RemainAfterElapse, 'yes');
  assert.equal(properties.Unit, 'x.service');
});

test('AccuracySec batching wakes at the latest aligned point of the window, shifted by the machine offset', () => {
  const S = 1_000_000;
  assert.equal(batchedWake(61.3 * S, 60 * S, 0), 120 * S);
  assert.equal(batchedWake(61.3 * S, 60 * S, 7 * S), 67 * S);
  assert.equal(batchedWake(12.3 * S, S, 0), 13 * S);
  assert.equal(batchedWake(12.3 * S, 0, 0), 12.3 * S);
  assert.equal(batchedWake(12.3 * S, 1, 0), 12.3 * S + 1);
});
