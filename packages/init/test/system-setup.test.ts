import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_MOUNTS, detectRole, INITIAL_PID_NS, parseMountinfo, planMounts } from '../src/system-setup';

const SANDBOX = [
  '100 90 0:50 / / rw,relatime - overlay overlay rw',
  '101 100 0:51 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw',
  '102 100 0:52 / /dev rw,nosuid - tmpfs tmpfs rw,mode=755',
  '103 100 0:22 / /sys rw,nosuid,nodev,noexec - sysfs sysfs rw',
  '104 103 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755',
  '105 100 0:60 / /run rw,relatime - tmpfs tmpfs rw',
  '106 100 0:61 / /my\\040dir rw - tmpfs tmpfs rw',
].join('\n');

test('mountinfo is parsed into targets and types, with escaped spaces decoded', () => {
  const entries = parseMountinfo(`${SANDBOX}\ngarbage line\n`);
  assert.equal(entries.length, 7);
  assert.deepEqual(entries[6], { target: '/my dir', fstype: 'tmpfs' });
});

test('with nothing mounted every API filesystem is planned, /proc first', () => {
  const plan = planMounts(null);
  assert.deepEqual(plan.map((m) => m.target), ['/proc', '/sys', '/dev', '/dev/pts', '/dev/shm', '/run', '/sys/fs/cgroup']);
  assert.equal(API_MOUNTS.find((m) => m.target === '/run')?.data, 'mode=0755');
});

test('what is already mounted is never mounted again, and a v1 tmpfs at /sys/fs/cgroup keeps cgroup2 away', () => {
  const plan = planMounts(parseMountinfo(SANDBOX));
  assert.deepEqual(plan.map((m) => m.target), ['/dev/pts', '/dev/shm']);
});

test('init knows whether it is a dev run, a sandbox PID 1 or the system PID 1', () => {
  assert.equal(detectRole(4242), 'dev');
  assert.equal(detectRole(1, () => INITIAL_PID_NS), 'system');
  assert.equal(detectRole(1, () => 'pid:[4026532999]'), 'sandbox');
});
