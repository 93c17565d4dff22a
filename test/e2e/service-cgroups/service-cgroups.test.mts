// Scenario (issue 4, cgroups): one cgroup per service under /system.slice, every process of the
// service in it (joined before exec, so children cannot escape), Tasks and Memory in `sctl
// status`, and the resource-control settings: applied when the sandbox's hierarchy offers the
// controller (the test reads cgroup.controllers to know), otherwise a notice in `sctl status`
// that says which setting is not enforced. Nothing is assumed about the host's controllers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bootScenario, describeRun, pidsByArgs, type Sandbox } from '../service-common/lib.mjs';

describe('service cgroups', () => {
  let sb: Sandbox;
  let cleanup: () => Promise<{ exitCode: number; output: string }>;
  let controllers: Set<string>;
  before(async () => {
    ({ sb, cleanup } = await bootScenario(import.meta.url));
    // What the service cgroups can get: the controllers enabled for /system.slice's children,
    // which at most are those the root offers.
    const r = await sb.sh('cat /sys/fs/cgroup/cgroup.controllers');
    controllers = new Set(r.stdout.trim().split(/\s+/).filter(Boolean));
  });
  after(async () => {
    if (!cleanup) return;
    const r = await cleanup();
    assert.equal(r.exitCode, 0, `sandbox exit:\n${r.output}`);
  });

  test('each service has its own cgroup under /system.slice holding all its processes', async () => {
    const r = await sb.sctl('start', 'c-tasks.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await sb.show('c-tasks.service', 'ControlGroup'), '/system.slice/c-tasks.service');
    assert.ok(await sb.waitFor(async () => (await pidsByArgs(sb, 'sleep 7401')).length === 4, 5000));
    const procs = (await sb.sh('cat /sys/fs/cgroup/system.slice/c-tasks.service/cgroup.procs')).stdout.trim().split('\n').map(Number).sort();
    const expected = [Number(await sb.show('c-tasks.service', 'MainPID')), ...await pidsByArgs(sb, 'sleep 7401')].sort();
    assert.deepEqual(procs, expected);
  });

  test('sctl status shows Tasks: 5 and the CGroup tree with every process', async () => {
    const status = await sb.sctl('status', 'c-tasks.service');
    assert.match(status.stdout, /Tasks: 5\b/, status.stdout);
    assert.match(status.stdout, /CGroup: \/system\.slice\/c-tasks\.service/);
    for (const pid of await pidsByArgs(sb, 'sleep 7401')) assert.match(status.stdout, new RegExp(`${pid} sleep 7401`));
  });

  test('sctl status shows Memory: when the memory controller is there, and no made-up figure when it is not', async () => {
    const status = await sb.sctl('status', 'c-tasks.service');
    if (controllers.has('memory')) assert.match(status.stdout, /Memory: \d+(\.\d+)?[BKMG]/, status.stdout);
    else assert.doesNotMatch(status.stdout, /Memory: 0B/, 'an absent controller is not reported as zero');
  });

  test('MemoryMax=, TasksMax=, CPUQuota= are applied where the controller exists, and a notice names each one that is not', async () => {
    const r = await sb.sctl('start', 'c-limits.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    const status = (await sb.sctl('status', 'c-limits.service')).stdout;
    const dir = '/sys/fs/cgroup/system.slice/c-limits.service';
    const checks: Array<[string, string, string, string]> = [
      ['memory', 'MemoryMax', 'memory.max', '67108864'],
      ['memory', 'MemoryHigh', 'memory.high', '50331648'],
      ['pids', 'TasksMax', 'pids.max', '100'],
      ['cpu', 'CPUQuota', 'cpu.max', '50000 100000'],
      ['cpu', 'CPUWeight', 'cpu.weight', '50'],
      ['io', 'IOWeight', 'io.weight', 'default 200'],
    ];
    for (const [controller, setting, file, value] of checks) {
      if (controllers.has(controller)) {
        assert.equal((await sb.sh(`cat ${dir}/${file}`)).stdout.trim(), value, `${setting} → ${file}`);
      } else {
        assert.match(status, new RegExp(`${setting}=\\S+.*not`, 'i'), `a notice for ${setting} (no ${controller} controller):\n${status}`);
      }
    }
  });

  test('stopping a service removes its cgroup', async () => {
    const r = await sb.sctl('stop', 'c-tasks.service', 'c-limits.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.ok(await sb.waitFor(async () => (await sb.sh('test -e /sys/fs/cgroup/system.slice/c-tasks.service || echo gone')).stdout.trim() === 'gone', 5000));
    assert.deepEqual(await pidsByArgs(sb, 'sleep 7401'), []);
  });
});
