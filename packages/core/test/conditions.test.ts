// Parsing of Condition*/Assert* assignments, the evaluation rule ('!', '|', asserts), the
// file-system checks, and the matching helpers, against an in-memory ConditionEnv.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  evaluateConditions, memoryConditionEnv, parseConditions, type MemoryEnvSpec,
} from '../src/conditions';
import { compareVersions, expandBraces, fnmatch } from '../src/conditions/match';
import { line, table } from './conditions-helpers';

const MOUNTINFO = [
  '22 27 0:21 / /proc rw,relatime - proc proc rw',
  '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw',
  '28 27 0:25 / /usr ro,relatime - ext4 /dev/vdb ro',
  '29 27 0:26 / /srv/my\\040data rw,relatime - tmpfs tmpfs rw',
  '30 27 0:27 / /mnt/frozen rw,relatime - ext4 /dev/vdc ro',
].join('\n');

const fsSpec: MemoryEnvSpec = {
  files: {
    '/etc/hostname': 'testhost\n',
    '/etc/empty.conf': '',
    '/etc/foo.d/only-hidden/.keep': '',
    '/etc/foo.d/only-backup/a.conf.dpkg-old': '',
    '/etc/foo.d/only-backup/b.conf~': '',
    '/etc/foo.d/real/10-a.conf': 'x',
    '/etc/foo.d/real/.hidden': '',
    '/etc/link': { symlink: 'hostname' },
    '/etc/dangling': { symlink: '/nowhere' },
    '/etc/dirlink': { symlink: '/etc/foo.d' },
    '/usr/bin/tool': { file: '#!/bin/sh\n', mode: 0o755 },
    '/usr/share/doc/readme': 'doc',
    '/srv/my data/file': 'x',
    '/mnt/frozen/file': 'x',
    '/proc/self/mountinfo': MOUNTINFO,
    '/var/lib/a/x.db': '1',
    '/var/lib/b/.x.db': '1',
  },
};

test('an absolute path parses and is normalized; a relative one is an error naming file, line and key', () => {
  const parsed = parseConditions([line('ConditionPathExists', '/etc//foo/'), line('ConditionPathExists', 'etc/foo')]);
  assert.equal(parsed.conditions[0]?.value, '/etc/foo');
  assert.equal(parsed.errors.length, 1);
  const error = parsed.errors[0];
  assert.equal(error?.key, 'ConditionPathExists');
  assert.equal(error?.file, '/etc/sysmaster/system/x.service');
  assert.equal(error?.section, 'Unit');
  assert.match(error?.message ?? '', /"etc\/foo" is not an absolute path/);
});

test('"|" then "!" prefixes are read in that order, with optional spaces', () => {
  const parsed = parseConditions([line('ConditionPathExists', '| ! /etc/foo'), line('AssertPathExists', '!/a')]);
  assert.deepEqual(parsed.errors, []);
  const [c] = parsed.conditions;
  assert.deepEqual({ trigger: c?.trigger, negate: c?.negate, value: c?.value, kind: c?.kind, assert: c?.assert },
    { trigger: true, negate: true, value: '/etc/foo', kind: 'PathExists', assert: false });
  assert.deepEqual({ trigger: parsed.asserts[0]?.trigger, negate: parsed.asserts[0]?.negate, assert: parsed.asserts[0]?.assert },
    { trigger: false, negate: true, assert: true });
});

test('an empty assignment resets only that key, in conditions or asserts alone', () => {
  const parsed = parseConditions([
    line('ConditionPathExists', '/a'), line('ConditionPathIsDirectory', '/b'), line('AssertPathExists', '/c'),
    line('ConditionPathExists', ''), line('ConditionPathExists', '/d'),
  ]);
  assert.deepEqual(parsed.conditions.map((c) => `${c.key}=${c.value}`),
    ['ConditionPathIsDirectory=/b', 'ConditionPathExists=/d']);
  assert.deepEqual(parsed.asserts.map((c) => c.value), ['/c']);
});

test('unknown and unsupported keys, and a bare prefix, are errors; other [Unit] keys are ignored', () => {
  const parsed = parseConditions([
    line('ConditionPathExist', '/a'), line('AssertCPUs', '>2'), line('ConditionHost', '!'),
    line('Description', 'x'), line('After', 'a.service'),
  ]);
  assert.equal(parsed.conditions.length + parsed.asserts.length, 0);
  assert.deepEqual(parsed.errors.map((e) => e.key), ['ConditionPathExist', 'AssertCPUs', 'ConditionHost']);
  assert.match(parsed.errors[0]?.message ?? '', /unknown setting ConditionPathExist=/);
  assert.match(parsed.errors[1]?.message ?? '', /sysmaster does not support/);
  assert.match(parsed.errors[2]?.message ?? '', /no parameter/);
});

test('every non-triggering check must pass; failures read like systemd', () => {
  const env = memoryConditionEnv(fsSpec);
  const { conditions } = parseConditions([
    line('ConditionPathExists', '/etc/hostname'), line('ConditionPathExists', '/etc/missing'),
    line('ConditionPathExists', '!/etc/hostname'),
  ]);
  assert.deepEqual(evaluateConditions(conditions, env), {
    passed: false,
    failures: ['ConditionPathExists=/etc/missing was not met', 'ConditionPathExists=!/etc/hostname was not met'],
    warnings: [],
  });
});

test('one passing triggering check is enough, and none passing lists every triggering check', () => {
  const env = memoryConditionEnv(fsSpec);
  const some = parseConditions([line('ConditionPathExists', '|/etc/missing'), line('ConditionPathExists', '|/etc/hostname')]);
  assert.deepEqual(evaluateConditions(some.conditions, env), { passed: true, failures: [], warnings: [] });
  const none = parseConditions([
    line('ConditionPathExists', '|/etc/missing'), line('ConditionPathExists', '|!/etc/hostname'),
    line('ConditionPathIsDirectory', '/etc'),
  ]);
  assert.deepEqual(evaluateConditions(none.conditions, env), {
    passed: false,
    failures: ['ConditionPathExists=|/etc/missing was not met', 'ConditionPathExists=|!/etc/hostname was not met'],
    warnings: [],
  });
  const mixed = parseConditions([line('ConditionPathExists', '|/etc/hostname'), line('ConditionPathExists', '/etc/missing')]);
  assert.deepEqual(evaluateConditions(mixed.conditions, env).failures, ['ConditionPathExists=/etc/missing was not met']);
});

test('an empty list passes', () => {
  assert.deepEqual(evaluateConditions([], memoryConditionEnv()), { passed: true, failures: [], warnings: [] });
});

test('a check that cannot be carried out fails even when negated, saying why', () => {
  const env = memoryConditionEnv({ files: { '/mnt/x': '' } }); // no /proc/self/mountinfo
  const { conditions } = parseConditions([line('ConditionPathIsMountPoint', '!/mnt')]);
  const result = evaluateConditions(conditions, env);
  assert.equal(result.passed, false);
  assert.match(result.failures[0] ?? '', /^ConditionPathIsMountPoint=!\/mnt could not be checked \(.*mountinfo.*\), assuming it was not met$/);
});

test('PathExists follows symlinks', () => {
  table('PathExists', memoryConditionEnv(fsSpec), [
    ['/etc/hostname', true], ['/etc', true], ['/', true], ['/etc/missing', false],
    ['/etc/link', true], ['/etc/dangling', false], ['/etc/hostname/x', false],
  ]);
});

test('PathExistsGlob matches wildcards, brackets and braces, and hides dot files from wildcards', () => {
  table('PathExistsGlob', memoryConditionEnv(fsSpec), [
    ['/etc/host*', true], ['/etc/*.conf', true], ['/etc/*.nothing', false], ['/var/lib/*/x.db', true],
    ['/var/lib/*/*.db', true], ['/var/lib/b/*.db', false], ['/var/lib/b/.*.db', true],
    ['/etc/{nothing,hostname}', true], ['/etc/{nothing,none}', false], ['/usr/{bin/tool,x}', true],
    ['/etc/hos[st]name', true], ['/etc/hos[!t]name', false], ['/etc/hos[!s]name', true], ['/etc/hostname', true], ['/etc/d?ngling', true],
    ['/etc/foo.d/*/', true], ['/etc/host*/', false],
  ]);
});

test('PathIsDirectory follows symlinks; PathIsSymbolicLink does not', () => {
  const env = memoryConditionEnv(fsSpec);
  table('PathIsDirectory', env, [['/etc', true], ['/etc/dirlink', true], ['/etc/hostname', false], ['/x', false]]);
  table('PathIsSymbolicLink', env, [['/etc/link', true], ['/etc/dangling', true], ['/etc/dirlink', true], ['/etc/hostname', false], ['/x', false]]);
});

test('PathIsMountPoint reads mountinfo, unescapes it, and treats / as a mount point', () => {
  table('PathIsMountPoint', memoryConditionEnv(fsSpec), [
    ['/', true], ['/usr', true], ['/proc', true], ['/srv/my data', true], ['/usr/bin', false], ['/etc', false], ['/missing', false],
  ]);
});

test('PathIsReadWrite is false on a read-only mount (mount or super-block options) and for a missing path', () => {
  table('PathIsReadWrite', memoryConditionEnv(fsSpec), [
    ['/etc', true], ['/', true], ['/usr', false], ['/usr/bin/tool', false], ['/mnt/frozen/file', false],
    ['/srv/my data/file', true], ['/missing', false],
  ]);
});

test('DirectoryNotEmpty ignores hidden and package-backup files, and is false for files and missing paths', () => {
  table('DirectoryNotEmpty', memoryConditionEnv(fsSpec), [
    ['/etc/foo.d/real', true], ['/etc/foo.d/only-hidden', false], ['/etc/foo.d/only-backup', false],
    ['/etc/hostname', false], ['/missing', false], ['/etc/dirlink', true],
  ]);
});

test('FileNotEmpty and FileIsExecutable need a regular file (symlinks followed)', () => {
  const env = memoryConditionEnv(fsSpec);
  table('FileNotEmpty', env, [['/etc/hostname', true], ['/etc/link', true], ['/etc/empty.conf', false], ['/etc', false], ['/x', false]]);
  table('FileIsExecutable', env, [['/usr/bin/tool', true], ['/etc/hostname', false], ['/usr/bin', false], ['/x', false]]);
});

test('fnmatch globs cross "/" and match a leading dot; "[!…]" negates', () => {
  assert.equal(fnmatch('6.*', '6.1.0-18-amd64'), true);
  assert.equal(fnmatch('*amd64', '6.1.0/amd64'), true);
  assert.equal(fnmatch('*', '.hidden'), true);
  assert.equal(fnmatch('[!5].*', '6.1'), true);
  assert.equal(fnmatch('[!6].*', '6.1'), false);
  assert.equal(fnmatch('web-?', 'WEB-1', true), true);
  assert.equal(fnmatch('web-?', 'WEB-1'), false);
  assert.equal(fnmatch('a\\*', 'a*'), true);
  assert.equal(fnmatch('a\\*', 'ab'), false);
});

test('braces expand like glob(3), nested, and an unpaired or single brace stays literal', () => {
  assert.deepEqual(expandBraces('/a/{b,c}/d'), ['/a/b/d', '/a/c/d']);
  assert.deepEqual(expandBraces('{x,y{1,2}}z'), ['xz', 'y1z', 'y2z']);
  assert.deepEqual(expandBraces('/a/{b}'), ['/a/{b}']);
  assert.deepEqual(expandBraces('/a/{b,c'), ['/a/{b,c']);
});

test('versions order like systemd: numbers numerically, "~" before the end, "-" and "^" before more version', () => {
  const ascending = [
    '1.0~rc1', '1.0', '1.0-1', '1.0^git1', '1.0a', '1.0.1', '1.2', '1.10', '2', '5.4', '5.10.0', '5.10.0-18-amd64', '6.1',
  ];
  for (let i = 0; i < ascending.length; i++) {
    for (let j = 0; j < ascending.length; j++) {
      const expected = Math.sign(i - j);
      assert.equal(Math.sign(compareVersions(ascending[i] ?? '', ascending[j] ?? '')), expected,
        `${ascending[i]} vs ${ascending[j]}`);
    }
  }
  assert.equal(compareVersions('01.002', '1.2'), 0);
  assert.equal(compareVersions('1_0', '1.0') !== 0, true);
});
