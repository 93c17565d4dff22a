// The Listen*= grammar of systemd.socket(5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseListen } from '../src/listen-address';

test('a path, an abstract name and a FIFO path are unix addresses kept as written', () => {
  assert.deepEqual(parseListen('ListenStream', '/run/a.sock'),
    { kind: 'stream', family: 'unix', address: '/run/a.sock', port: 0, anyPort: false, display: '/run/a.sock' });
  assert.equal(parseListen('ListenDatagram', '@name').address, '@name');
  assert.equal(parseListen('ListenSequentialPacket', '/run/s').kind, 'seqpacket');
  assert.equal(parseListen('ListenFIFO', '/run/f').family, 'fifo');
});

test('a bare port is dual-stack [::], an IPv4 or bracketed IPv6 address keeps its family', () => {
  assert.deepEqual(parseListen('ListenStream', '8080'),
    { kind: 'stream', family: 'inet6', address: '::', port: 8080, anyPort: true, display: '8080' });
  const v4 = parseListen('ListenStream', '0.0.0.0:80');
  assert.deepEqual([v4.family, v4.address, v4.port, v4.anyPort], ['inet', '0.0.0.0', 80, false]);
  const v6 = parseListen('ListenDatagram', '[::1]:53');
  assert.deepEqual([v6.family, v6.address, v6.port, v6.kind], ['inet6', '::1', 53, 'dgram']);
});

test('bad addresses are refused with a sentence saying what is accepted', () => {
  assert.throws(() => parseListen('ListenStream', 'not-an-address'), /is not a socket address: expected an absolute path/);
  assert.throws(() => parseListen('ListenStream', '0'), /out of range 1-65535/);
  assert.throws(() => parseListen('ListenStream', '70000'), /out of range/);
  assert.throws(() => parseListen('ListenStream', '1.2.3:80'), /not an IPv4 address/);
  assert.throws(() => parseListen('ListenStream', '[::g]:80'), /not an IPv6 address/);
  assert.throws(() => parseListen('ListenStream', '::1'), /write an IPv6 address as "\[::1\]:PORT"/);
  assert.throws(() => parseListen('ListenStream', '[fe80::1%eth0]:80'), /scope .* not supported yet/);
  assert.throws(() => parseListen('ListenStream', 'vsock:2:1234'), /AF_VSOCK sockets are not supported yet/);
  assert.throws(() => parseListen('ListenSequentialPacket', '127.0.0.1:80'), /only as unix sockets/);
  assert.throws(() => parseListen('ListenFIFO', 'relative'), /not absolute/);
  assert.throws(() => parseListen('ListenStream', `/${'x'.repeat(120)}`), /longer than 107 bytes/);
  assert.throws(() => parseListen('ListenStream', '/run/../etc/x'), /not normalized/);
  assert.throws(() => parseListen('ListenStream', '@'), /at least one character/);
});

test('ListenSpecial= takes an absolute normalized path; ListenMessageQueue= a "/name"', () => {
  assert.deepEqual(parseListen('ListenSpecial', '/dev/kmsg'),
    { kind: 'special', family: 'special', address: '/dev/kmsg', port: 0, anyPort: false, display: '/dev/kmsg' });
  assert.deepEqual(parseListen('ListenMessageQueue', '/work'),
    { kind: 'mqueue', family: 'mqueue', address: '/work', port: 0, anyPort: false, display: '/work' });
  assert.throws(() => parseListen('ListenSpecial', 'dev/kmsg'), /special file path "dev\/kmsg" is not absolute/);
  assert.throws(() => parseListen('ListenSpecial', '/proc/../etc/x'), /not normalized/);
  assert.throws(() => parseListen('ListenMessageQueue', 'work'), /must be "\/" followed by a name without "\/"/);
  assert.throws(() => parseListen('ListenMessageQueue', '/a/b'), /without "\/"/);
  assert.throws(() => parseListen('ListenMessageQueue', '/'), /without "\/"/);
  assert.throws(() => parseListen('ListenMessageQueue', `/${'q'.repeat(256)}`), /longer than 255/);
});

test('ListenNetlink= takes a family name or number and an optional group mask', () => {
  assert.deepEqual(parseListen('ListenNetlink', 'kobject-uevent 1'),
    { kind: 'netlink', family: 'netlink', address: 'kobject-uevent', port: 1, anyPort: false, display: 'kobject-uevent 1' });
  assert.deepEqual([parseListen('ListenNetlink', 'route').port, parseListen('ListenNetlink', 'route').display], [0, 'route 0']);
  assert.equal(parseListen('ListenNetlink', '  audit   4294967295 ').display, 'audit 4294967295');
  assert.equal(parseListen('ListenNetlink', '2 1').address, '2');
  assert.throws(() => parseListen('ListenNetlink', 'nosuch 1'), /"nosuch" is not a netlink family: expected route, firewall/);
  assert.throws(() => parseListen('ListenNetlink', '32 1'), /below 32/);
  assert.throws(() => parseListen('ListenNetlink', 'route -1'), /not a 32-bit unsigned number/);
  assert.throws(() => parseListen('ListenNetlink', 'route 4294967296'), /not a 32-bit unsigned number/);
  assert.throws(() => parseListen('ListenNetlink', 'route 1 2'), /is not "FAMILY \[GROUP\]"/);
  assert.throws(() => parseListen('ListenNetlink', ''), /is not "FAMILY \[GROUP\]"/);
});
