// Finding the cgroup2 root: the pure decision from mountinfo + /proc/1/cgroup, and this host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveCgroup2Root } from '../src/cgroup';
import { cgroup2Root } from '../src/index';

const HYBRID = [
  '31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755',
  '32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu',
  '41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw',
].join('\n');
const UNIFIED = '30 23 0:27 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate';

test('a hybrid host uses the cgroup2 mount under /sys/fs/cgroup/unified', () => {
  assert.equal(resolveCgroup2Root(HYBRID, '1:cpu:/\n0::/\n'), '/sys/fs/cgroup/unified');
});

test('a unified host joins the mount with PID 1\'s cgroup minus /init.scope', () => {
  assert.equal(resolveCgroup2Root(UNIFIED, '0::/init.scope\n'), '/sys/fs/cgroup');
  assert.equal(resolveCgroup2Root(UNIFIED, '0::/machine/box/init.scope\n'), '/sys/fs/cgroup/machine/box');
  assert.equal(resolveCgroup2Root(UNIFIED, '0::/delegated\n'), '/sys/fs/cgroup/delegated');
});

test('a mount of a subtree removes the part above it from PID 1\'s path', () => {
  const sub = '50 23 0:27 /lxc/c1 /sys/fs/cgroup rw - cgroup2 cgroup2 rw';
  assert.equal(resolveCgroup2Root(sub, '0::/lxc/c1/init.scope\n'), '/sys/fs/cgroup');
  assert.equal(resolveCgroup2Root(sub, '0::/lxc/c1/inner\n'), '/sys/fs/cgroup/inner');
});

test('mount points with escaped spaces are unescaped', () => {
  const spaced = '60 23 0:27 / /mnt/my\\040cgroup rw - cgroup2 cgroup2 rw';
  assert.equal(resolveCgroup2Root(spaced, '0::/\n'), '/mnt/my cgroup');
});

test('no cgroup2 mount means no root', () => {
  assert.equal(resolveCgroup2Root(HYBRID.split('\n').slice(0, 2).join('\n'), '0::/\n'), null);
  assert.equal(resolveCgroup2Root('', ''), null);
});

test('cgroup2Root finds a real cgroup2 directory on this host', () => {
  const root = cgroup2Root();
  if (root === null) return;
  assert.ok(existsSync(path.join(root, 'cgroup.procs')), `${root} holds cgroup.procs`);
});

test('SYSMASTER_CGROUP_ROOT overrides the detection', () => {
  const saved = process.env.SYSMASTER_CGROUP_ROOT;
  process.env.SYSMASTER_CGROUP_ROOT = '/somewhere/else';
  try {
    assert.equal(cgroup2Root(), '/somewhere/else');
  } finally {
    if (saved === undefined) delete process.env.SYSMASTER_CGROUP_ROOT;
    else process.env.SYSMASTER_CGROUP_ROOT = saved;
  }
});
