// applyCgroupSettings() and readCgroupCounters() on a fake cgroup tree in a temp directory: a
// RealExecOs whose writes to cgroup.subtree_control behave like the kernel's (the controller
// appears in the children's cgroup.controllers), and whose /proc facts are fixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyCgroupSettings, cgroupSettingsWithoutHierarchy, defaultDirectoryRoots, defaultExecSettings, readCgroupCounters, RealExecOs, type ExecSettings } from '../src';

const PROC: Record<string, string> = {
  '/proc/meminfo': 'MemTotal:        4000000 kB\nMemFree:          100 kB\n',
  '/proc/sys/kernel/pid_max': '4194304\n',
  '/proc/sys/kernel/threads-max': '60000\n',
};

class CgroupTreeOs extends RealExecOs {
  readonly writes: Array<[string, string]> = [];
  failSubtree = false;
  constructor(root: string) { super(defaultDirectoryRoots(), root); }
  override readFile(file: string): string { return PROC[file] ?? super.readFile(file); }
  override writeFile(file: string, data: string | Buffer): void {
    const text = data.toString();
    this.writes.push([file, text]);
    if (path.basename(file) !== 'cgroup.subtree_control') { super.writeFile(file, text); return; }
    if (this.failSubtree) throw Object.assign(new Error('EBUSY: device or resource busy'), { code: 'EBUSY' });
    const controller = text.replace(/^\+/, '');
    fs.appendFileSync(file, ` ${controller}`);
    for (const child of this.subdirectories(path.dirname(file))) fs.appendFileSync(path.join(path.dirname(file), child, 'cgroup.controllers'), ` ${controller}`);
  }
}

function tree(t: { after(fn: () => void): void }, rootControllers: string): { os: CgroupTreeOs; root: string; unit: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'exec-cgroup-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const unit = path.join(root, 'system.slice/demo.service');
  fs.mkdirSync(unit, { recursive: true });
  fs.writeFileSync(path.join(root, 'cgroup.controllers'), rootControllers);
  for (const dir of [root, path.dirname(unit), unit]) {
    if (dir !== root) fs.writeFileSync(path.join(dir, 'cgroup.controllers'), '');
    fs.writeFileSync(path.join(dir, 'cgroup.subtree_control'), '');
  }
  return { os: new CgroupTreeOs(root), root, unit };
}

function withResources(patch: Partial<ExecSettings['resources']>): ExecSettings {
  const exec = defaultExecSettings();
  exec.resources = { ...exec.resources, ...patch };
  return exec;
}

const ALL = withResources({
  memoryMax: { written: 'MemoryMax=1G', value: { bytes: 1024 ** 3 } },
  memoryHigh: { written: 'MemoryHigh=50%', value: { percent: 50 } },
  memoryLow: { written: 'MemoryLow=infinity', value: { max: true } },
  memorySwapMax: { written: 'MemorySwapMax=0', value: { bytes: 0 } },
  cpuQuota: { written: 'CPUQuota=150%', value: 150 },
  cpuWeight: { written: 'CPUWeight=idle', value: 'idle' },
  tasksMax: { written: 'TasksMax=10%', value: { percent: 10 } },
  ioWeight: { written: 'IOWeight=500', value: 500 },
});

test('available controllers are enabled down the tree and every setting is written', (t) => {
  const { os: fake, root, unit } = tree(t, 'cpuset cpu io memory hugetlb pids');
  assert.deepEqual(applyCgroupSettings(fake, unit, ALL), []);
  const read = (file: string): string => fs.readFileSync(path.join(unit, file), 'utf8');
  assert.equal(read('memory.max'), String(1024 ** 3));
  assert.equal(read('memory.high'), String(4000000 * 1024 / 2));
  assert.equal(read('memory.low'), 'max');
  assert.equal(read('memory.swap.max'), '0');
  assert.equal(read('cpu.max'), '150000 100000');
  assert.equal(read('cpu.idle'), '1');
  assert.equal(read('pids.max'), '6000', '10% of the smaller of pid_max and threads-max');
  assert.equal(read('io.weight'), 'default 500');
  for (const dir of [root, path.dirname(unit)]) {
    const enabled = fs.readFileSync(path.join(dir, 'cgroup.subtree_control'), 'utf8').split(/\s+/).filter(Boolean).sort();
    assert.deepEqual(enabled, ['cpu', 'io', 'memory', 'pids'], dir);
  }
  const again = fake.writes.length;
  applyCgroupSettings(fake, unit, withResources({ cpuWeight: { written: 'CPUWeight=200', value: 200 } }));
  assert.deepEqual(fake.writes.slice(again), [[path.join(unit, 'cpu.weight'), '200']], 'an enabled controller is not enabled again');
});

test('a missing controller gives one clear notice per setting, never silence', (t) => {
  const { os: fake, unit } = tree(t, 'cpuset io');
  const notices = applyCgroupSettings(fake, unit, ALL);
  assert.deepEqual(notices, [
    'MemoryMax=1G is not enforced: the memory controller is not available in this cgroup hierarchy',
    'MemoryHigh=50% is not enforced: the memory controller is not available in this cgroup hierarchy',
    'MemoryLow=infinity is not enforced: the memory controller is not available in this cgroup hierarchy',
    'MemorySwapMax=0 is not enforced: the memory controller is not available in this cgroup hierarchy',
    'CPUQuota=150% is not enforced: the cpu controller is not available in this cgroup hierarchy',
    'CPUWeight=idle is not enforced: the cpu controller is not available in this cgroup hierarchy',
    'TasksMax=10% is not enforced: the pids controller is not available in this cgroup hierarchy',
  ]);
  assert.equal(fs.readFileSync(path.join(unit, 'io.weight'), 'utf8'), 'default 500');
});

test('a setting at the kernel default (TasksMax=infinity, MemoryMax=infinity, CPUWeight=100) gets no notice without its controller', (t) => {
  const { os: fake, unit } = tree(t, '');
  const notices = applyCgroupSettings(fake, unit, withResources({
    tasksMax: { written: 'TasksMax=infinity', value: { max: true } },
    memoryMax: { written: 'MemoryMax=infinity', value: { max: true } },
    cpuWeight: { written: 'CPUWeight=100', value: 100 },
    memoryHigh: { written: 'MemoryHigh=1G', value: { bytes: 1024 ** 3 } },
  }));
  assert.deepEqual(notices, ['MemoryHigh=1G is not enforced: the memory controller is not available in this cgroup hierarchy']);
  assert.deepEqual(cgroupSettingsWithoutHierarchy(withResources({ tasksMax: { written: 'TasksMax=infinity', value: { max: true } } })), []);
});

test('a controller that cannot be enabled, or a limit the kernel refuses, is reported with the reason', (t) => {
  const { os: fake, root, unit } = tree(t, 'memory pids');
  fake.failSubtree = true;
  const [notice] = applyCgroupSettings(fake, unit, withResources({ memoryMax: { written: 'MemoryMax=1G', value: { bytes: 1024 ** 3 } } }));
  assert.equal(notice, `MemoryMax=1G is not enforced: the memory controller cannot be enabled in ${root}: EBUSY: device or resource busy`);
  fake.failSubtree = false;
  fs.mkdirSync(path.join(unit, 'pids.max')); // writing it now fails with EISDIR
  const [refused] = applyCgroupSettings(fake, unit, withResources({ tasksMax: { written: 'TasksMax=5', value: { count: 5 } } }));
  assert.match(refused ?? '', /^TasksMax=5 is not enforced: cannot write pids.max: EISDIR/);
});

test('no settings means no writes at all', (t) => {
  const { os: fake, unit } = tree(t, 'memory');
  assert.deepEqual(applyCgroupSettings(fake, unit, defaultExecSettings()), []);
  assert.deepEqual(fake.writes, []);
});

test('counters come from pids.current, memory.current and cpu.stat', (t) => {
  const { os: fake, unit } = tree(t, 'memory pids cpu');
  fs.writeFileSync(path.join(unit, 'pids.current'), '7\n');
  fs.writeFileSync(path.join(unit, 'memory.current'), '123456\n');
  fs.writeFileSync(path.join(unit, 'cpu.stat'), 'usage_usec 2500\nuser_usec 2000\nsystem_usec 500\n');
  assert.deepEqual(readCgroupCounters(fake, unit), { accounting: true, tasks: 7, memory: 123456, cpuNsec: 2_500_000 });
});

test('without the pids controller, tasks are the threads of the whole subtree; a missing cgroup is unknown', (t) => {
  const { os: fake, unit } = tree(t, '');
  fs.writeFileSync(path.join(unit, 'cgroup.threads'), '10\n11\n');
  fs.mkdirSync(path.join(unit, 'child'));
  fs.writeFileSync(path.join(unit, 'child/cgroup.threads'), '12\n');
  assert.deepEqual(readCgroupCounters(fake, unit), { accounting: true, tasks: 3, memory: 0, cpuNsec: 0 });
  assert.deepEqual(readCgroupCounters(fake, path.join(unit, 'gone')), { accounting: false, tasks: 0, memory: 0, cpuNsec: 0 });
});

test('without any cgroup hierarchy every resource setting gets a notice', () => {
  assert.deepEqual(cgroupSettingsWithoutHierarchy(withResources({
    memoryMax: { written: 'MemoryMax=1G', value: { bytes: 1024 ** 3 } },
    ioWeight: { written: 'IOWeight=500', value: 500 },
  })), ['MemoryMax=1G is not enforced: there is no cgroup v2 hierarchy', 'IOWeight=500 is not enforced: there is no cgroup v2 hierarchy']);
  assert.deepEqual(cgroupSettingsWithoutHierarchy(defaultExecSettings()), []);
});
