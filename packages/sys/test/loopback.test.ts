import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const SYS = path.resolve(__dirname, '../dist/index.js');

test('loopbackUp brings lo up in a fresh network namespace, and says so only the first time', () => {
  // A new network namespace starts with lo down, like a machine at boot.
  const script = `const s = require(${JSON.stringify(SYS)});
    const fs = require('fs');
    const before = fs.readFileSync('/sys/class/net/lo/flags', 'utf8').trim();
    const first = s.loopbackUp();
    const second = s.loopbackUp();
    const after = fs.readFileSync('/sys/class/net/lo/flags', 'utf8').trim();
    console.log(JSON.stringify({ before, first, second, after }));`;
  const out = execFileSync('unshare', ['--net', '--mount', 'sh', '-c', 'mount -t sysfs sysfs /sys && exec "$0" -e "$1"', process.execPath, script], { encoding: 'utf8' });
  const r = JSON.parse(out) as { before: string; first: boolean; second: boolean; after: string };
  const IFF_UP = 0x1;
  assert.equal(Number(r.before) & IFF_UP, 0, 'lo starts down');
  assert.equal(r.first, true);
  assert.equal(r.second, false);
  assert.equal(Number(r.after) & IFF_UP, IFF_UP, 'lo is up');
});
