import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SysmasterError } from '@sysmaster/proto';
import { MAX_COMPILED_GLOBS, MAX_GLOB_LENGTH, globToRegExp } from '../src/conditions/match';

describe('unit patterns and preset globs (fnmatch(3) without flags)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['*.service', 'sshd.service', true],
    ['*.service', 'sshd.socket', false],
    ['getty@*', 'getty@tty1.service', true],
    ['s?hd.service', 'sshd.service', true],
    ['[a-c]*.target', 'basic.target', true],
    ['[!a-c]*.target', 'basic.target', false],
    ['[!a-c]*.target', 'multi-user.target', true],
    ['\\*.service', '*.service', true],
    ['\\*.service', 'sshd.service', false],
    ['*', 'a/b.mount', true],
    ['.*', '.hidden.service', true],
    ['a.service', 'a.service', true],
    ['a.service', 'xa.service', false],
    ['!a.service', '!a.service', true],
    ['+(a).service', 'a.service', false],
  ];
  for (const [pattern, name, expected] of cases) {
    test(`${pattern} ${expected ? 'matches' : 'does not match'} ${name}`, () => {
      assert.equal(globToRegExp(pattern).test(name), expected);
    });
  }

  test('a pattern longer than the limit is refused with INVALID_ARGUMENT instead of compiled', () => {
    assert.throws(() => globToRegExp('a'.repeat(MAX_GLOB_LENGTH + 1)), (e: unknown) => e instanceof SysmasterError && e.code === 'ERR_INVALID_ARGUMENT' && /too long/.test(e.message));
  });

  test('a pattern at the limit made of wildcards compiles and matches', () => {
    assert.equal(globToRegExp('*'.repeat(MAX_GLOB_LENGTH)).test('x.service'), true);
  });

  test('each pattern is compiled once, and only the most recent patterns are kept compiled', () => {
    const first = globToRegExp('memo-*.service');
    assert.equal(globToRegExp('memo-*.service'), first);
    assert.equal(first.flags.includes('g') || first.flags.includes('y'), false, 'a shared expression keeps no lastIndex state');
    for (let i = 0; i < MAX_COMPILED_GLOBS; i++) globToRegExp(`memo-${i}-*`);
    const again = globToRegExp('memo-*.service');
    assert.notEqual(again, first, 'the oldest pattern was dropped');
    assert.equal(again.test('memo-a.service'), true);
  });

  test('a bad pattern is refused every time it is asked for, not remembered', () => {
    for (let i = 0; i < 2; i++) assert.throws(() => globToRegExp('a'.repeat(MAX_GLOB_LENGTH + 1)), (e: unknown) => e instanceof SysmasterError && e.code === 'ERR_INVALID_ARGUMENT');
  });
});
