import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandSpecifiers, specifiersFor, ValueError } from '../src/index';

const host = { hostname: 'box.example.org', machineId: 'm1d', bootId: 'b00t', kernelRelease: '6.1.0', arch: 'x86-64' };

test('specifiers of an instance carry its escaped and unescaped parts', () => {
  const s = specifiersFor('systemd-fsck@dev-disk-by\\x2dlabel-root.service', '/usr/lib/sysmaster/system/systemd-fsck@.service', host);
  const rows: Array<[string, string]> = [
    ['n', 'systemd-fsck@dev-disk-by\\x2dlabel-root.service'],
    ['N', 'systemd-fsck@dev-disk-by\\x2dlabel-root'],
    ['p', 'systemd-fsck'], ['P', 'systemd/fsck'],
    ['i', 'dev-disk-by\\x2dlabel-root'], ['I', 'dev/disk/by-label/root'],
    ['j', 'fsck'], ['J', 'fsck'],
    ['f', '/dev/disk/by-label/root'],
    ['y', '/usr/lib/sysmaster/system/systemd-fsck@.service'], ['Y', '/usr/lib/sysmaster/system'],
    ['t', '/run'], ['S', '/var/lib'], ['C', '/var/cache'], ['L', '/var/log'], ['E', '/etc'], ['T', '/tmp'], ['V', '/var/tmp'],
    ['h', '/root'], ['s', '/bin/sh'], ['u', 'root'], ['U', '0'], ['g', 'root'], ['G', '0'],
    ['H', 'box.example.org'], ['l', 'box'], ['m', 'm1d'], ['b', 'b00t'], ['v', '6.1.0'], ['a', 'x86-64'], ['%', '%'],
  ];
  for (const [key, value] of rows) assert.equal(s[key], value, `%${key}`);
});

test('a plain unit has an empty instance and %f from its prefix, and no %y without a fragment', () => {
  const s = specifiersFor('getty.service', null, host);
  assert.equal(s.i, '');
  assert.equal(s.f, '/getty');
  assert.equal(s.y, undefined);
});

test('host facts default to the running machine', () => {
  const s = specifiersFor('a.service', null);
  assert.ok((s.H ?? '').length > 0);
  assert.ok((s.v ?? '').length > 0);
  assert.ok((s.a ?? '').length > 0);
});

test('specifiersFor refuses an invalid unit name', () => {
  assert.throws(() => specifiersFor('nope', null, host), /cannot build specifiers for "nope"/);
});

test('expandSpecifiers replaces %X, turns %% into %, and names an unknown specifier', () => {
  const s = specifiersFor('getty@tty1.service', null, host);
  const rows: Array<[string, string | RegExp]> = [
    ['/sbin/agetty %I 38400', '/sbin/agetty tty1 38400'],
    ['%n on %H', 'getty@tty1.service on box.example.org'],
    ['100%%', '100%'],
    ['%%i', '%i'],
    ['no specifiers', 'no specifiers'],
    ['%R', /unknown specifier "%R" in "%R": known are .*%n/],
    ['50%', /ends in a lone '%'/],
  ];
  for (const [input, expected] of rows) {
    if (expected instanceof RegExp) {
      assert.throws(() => expandSpecifiers(input, s), (error: unknown) => error instanceof ValueError && expected.test(error.message), input);
    } else {
      assert.equal(expandSpecifiers(input, s), expected);
    }
  }
});
