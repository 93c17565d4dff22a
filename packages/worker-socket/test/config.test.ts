// The [Socket] section: supported keys parsed, unbuilt ones warned or refused with file:line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSocketConfig, socketProperties } from '../src/config';
import { FILE, request } from './helpers';

test('a minimal socket listens on its path and activates the service of the same name with the defaults', () => {
  const { config, errors, warnings } = parseSocketConfig(request('echo.socket', ['ListenStream=/run/echo.sock']));
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  assert.equal(config.service, 'echo.service');
  assert.equal(config.fdName, 'echo.socket');
  assert.deepEqual([config.backlog, config.socketMode, config.directoryMode], [4096, 0o666, 0o755]);
  assert.deepEqual([config.triggerLimitIntervalUsec, config.triggerLimitBurst], [2_000_000, 20]);
  assert.equal(config.bindIPv6Only, 'default');
  assert.deepEqual(config.options, {});
});

test('every supported option is read, specifiers are expanded, and an empty Listen value clears the list', () => {
  const { config, errors } = parseSocketConfig(request('web@a.socket', [
    'ListenStream=/run/old.sock', 'ListenStream=', 'ListenStream=%t/%p.sock', 'ListenDatagram=[::1]:5353', 'ListenFIFO=/run/f',
    'Service=other.service', 'BindIPv6Only=ipv6-only', 'Backlog=16', 'ReusePort=yes', 'FreeBind=true', 'KeepAlive=1',
    'NoDelay=on', 'PassCredentials=no', 'ReceiveBuffer=64K', 'SendBuffer=1M', 'SocketMode=0600', 'DirectoryMode=0700',
    'SocketUser=daemon', 'SocketGroup=adm', 'RemoveOnStop=yes', 'FileDescriptorName=web',
    'TriggerLimitIntervalSec=5s', 'TriggerLimitBurst=3', 'Accept=no',
  ]));
  assert.deepEqual(errors, []);
  assert.deepEqual(config.listens.map((l) => l.display), ['/run/web.sock', '[::1]:5353', '/run/f']);
  assert.equal(config.service, 'other.service');
  assert.deepEqual(config.options, { reusePort: true, freeBind: true, keepAlive: true, noDelay: true, passCredentials: false, receiveBuffer: 65536, sendBuffer: 1048576 });
  assert.deepEqual([config.backlog, config.socketMode, config.directoryMode, config.bindIPv6Only], [16, 0o600, 0o700, 'ipv6-only']);
  assert.deepEqual([config.socketUser, config.socketGroup, config.removeOnStop, config.fdName], ['daemon', 'adm', true, 'web']);
  assert.deepEqual([config.triggerLimitIntervalUsec, config.triggerLimitBurst], [5_000_000, 3]);
  assert.equal(socketProperties(config).Listen, '/run/web.sock (Stream) [::1]:5353 (Datagram) /run/f (FIFO)');
});

test('every bad value is an error at its file and line, in file order', () => {
  const { errors } = parseSocketConfig(request('bad.socket', [
    'ListenStream=/run/ok.sock', 'ListenStream=not-an-address', 'Backlog=many', 'Service=foo.target',
    'FileDescriptorName=a:b', 'BindIPv6Only=maybe', 'ListenStream=/run/ok.sock',
  ]));
  assert.deepEqual(errors.map((e) => [e.file, e.line, e.key]), [
    [FILE, 6, 'ListenStream'], [FILE, 7, 'Backlog'], [FILE, 8, 'Service'], [FILE, 9, 'FileDescriptorName'],
    [FILE, 10, 'BindIPv6Only'], [FILE, 11, 'ListenStream'],
  ]);
  assert.match(errors[0]?.message ?? '', /invalid value 'not-an-address'/);
  assert.match(errors[5]?.message ?? '', /listed twice \(also at line 5\)/);
});

test('the unbuilt Listen kinds are errors; unbuilt options and unknown keys are warnings', () => {
  const { errors, warnings } = parseSocketConfig(request('x.socket', [
    'ListenStream=/run/x.sock', 'ListenSpecial=/proc/kmsg', 'ListenNetlink=kobject-uevent 1', 'BindToDevice=lo', 'SmackLabel=x', 'Frobnicate=1',
  ]));
  assert.deepEqual(errors.map((e) => [e.line, e.key]), [[6, 'ListenSpecial'], [7, 'ListenNetlink']]);
  assert.match(errors[0]?.message ?? '', /ListenSpecial=\) are not supported yet/);
  assert.match(errors[1]?.message ?? '', /ListenNetlink=\) are not supported yet/);
  assert.deepEqual(warnings.map((w) => [w.line, w.key]), [[8, 'BindToDevice'], [9, 'SmackLabel'], [10, 'Frobnicate']]);
  assert.match(warnings[0]?.describe() ?? '', /x\.socket:8: \[Socket\] BindToDevice=: BindToDevice= is not supported yet; ignored/);
  assert.match(warnings[2]?.message ?? '', /unknown key Frobnicate=/);
});

test('a socket without any Listen line is refused, naming its file', () => {
  const { errors } = parseSocketConfig(request('empty.socket', ['Backlog=5']));
  assert.equal(errors.length, 1);
  assert.equal(errors[0]?.file, FILE);
  assert.match(errors[0]?.message ?? '', /empty\.socket has no Listen setting/);
});

test('Symlinks= needs exactly one path among the Listen lines, else it is ignored with a warning', () => {
  const one = parseSocketConfig(request('s.socket', ['ListenStream=/run/s.sock', 'ListenStream=8080', 'Symlinks=/run/a /run/b']));
  assert.deepEqual(one.config.symlinks, ['/run/a', '/run/b']);
  const two = parseSocketConfig(request('t.socket', ['ListenStream=/run/1.sock', 'ListenStream=/run/2.sock', 'Symlinks=/run/a']));
  assert.deepEqual(two.config.symlinks, []);
  assert.match(two.warnings[0]?.message ?? '', /exactly one socket or FIFO path/);
  const relative = parseSocketConfig(request('u.socket', ['ListenStream=/run/1.sock', 'Symlinks=rel']));
  assert.match(relative.errors[0]?.message ?? '', /not an absolute path/);
});
