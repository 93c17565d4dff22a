import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMountinfo } from '../src/mountinfo';

test('mountinfo lines parse into root, mount point, options, type, source and superblock options, with escapes undone', () => {
  const text = [
    '24 1 0:22 / /run rw,nosuid,nodev shared:5 - tmpfs tmpfs rw,size=100k,mode=755',
    '30 24 0:27 /sub /mnt/with\\040space ro,relatime - ext4 /dev/vda1 rw,errors=remount-ro',
    'garbage line',
    '',
  ].join('\n');
  const [run, spaced, ...rest] = parseMountinfo(text);
  assert.deepEqual(run, { root: '/', mountPoint: '/run', options: ['rw', 'nosuid', 'nodev'], fstype: 'tmpfs', source: 'tmpfs', superOptions: ['rw', 'size=100k', 'mode=755'] });
  assert.equal(spaced!.mountPoint, '/mnt/with space');
  assert.equal(spaced!.root, '/sub');
  assert.deepEqual(spaced!.options, ['ro', 'relatime']);
  assert.equal(rest.length, 0);
});

test('this process can read its own mount table, which has a root mount', async () => {
  const fs = await import('node:fs');
  const mounts = parseMountinfo(fs.readFileSync('/proc/self/mountinfo', 'utf8'));
  assert.ok(mounts.some((m) => m.mountPoint === '/'));
});
