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
