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

test('Listen lines keep the order of configuration across kinds (the fd order), and an empty value of any Listen key resets them all', () => {
  const ordered = parseSocketConfig(request('o.socket', ['ListenFIFO=/run/f', 'ListenStream=/run/s', 'ListenNetlink=route 1', 'ListenDatagram=@d']));
  assert.deepEqual(ordered.config.listens.map((l) => l.display), ['/run/f', '/run/s', 'route 1', '@d']);
  const reset = parseSocketConfig(request('r.socket', ['ListenStream=/run/old', 'ListenFIFO=/run/old.fifo', 'ListenDatagram=', 'ListenSpecial=/dev/kmsg']));
  assert.deepEqual(reset.config.listens.map((l) => l.display), ['/dev/kmsg']);
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

test('ListenUSBFunction= is an error; unbuilt options and unknown keys are warnings', () => {
  const { errors, warnings } = parseSocketConfig(request('x.socket', [
    'ListenStream=/run/x.sock', 'ListenUSBFunction=/run/ffs', 'TCPCongestion=cubic', 'SmackLabel=x', 'Frobnicate=1',
  ]));
  assert.deepEqual(errors.map((e) => [e.line, e.key]), [[6, 'ListenUSBFunction']]);
  assert.match(errors[0]?.message ?? '', /ListenUSBFunction=\) are not supported yet/);
  assert.deepEqual(warnings.map((w) => [w.line, w.key]), [[7, 'TCPCongestion'], [8, 'SmackLabel'], [9, 'Frobnicate']]);
  assert.match(warnings[0]?.describe() ?? '', /x\.socket:7: \[Socket\] TCPCongestion=: TCPCongestion= is not supported yet; ignored/);
  assert.match(warnings[2]?.message ?? '', /unknown key Frobnicate=/);
});

test('the socket options are read with systemd\'s value grammar, in the units the kernel takes', () => {
  const { config, errors, warnings } = parseSocketConfig(request('o.socket', [
    'ListenStream=127.0.0.1:80', 'BindToDevice=lo', 'Transparent=yes', 'Broadcast=true', 'KeepAliveTimeSec=2min',
    'KeepAliveIntervalSec=7.9', 'KeepAliveProbes=4', 'DeferAcceptSec=1500ms', 'Priority=6', 'IPTOS=low-delay', 'IPTTL=64',
    'Mark=42', 'PassSecurity=yes', 'PassPacketInfo=on', 'Timestamping=µs', 'PipeSize=64K', 'Writable=yes',
    'MessageQueueMaxMessages=8', 'MessageQueueMessageSize=512',
  ]));
  assert.deepEqual([errors, warnings], [[], []]);
  assert.deepEqual(config.options, {
    bindToDevice: 'lo', transparent: true, broadcast: true, keepAliveTime: 120, keepAliveInterval: 7, keepAliveProbes: 4,
    deferAccept: 2, priority: 6, ipTos: 0x10, ipTtl: 64, mark: 42, passSecurity: true, passPacketInfo: true, timestamping: 'us',
  });
  assert.deepEqual([config.pipeSize, config.writable, config.messageQueue], [65536, true, { maxMessages: 8, messageSize: 512 }]);
});

test('the values systemd reads as unset leave the kernel default', () => {
  const { config, errors } = parseSocketConfig(request('u.socket', [
    'ListenStream=80', 'BindToDevice=*', 'KeepAliveTimeSec=0', 'KeepAliveProbes=0', 'DeferAcceptSec=0', 'Priority=-1',
    'IPTTL=-1', 'Mark=-1', 'Timestamping=off', 'PipeSize=0', 'ReceiveBuffer=0',
  ]));
  assert.deepEqual(errors, []);
  assert.deepEqual(config.options, {});
  assert.equal(config.pipeSize, 0);
});

test('IPTOS= takes its four names or 0-255, and Timestamping= its aliases and booleans', () => {
  const tos = (v: string) => parseSocketConfig(request('t.socket', ['ListenDatagram=127.0.0.1:53', `IPTOS=${v}`])).config.options.ipTos;
  assert.deepEqual(['low-delay', 'throughput', 'reliability', 'low-cost', '0', '255'].map(tos), [0x10, 0x08, 0x04, 0x02, 0, 255]);
  const ts = (v: string) => parseSocketConfig(request('t.socket', ['ListenDatagram=127.0.0.1:53', `Timestamping=${v}`])).config.options.timestamping;
  assert.deepEqual(['us', 'usec', 'µs', 'ns', 'nsec', 'yes', 'no', 'off'].map(ts), ['us', 'us', 'us', 'ns', 'ns', 'ns', undefined, undefined]);
});

test('a socket option value outside the grammar or the kernel\'s range is an error at its line', () => {
  const bad = (lines: string[]): Array<[number, string]> => {
    const { errors } = parseSocketConfig(request('bad.socket', ['ListenStream=/run/b.sock', ...lines]));
    assert.deepEqual(errors.map((e) => [e.line, e.key]), lines.map((l, i) => [6 + i, l.slice(0, l.indexOf('='))]));
    return errors.map((e) => [e.line, e.message]);
  };
  const first = bad([
    'BindToDevice=has space', 'Transparent=maybe', 'KeepAliveTimeSec=500ms', 'KeepAliveIntervalSec=40000', 'KeepAliveProbes=128',
    'DeferAcceptSec=infinity', 'Priority=high', 'IPTOS=fast', 'IPTTL=0', 'Mark=0x10', 'Timestamping=ms', 'PipeSize=3G',
    'Writable=rw', 'MessageQueueMaxMessages=-1',
  ]);
  assert.match(first[2]?.[1] ?? '', /1s to 32767s in whole seconds/);
  assert.match(first[8]?.[1] ?? '', /1-255/);
  const second = bad(['BindToDevice=waytoolonginterfacename', 'IPTOS=256', 'IPTTL=256', 'KeepAliveProbes=-2']);
  assert.match(second[0]?.[1] ?? '', /not a network interface name/);
});

test('MessageQueueMaxMessages= without MessageQueueMessageSize= is a warning, and the kernel\'s defaults apply', () => {
  const { config, errors, warnings } = parseSocketConfig(request('q.socket', ['ListenMessageQueue=/q', 'MessageQueueMaxMessages=5']));
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings.map((w) => [w.line, w.key]), [[6, 'MessageQueueMaxMessages']]);
  assert.match(warnings[0]?.message ?? '', /together or not at all/);
  assert.deepEqual(config.messageQueue, { maxMessages: 5, messageSize: 0 });
});

test('the new Listen kinds are shown with systemd\'s kind names, and every option under its property name', () => {
  const { config } = parseSocketConfig(request('k.socket', [
    'ListenSpecial=/dev/kmsg', 'ListenNetlink=kobject-uevent 1', 'ListenMessageQueue=/work', 'KeepAliveTimeSec=30', 'DeferAcceptSec=2', 'Mark=3',
  ]));
  const p = socketProperties(config);
  assert.equal(p.Listen, '/dev/kmsg (Special) kobject-uevent 1 (Netlink) /work (MessageQueue)');
  assert.deepEqual(
    [p.KeepAliveTimeUSec, p.KeepAliveIntervalUSec, p.DeferAcceptUSec, p.Mark, p.Priority, p.IPTOS, p.IPTTL, p.Timestamping, p.Transparent, p.BindToDevice],
    ['30000000', '0', '2000000', '3', '-1', '-1', '-1', 'off', 'no', ''],
  );
  assert.deepEqual([p.Writable, p.PipeSize, p.MessageQueueMaxMessages, p.MessageQueueMessageSize, p.NoDelay, p.ReceiveBuffer], ['no', '0', '0', '0', 'no', '0']);
});

test('Accept=yes refuses the special, netlink and message queue kinds, which accept no connections', () => {
  const { errors } = parseSocketConfig(request('a.socket', ['ListenStream=/run/a.sock', 'ListenSpecial=/dev/kmsg', 'ListenNetlink=route 1', 'ListenMessageQueue=/a', 'Accept=yes']));
  assert.equal(errors.length, 1);
  assert.match(errors[0]?.message ?? '', /\/dev\/kmsg, route 1, \/a accepts no connections/);
});

test('Symlinks= counts only unix socket paths and FIFOs, not special files or queues', () => {
  const { config, warnings } = parseSocketConfig(request('s.socket', ['ListenFIFO=/run/s.fifo', 'ListenSpecial=/dev/kmsg', 'ListenMessageQueue=/s', 'Symlinks=/run/alias']));
  assert.deepEqual(warnings, []);
  assert.deepEqual(config.symlinks, ['/run/alias']);
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
