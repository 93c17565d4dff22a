import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeUnitName, parseUnitName, templateOf, UnitNameError } from '../src/index';

test('parseUnitName takes plain names, templates and instances apart', () => {
  const rows = [
    ['sshd.service', { prefix: 'sshd', instance: null, type: 'service', isTemplate: false, isInstance: false }],
    ['getty@.service', { prefix: 'getty', instance: null, type: 'service', isTemplate: true, isInstance: false }],
    ['getty@tty1.service', { prefix: 'getty', instance: 'tty1', type: 'service', isTemplate: false, isInstance: true }],
    ['dbus-org.freedesktop.login1.service', { prefix: 'dbus-org.freedesktop.login1', instance: null, type: 'service', isTemplate: false, isInstance: false }],
    ['systemd-fsck@dev-disk-by\\x2duuid-1.service', { prefix: 'systemd-fsck', instance: 'dev-disk-by\\x2duuid-1', type: 'service', isTemplate: false, isInstance: true }],
    ['multi-user.target', { prefix: 'multi-user', instance: null, type: 'target', isTemplate: false, isInstance: false }],
    ['backup.timer', { prefix: 'backup', instance: null, type: 'timer', isTemplate: false, isInstance: false }],
  ] as const;
  for (const [name, expected] of rows) assert.deepEqual(parseUnitName(name), { full: name, ...expected }, name);
});

test('parseUnitName refuses invalid names with a reason', () => {
  const rows: Array<[string, RegExp]> = [
    ['', /empty unit name/],
    ['sshd', /expected NAME\.TYPE/],
    ['.service', /expected NAME\.TYPE/],
    ['sshd.', /invalid unit type ""/],
    ['sshd.Service', /invalid unit type "Service"/],
    ['@foo.service', /empty name/],
    ['foo bar.service', /characters not allowed/],
    ['foo/bar.service', /characters not allowed/],
    ['getty@tty 1.service', /instance with characters not allowed/],
    [`${'a'.repeat(300)}.service`, /longer than 255/],
  ];
  for (const [name, message] of rows) {
    assert.throws(() => parseUnitName(name), (error: unknown) => error instanceof UnitNameError && message.test(error.message), name);
  }
});

test('normalizeUnitName appends the default type unless a known type is given', () => {
  const rows: Array<[string, string | undefined, string]> = [
    ['sshd', undefined, 'sshd.service'],
    ['  sshd  ', undefined, 'sshd.service'],
    ['sshd.service', undefined, 'sshd.service'],
    ['multi-user.target', undefined, 'multi-user.target'],
    ['getty@tty1', undefined, 'getty@tty1.service'],
    ['org.cups.cupsd', undefined, 'org.cups.cupsd.service'],
    ['sshd', 'socket', 'sshd.socket'],
    ['job.custom', 'custom', 'job.custom'],
  ];
  for (const [input, type, expected] of rows) assert.equal(normalizeUnitName(input, type), expected, input);
});

test('normalizeUnitName keeps a suffix that is a registered type and still mangles one that is not', () => {
  const types = new Set(['flag']);
  assert.equal(normalizeUnitName('demo.flag', { types }), 'demo.flag');
  assert.equal(normalizeUnitName('demo.flag'), 'demo.flag.service');
  assert.equal(normalizeUnitName('demo', { types }), 'demo.service');
  assert.equal(normalizeUnitName('org.cups.cupsd', { types }), 'org.cups.cupsd.service');
  assert.equal(normalizeUnitName('sshd.socket', { types }), 'sshd.socket');
  assert.equal(normalizeUnitName('rescue', { types, defaultType: 'target' }), 'rescue.target');
});

test('normalizeUnitName refuses what cannot become a unit name', () => {
  assert.throws(() => normalizeUnitName(''), UnitNameError);
  assert.throws(() => normalizeUnitName('a b'), /characters not allowed/);
});

test('templateOf maps an instance to its template and everything else to null', () => {
  const rows: Array<[string, string | null]> = [
    ['getty@tty1.service', 'getty@.service'],
    ['foo@a.b.socket', 'foo@.socket'],
    ['getty@.service', null],
    ['sshd.service', null],
    ['not a unit', null],
  ];
  for (const [name, expected] of rows) assert.equal(templateOf(name), expected, name);
});
