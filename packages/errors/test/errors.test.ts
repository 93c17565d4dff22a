import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_CODES, SysmasterError, isErrorCode } from '../src/index';

test('a SysmasterError keeps its code, hint and cause', () => {
  const cause = new Error('inner');
  const e = new SysmasterError('ERR_BAD_SETTING', 'a.service:3: RestartSec=x is not a time span', { hint: 'e.g. 5s', cause });
  assert.equal(e.code, 'ERR_BAD_SETTING');
  assert.equal(e.hint, 'e.g. 5s');
  assert.equal(e.cause, cause);
  assert.ok(e instanceof Error);
});

test('only the listed codes are error codes, and each is named ERR_UPPER_SNAKE once', () => {
  assert.equal(isErrorCode('ERR_UNIT_NOT_FOUND'), true);
  assert.equal(isErrorCode('ENOENT'), false);
  assert.equal(new Set(ERROR_CODES).size, ERROR_CODES.length);
  for (const code of ERROR_CODES) assert.match(code, /^ERR_[A-Z_]+$/);
});
