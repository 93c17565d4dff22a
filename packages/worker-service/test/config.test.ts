import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServiceConfig } from '../src/config';
import { harness, loadRequest } from './helpers';

const FILE = '/etc/sysmaster/system/x.service';

function errorsOf(lines: string[]): Array<{ line: number; key: string; message: string; file: string; section: string }> {
  return parseServiceConfig(loadRequest('x.service', lines)).errors.map((e) => ({ line: e.line, key: e.key, message: e.message, file: e.file, section: e.section }));
}

test('the defaults are systemd\'s: simple, Restart=no, RestartSec 100ms, 90s timeouts, SIGTERM', () => {
  const { config, errors } = parseServiceConfig(loadRequest('x.service', ['ExecStart=/bin/sleep 1']));
  assert.deepEqual(errors, []);
  assert.equal(config.type, 'simple');
  assert.equal(config.restart, 'no');
  assert.equal(config.restartSec, 100_000);
  assert.equal(config.timeoutStopSec, 90_000_000);
  assert.equal(config.timeoutStartSec, 90_000_000);
  assert.equal(config.killSignal, 15);
});

test('without TimeoutStartSec=/TimeoutStopSec= the manager\'s defaults from system.conf apply', () => {
  const request = loadRequest('x.service', ['ExecStart=/bin/sleep 1']);
  request.unit_settings = { DefaultTimeoutStartUSec: '30000000', DefaultTimeoutStopUSec: '5000000' };
  const { config } = parseServiceConfig(request);
  assert.equal(config.timeoutStartSec, 30_000_000);
  assert.equal(config.timeoutStopSec, 5_000_000);
  const own = loadRequest('x.service', ['ExecStart=/bin/sleep 1', 'TimeoutStartSec=7s']);
  own.unit_settings = { DefaultTimeoutStartUSec: '30000000' };
  assert.equal(parseServiceConfig(own).config.timeoutStartSec, 7_000_000, "the unit's own setting wins");
});

test('every bad value is reported with its file, line, section and key', () => {
  const cases: Array<[string, RegExp]> = [
    ['Type=forky', /expected one of simple, exec, forking, oneshot, dbus, notify, notify-reload, idle/],
    ['Type=bogus', /expected one of/],
    ['KillMode=everything', /expected one of control-group, mixed, process, none/],
    ['NotifyAccess=some', /expected one of none, main, exec, all/],
    ['WatchdogSignal=SIGNOPE', /unknown signal/],
    ['RestartPreventExitStatus=256', /out of range/],
    ['Restart=sometimes', /expected one of/],
    ['RestartSec=soon', /./],
    ['TimeoutStopSec=5 parsecs', /./],
    ['TimeoutStartSec=-1', /./],
    ['RemainAfterExit=perhaps', /./],
    ['KillSignal=SIGBOGUS', /unknown signal/],
    ['SuccessExitStatus=300', /out of range/],
    ['Environment=1BAD=x', /invalid environment assignment/],
    ['EnvironmentFile=relative/path', /absolute path/],
    ['WorkingDirectory=relative', /absolute path/],
    ['ExecStartPost=relative/prog', /relative path/],
  ];
  for (const [line, message] of cases) {
    const errors = errorsOf(['ExecStart=/bin/sleep 1', line]);
    assert.equal(errors.length, 1, `${line}: ${JSON.stringify(errors)}`);
    const e = errors[0]!;
    assert.equal(e.file, FILE);
    assert.equal(e.line, 3, line);
    assert.equal(e.section, 'Service');
    assert.equal(e.key, line.slice(0, line.indexOf('=')));
    assert.match(e.message, message, line);
  }
});

test('a simple service with two ExecStart lines or none is an error naming the place', () => {
  const two = errorsOf(['ExecStart=/bin/a', 'ExecStart=/bin/b']);
  assert.equal(two.length, 1);
  assert.equal(two[0]?.line, 3);
  assert.match(two[0]?.message ?? '', /exactly one ExecStart/);
  const none = errorsOf(['RemainAfterExit=yes']);
  assert.equal(none.length, 1);
  assert.equal(none[0]?.key, 'ExecStart');
  assert.equal(none[0]?.file, FILE);
  assert.equal(none[0]?.line, 1, 'a missing key is reported at the [Service] header');
  const typed = errorsOf(['Type=simple', 'RemainAfterExit=yes']);
  assert.equal(typed[0]?.line, 1, 'even when Type= is set');
});

test('an empty ExecStart resets the list, so a drop-in can replace the command', () => {
  const { config, errors } = parseServiceConfig(loadRequest('x.service', ['ExecStart=/bin/a', 'ExecStart=', 'ExecStart=/bin/b']));
  assert.deepEqual(errors, []);
  assert.deepEqual(config.execStart.map((c) => c.path), ['/bin/b']);
});

test('prefixes, specifiers and list keys are honoured', () => {
  const { config, errors } = parseServiceConfig(loadRequest('web.service', [
    'Type=oneshot', 'ExecStart=-/bin/a %n', 'ExecStart=@/bin/b bee', 'EnvironmentFile=-/etc/default/%N',
    'SuccessExitStatus=2 SIGUSR1', 'TimeoutSec=0', 'WorkingDirectory=-/srv',
  ]));
  assert.deepEqual(errors, []);
  assert.equal(config.execStart[0]?.ignoreFailure, true);
  assert.deepEqual(config.execStart[0]?.argv, ['/bin/a', 'web.service']);
  assert.deepEqual(config.execStart[1]?.argv, ['bee']);
  assert.deepEqual(config.exec.environmentFiles, [{ path: '/etc/default/web', optional: true }]);
  assert.deepEqual(config.successExitStatus, { codes: [2], signals: [10] });
  assert.equal(config.timeoutStopSec, Infinity);
  assert.deepEqual(config.exec.workingDirectory, { path: '/srv', optional: true });
});

test('an unknown key is a warning naming its line, not an error', () => {
  assert.deepEqual(errorsOf(['ExecStart=/bin/a', 'NoSuchKey=/run/a.pid']), []);
  const { warnings } = parseServiceConfig(loadRequest('x.service', ['ExecStart=/bin/a', 'NoSuchKey=/run/a.pid']));
  assert.deepEqual(warnings.map((w) => [w.line, w.key]), [[3, 'NoSuchKey']]);
});

test('systemd\'s implied defaults: NotifyAccess=main for notify types and WatchdogSec, abort and restart-kill follow stop', () => {
  const notify = parseServiceConfig(loadRequest('x.service', ['Type=notify', 'ExecStart=/bin/a'])).config;
  assert.equal(notify.notifyAccess, 'main');
  const watchdog = parseServiceConfig(loadRequest('x.service', ['ExecStart=/bin/a', 'WatchdogSec=3'])).config;
  assert.equal(watchdog.notifyAccess, 'main');
  assert.equal(watchdog.watchdogSec, 3_000_000);
  assert.equal(watchdog.watchdogSignal, 6);
  const plain = parseServiceConfig(loadRequest('x.service', ['ExecStart=/bin/a', 'TimeoutStopSec=7', 'KillSignal=SIGINT'])).config;
  assert.equal(plain.notifyAccess, 'none');
  assert.equal(plain.timeoutAbortSec, 7_000_000);
  assert.equal(plain.restartKillSignal, 2);
  assert.equal(plain.finalKillSignal, 9);
  assert.equal(plain.killMode, 'control-group');
  const forking = parseServiceConfig(loadRequest('x.service', ['Type=forking', 'ExecStart=/bin/a', 'PIDFile=a.pid'])).config;
  assert.equal(forking.pidFile, '/run/a.pid');
});

test('Type=dbus without BusName, Restart=on-success for a oneshot and ExecReload with notify-reload are errors', () => {
  assert.match(errorsOf(['Type=dbus', 'ExecStart=/bin/a'])[0]?.message ?? '', /BusName/);
  assert.match(errorsOf(['Type=oneshot', 'ExecStart=/bin/a', 'Restart=on-success'])[0]?.message ?? '', /not allowed for Type=oneshot/);
  assert.match(errorsOf(['Type=notify-reload', 'ExecStart=/bin/a', 'ExecReload=/bin/b'])[0]?.message ?? '', /ReloadSignal/);
  assert.match(errorsOf(['Type=notify', 'ExecStart=/bin/a', 'ExecStart=/bin/b'])[0]?.message ?? '', /Type=notify takes exactly one ExecStart/);
});

test('keys this worker accepts but does not apply are Load warnings at their last assignment, not run-time notices', () => {
  const h = harness();
  const response = h.units.load(loadRequest('d.service', ['ExecStart=/usr/sbin/d', 'PrivateTmp=no', 'ProtectSystem=full', 'PrivateTmp=yes', 'NoNewPrivileges=true']));
  assert.deepEqual(response.errors, []);
  const file = '/etc/sysmaster/system/d.service';
  assert.deepEqual(response.warnings, [
    { file, line: 4, section: 'Service', key: 'ProtectSystem', message: 'ProtectSystem=full is not applied by this version of sysmaster' },
    { file, line: 5, section: 'Service', key: 'PrivateTmp', message: 'PrivateTmp=yes is not applied by this version of sysmaster' },
    { file, line: 6, section: 'Service', key: 'NoNewPrivileges', message: 'NoNewPrivileges=true is not applied by this version of sysmaster' },
  ]);
  assert.deepEqual(h.units.status('d.service').notices, []);
  h.units.start('d.service');
  assert.equal(h.last().sub_state, 'running');
  assert.deepEqual(h.last().notices, []);
});

test('Load returns systemd.service(5)\'s default dependencies and whether the unit can reload, not a CanReload property', () => {
  const h = harness();
  const plain = h.units.load(loadRequest('p.service', ['ExecStart=/bin/p']));
  assert.deepEqual(plain.default_dependencies, [
    { kind: 'Requires', unit: 'sysinit.target' }, { kind: 'After', unit: 'sysinit.target' }, { kind: 'After', unit: 'basic.target' },
    { kind: 'Conflicts', unit: 'shutdown.target' }, { kind: 'Before', unit: 'shutdown.target' },
  ]);
  assert.deepEqual(plain.dependencies, []);
  assert.equal(plain.can_reload, false);
  assert.equal(plain.properties?.CanReload, undefined);
  assert.equal(h.units.load(loadRequest('r.service', ['ExecStart=/bin/r', 'ExecReload=/bin/kill -HUP $MAINPID'])).can_reload, true);
  assert.equal(h.units.load(loadRequest('n.service', ['Type=notify-reload', 'ExecStart=/bin/n'])).can_reload, true);
});

test('Sockets= names socket units the service gets Wants= and After= on; anything else is an error at its line', () => {
  const h = harness();
  const r = h.units.load(loadRequest('s.service', ['ExecStart=/bin/s', 'Sockets=a.socket b.socket', 'Sockets=c.socket']));
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.dependencies?.map((d) => `${d.kind} ${d.unit}`), [
    'Wants a.socket', 'After a.socket', 'Wants b.socket', 'After b.socket', 'Wants c.socket', 'After c.socket',
  ]);
  assert.equal(r.properties?.Sockets, 'a.socket b.socket c.socket');
  const bad = errorsOf(['ExecStart=/bin/s', 'Sockets=a.service']);
  assert.deepEqual(bad.map((e) => [e.line, e.key]), [[3, 'Sockets']]);
  assert.match(bad[0]?.message ?? '', /not a socket unit/);
});
