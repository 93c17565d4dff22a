// Resource control on a unit's cgroup v2 directory (systemd.resource-control(5)), and the
// counters `sctl status` shows.
//
// A setting needs its controller (memory, cpu, pids, io) enabled in the cgroup.subtree_control
// of the unit's parent. A controller can only be enabled where it appears in that cgroup's own
// cgroup.controllers, which lists what the grandparent enabled, and so on up to the root of the
// hierarchy, which lists what the kernel offers. So for each controller a setting needs, walk up
// from the parent to the nearest cgroup that has it available, then enable it downwards in each
// subtree_control on the way back to the parent. When no ancestor has it (a hybrid host where
// the v1 hierarchies hold memory/pids/cpu, as on the development machines), or enabling fails,
// each affected setting gets a notice such as "MemoryMax=1G is not enforced: the memory
// controller is not available in this cgroup hierarchy": settings are never silently ignored.
// Percentages are resolved against the machine at each start: MemoryMax=50% against MemTotal of
// /proc/meminfo, TasksMax=10% against the smaller of kernel.pid_max and kernel.threads-max.
import path from 'node:path';
import type { ExecOs } from './os-needs';
import type { ExecSettings, MemoryValue, Resource } from './settings';

type Controller = 'memory' | 'cpu' | 'pids' | 'io';

/** Counters of a unit's cgroup; accounting false means they could not be read (unknown, not zero). */
export interface CgroupCounters {
  accounting: boolean;
  /** Processes and threads (pids.current, else cgroup.threads of the whole subtree). */
  tasks: number;
  /** Bytes (memory.current), 0 without the memory controller. */
  memory: number;
  /** Nanoseconds of CPU time (cpu.stat usage_usec × 1000). */
  cpuNsec: number;
}

function words(os: ExecOs, file: string): string[] | null {
  try {
    return os.readFile(file).split(/\s+/).filter(Boolean);
  } catch {
    return null;
  }
}

/** The cgroups from the unit's parent up to the hierarchy root (root included). */
function ancestors(cgroupDir: string, root: string | null): string[] {
  const chain: string[] = [];
  let dir = path.dirname(cgroupDir);
  for (;;) {
    chain.push(dir);
    if (root === null || dir === root || !dir.startsWith(`${root}/`)) break;
    dir = path.dirname(dir);
  }
  return chain;
}

/** Enables `controller` for the unit's cgroup; null on success, else why not. */
function enable(os: ExecOs, cgroupDir: string, controller: Controller): string | null {
  const chain = ancestors(cgroupDir, os.cgroupRoot());
  const from = chain.findIndex((dir) => words(os, path.join(dir, 'cgroup.controllers'))?.includes(controller));
  if (from < 0) return `the ${controller} controller is not available in this cgroup hierarchy`;
  for (let j = from; j >= 0; j--) {
    const dir = chain[j]!;
    const control = path.join(dir, 'cgroup.subtree_control');
    if (words(os, control)?.includes(controller)) continue;
    try {
      os.writeFile(control, `+${controller}`);
    } catch (error) {
      return `the ${controller} controller cannot be enabled in ${dir}: ${(error as Error).message}`;
    }
  }
  return null;
}

function number(os: ExecOs, file: string, pattern: RegExp): number | null {
  try {
    const match = pattern.exec(os.readFile(file));
    return match === null ? null : Number(match[1]);
  } catch {
    return null;
  }
}

function memoryText(os: ExecOs, value: MemoryValue): string {
  if ('max' in value) return 'max';
  if ('bytes' in value) return String(value.bytes);
  const totalKb = number(os, '/proc/meminfo', /^MemTotal:\s+(\d+)\s+kB/m);
  if (totalKb === null) throw new Error('the machine\'s memory size (/proc/meminfo) is unknown');
  return String(Math.floor((totalKb * 1024 * value.percent) / 100));
}

/**
 * Applies the resource-control settings of `exec` to `cgroupDir` (which exists); returns one
 * notice per setting that could not be applied, for UnitStatus.notices.
 */
export function applyCgroupSettings(os: ExecOs, cgroupDir: string, exec: ExecSettings): string[] {
  const res = exec.resources;
  const writes: Array<{ setting: Resource<unknown>; controller: Controller; file: string; text: () => string }> = [];
  const add = <T>(setting: Resource<T> | null, controller: Controller, file: string, text: (value: T) => string): void => {
    if (setting !== null) writes.push({ setting, controller, file, text: () => text(setting.value) });
  };
  const defaults = defaultSettings(exec);
  add(res.memoryMax, 'memory', 'memory.max', (v) => memoryText(os, v));
  add(res.memoryHigh, 'memory', 'memory.high', (v) => memoryText(os, v));
  add(res.memoryLow, 'memory', 'memory.low', (v) => memoryText(os, v));
  add(res.memorySwapMax, 'memory', 'memory.swap.max', (v) => memoryText(os, v));
  add(res.cpuQuota, 'cpu', 'cpu.max', (percent) => `${Math.max(1000, Math.round(percent * 1000))} 100000`);
  if (res.cpuWeight !== null && res.cpuWeight.value === 'idle') add(res.cpuWeight, 'cpu', 'cpu.idle', () => '1');
  else add(res.cpuWeight, 'cpu', 'cpu.weight', (v) => String(v));
  add(res.tasksMax, 'pids', 'pids.max', (v) => {
    if ('max' in v) return 'max';
    if ('count' in v) return String(v.count);
    const pidMax = number(os, '/proc/sys/kernel/pid_max', /(\d+)/);
    const threadsMax = number(os, '/proc/sys/kernel/threads-max', /(\d+)/);
    const limit = Math.min(pidMax ?? Infinity, threadsMax ?? Infinity);
    if (!Number.isFinite(limit)) throw new Error('the kernel\'s task maximum (kernel.pid_max) is unknown');
    return String(Math.max(1, Math.floor((limit * v.percent) / 100)));
  });
  add(res.ioWeight, 'io', 'io.weight', (v) => `default ${v}`);

  const notices: string[] = [];
  const enabled = new Map<Controller, string | null>();
  for (const w of writes) {
    if (!enabled.has(w.controller)) enabled.set(w.controller, enable(os, cgroupDir, w.controller));
    const problem = enabled.get(w.controller);
    if (problem) {
      // A setting at the kernel's own default (TasksMax=infinity, …) asks for nothing to enforce.
      if (!defaults.has(w.setting)) notices.push(`${w.setting.written} is not enforced: ${problem}`);
      continue;
    }
    try {
      os.writeFile(path.join(cgroupDir, w.file), w.text());
    } catch (error) {
      notices.push(`${w.setting.written} is not enforced: cannot write ${w.file}: ${(error as Error).message}`);
    }
  }
  return notices;
}

function threadCount(os: ExecOs, dir: string): number {
  const own = words(os, path.join(dir, 'cgroup.threads'))?.length ?? 0;
  return own + os.subdirectories(dir).reduce((sum, child) => sum + threadCount(os, path.join(dir, child)), 0);
}

/** Reads the counters of `cgroupDir`; accounting is false when the cgroup does not exist. */
export function readCgroupCounters(os: ExecOs, cgroupDir: string): CgroupCounters {
  if (!os.isDirectory(cgroupDir)) return { accounting: false, tasks: 0, memory: 0, cpuNsec: 0 };
  const tasks = number(os, path.join(cgroupDir, 'pids.current'), /(\d+)/) ?? threadCount(os, cgroupDir);
  const memory = number(os, path.join(cgroupDir, 'memory.current'), /(\d+)/) ?? 0;
  const cpuUsec = number(os, path.join(cgroupDir, 'cpu.stat'), /^usage_usec (\d+)/m) ?? 0;
  return { accounting: true, tasks, memory, cpuNsec: cpuUsec * 1000 };
}

const isMax = (v: object): boolean => 'max' in v;

/**
 * The settings of `exec` whose value is the kernel's default for a fresh cgroup (memory.max,
 * memory.high, memory.swap.max and pids.max "max", memory.low 0, cpu.weight and io.weight 100):
 * where their controller is missing nothing is lost, so they get no notice.
 */
function defaultSettings(exec: ExecSettings): Set<Resource<unknown>> {
  const res = exec.resources;
  const found = new Set<Resource<unknown>>();
  const check = <T>(setting: Resource<T> | null, isDefault: (value: T) => boolean): void => {
    if (setting !== null && isDefault(setting.value)) found.add(setting);
  };
  check(res.memoryMax, isMax);
  check(res.memoryHigh, isMax);
  check(res.memorySwapMax, isMax);
  check(res.memoryLow, (v) => 'bytes' in v && v.bytes === 0);
  check(res.tasksMax, isMax);
  check(res.cpuWeight, (v) => v === 100);
  check(res.ioWeight, (v) => v === 100);
  return found;
}

/** The notices for a unit that runs without any cgroup (no cgroup v2 hierarchy): one per setting not at its default. */
export function cgroupSettingsWithoutHierarchy(exec: ExecSettings): string[] {
  const defaults = defaultSettings(exec);
  return (Object.values(exec.resources) as (Resource<unknown> | null)[])
    .filter((setting): setting is Resource<unknown> => setting !== null && !defaults.has(setting))
    .map((setting) => `${setting.written} is not enforced: there is no cgroup v2 hierarchy`);
}
