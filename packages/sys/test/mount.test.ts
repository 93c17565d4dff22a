// mount/umount of a tmpfs on a temporary directory (root only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mount, SysError, umount, type MountFlag } from '../src/index';
import { tempDir } from './helpers';

const asRoot = { skip: process.getuid?.() !== 0 ? 'needs root' : false };

function mountLine(target: string): string | undefined {
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n').find((line) => line.split(' ')[4] === target);
}

test('mount puts a tmpfs with flags and data on a directory and umount removes it', asRoot, (t) => {
  const target = tempDir(t);
  mount('tmpfs', target, 'tmpfs', ['nosuid', 'nodev', 'noexec'], 'size=1m,mode=0710');
  try {
    const line = mountLine(target) ?? '';
    assert.match(line, / - tmpfs tmpfs /);
    assert.match(line, /nosuid,nodev,noexec/);
    writeFileSync(path.join(target, 'inside'), 'x');
  } finally {
    umount(target);
  }
  assert.equal(mountLine(target), undefined);
  assert.equal(existsSync(path.join(target, 'inside')), false);
});

test('umount detach lazily removes a mount', asRoot, (t) => {
  const target = tempDir(t);
  mount('tmpfs', target, 'tmpfs', [], 'size=1m');
  umount(target, ['detach']);
  assert.equal(mountLine(target), undefined);
});

test('mount and umount failures throw SysError with the errno name', asRoot, (t) => {
  const dir = tempDir(t);
  assert.throws(
    () => mount('tmpfs', path.join(dir, 'missing'), 'tmpfs', []),
    (e: unknown) => e instanceof SysError && e.syscall === 'mount' && e.errnoName === 'ENOENT',
  );
  assert.throws(
    () => umount(dir),
    (e: unknown) => e instanceof SysError && e.syscall === 'umount2' && e.errnoName === 'EINVAL',
  );
});

test('an unknown mount flag is refused before any system call', () => {
  assert.throws(() => mount('tmpfs', '/nonexistent', 'tmpfs', ['sideways' as MountFlag]), /unknown mount flag "sideways"/);
});
