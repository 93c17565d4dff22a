// A whole Manager over real unit files (in a temp folder) and a fake worker pool that answers
// like the real workers do: Start → activating, then active (or failed, or inactive for a
// oneshot) a few milliseconds later; Stop → deactivating, then inactive. Nothing else is faked:
// the unit table, the dependency index, the transactions and the engine are the real ones, so
// the directive scenarios test the core as it runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import type {
  ActiveState, Capabilities__Output, DependencyKind, ImpliedDependency__Output, LoadRequest, LoadResponse__Output, UnitStatus__Output,
  DescribeResponse__Output,
} from '@sysmaster/proto';
import { Manager, type WorkerPort } from '../src/manager';
import { memoryStore, type CoreStore } from '../src/store';
import { DEFAULT_SYSTEM_CONFIG } from '../src/system-config';
import { silentLogger } from '../src/log';
import { fakeDescribe } from '../src/testing/fake-types';
import { inactiveStatus } from '../src/units/unit-table';
import { memoryConditionEnv, type MemoryEnvSpec } from '../src/conditions';
import type { JobMode, JobType, JobView, ShutdownKind } from '../src/manager-core';

export interface FakeBehaviour {
  /** Units whose Start ends in failed. */
  fails?: string[];
  /** Units whose Start ends in inactive/success (a oneshot without RemainAfterExit). */
  oneshot?: string[];
  /** Units whose Start never finishes (stays activating). */
  hangs?: string[];
  /** Dependencies the worker implies, by unit. */
  implied?: Record<string, Array<{ kind: DependencyKind; unit: string }>>;
  conditionEnv?: MemoryEnvSpec;
  /** Properties the worker reports at Load, by unit. */
  properties?: Record<string, Record<string, string>>;
  /** More of the Load answer, by unit (can_reload, warnings, default_dependencies, …). */
  load?: Record<string, Partial<LoadResponse__Output>>;
  /** Capabilities that differ from the fakes' table (src/testing/fake-types.ts), by type. */
  capabilities?: Record<string, Partial<Capabilities__Output>>;
  /** The registered types (default service, target, socket). */
  types?: string[];
  /** The log lines of each unit, as the worker's Logs sends them. */
  logs?: Record<string, string[]>;
}

/**
 * What the real workers return as default_dependencies (systemd.service(5), systemd.target(5)):
 * a service Requires= and After= sysinit.target, After= basic.target, and every unit Conflicts=
 * and Before= shutdown.target.
 */
function defaultDependenciesOf(type: string): ImpliedDependency__Output[] {
  const shutdown: ImpliedDependency__Output[] = [{ kind: 'Conflicts', unit: 'shutdown.target' }, { kind: 'Before', unit: 'shutdown.target' }];
  if (type !== 'service') return shutdown;
  return [{ kind: 'Requires', unit: 'sysinit.target' }, { kind: 'After', unit: 'sysinit.target' }, { kind: 'After', unit: 'basic.target' }, ...shutdown];
}

/** The base targets every scenario has (as units/ ships them, reduced to what matters). */
const BASE_UNITS: Record<string, string> = {
  'sysinit.target': '[Unit]\nDescription=System Initialization\nDefaultDependencies=no\n',
  'basic.target': '[Unit]\nDescription=Basic System\nRequires=sysinit.target\nAfter=sysinit.target\n',
  'shutdown.target': '[Unit]\nDescription=System Shutdown\nDefaultDependencies=no\nRefuseManualStart=yes\n',
  'poweroff.target': '[Unit]\nDescription=System Power Off\nDefaultDependencies=no\nRequires=shutdown.target\nAfter=shutdown.target\nAllowIsolate=yes\n',
  'reboot.target': '[Unit]\nDescription=System Reboot\nDefaultDependencies=no\nRequires=shutdown.target\nAfter=shutdown.target\nAllowIsolate=yes\n',
};

export interface FakeSystem {
  manager: Manager;
  dir: string;
  /** The manager's store (boot transaction, user-stopped units, job ids). */
  store: CoreStore;
  /** "start a.service", "stop b.service", "reload c.service", in call order. */
  calls: string[];
  loads: LoadRequest[];
  /** The units whose unit-file state the manager asked for (a read of the disk each), in call order. */
  fileStateReads: string[];
  shutdowns: ShutdownKind[];
  reboots: string[];
  state(unit: string): string;
  /** Enqueues from the API (origin 'api' unless given) and waits for the named units' jobs. */
  run(type: JobType, units: string[], mode?: JobMode, origin?: 'api' | 'dependency'): Promise<JobView[]>;
  /** The worker reports a change on its own (a crash, an exit, an automatic restart). */
  spontaneous(unit: string, active: ActiveState, result?: string, restarts?: number): void;
  /** The unit's process writes a log line (sent to every Logs follower of it). */
  writeLog(unit: string, text: string): void;
  /** Waits until no job is left and reactions have run. */
  settle(): Promise<void>;
  cleanup(): void;
}

export async function fakeSystem(files: Record<string, string>, behaviour: FakeBehaviour = {}): Promise<FakeSystem> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-directives-'));
  for (const [name, text] of Object.entries({ ...BASE_UNITS, ...files })) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (text.startsWith('->')) fs.symlinkSync(text.slice(2), file);
    else fs.writeFileSync(file, text);
  }
  const states = new Map<string, UnitStatus__Output>();
  const calls: string[] = [];
  const loads: LoadRequest[] = [];
  const fileStateReads: string[] = [];
  const shutdowns: ShutdownKind[] = [];
  const reboots: string[] = [];
  const box: { manager?: Manager } = {};
  const emit = (name: string, active: ActiveState, result = 'success', extra: Partial<UnitStatus__Output> = {}): void => {
    const status: UnitStatus__Output = { ...(states.get(name) ?? inactiveStatus(name)), active_state: active, result, spontaneous: false, ...extra };
    states.set(name, status);
    box.manager?.onStatus(status);
  };
  const later = (fn: () => void): void => {
    setTimeout(fn, 2);
  };
  const types = behaviour.types ?? ['service', 'target', 'socket'];
  const describe = (type: string): DescribeResponse__Output | null => (!types.includes(type) ? null
    : fakeDescribe(type, type === 'target' ? [] : [type[0]!.toUpperCase() + type.slice(1)], behaviour.capabilities?.[type]));
  const logLines = new EventEmitter<{ line: [string, string] }>();
  const workers: WorkerPort = {
    worker: async (type) => {
      const d = describe(type);
      return d ? { sections: d.sections } : { error: `no worker is registered for unit type "${type}"` };
    },
    load: async (type, request): Promise<LoadResponse__Output> => {
      loads.push(request);
      const name = request.name ?? '';
      return {
        errors: [], warnings: [], default_dependencies: defaultDependenciesOf(type), can_reload: type === 'service',
        dependencies: behaviour.implied?.[name] ?? [], properties: behaviour.properties?.[name] ?? {}, ...behaviour.load?.[name],
      };
    },
    start: async (name) => {
      calls.push(`start ${name}`);
      emit(name, 'activating');
      if (behaviour.hangs?.includes(name)) return;
      later(() => {
        if (behaviour.fails?.includes(name)) emit(name, 'failed', 'exit-code');
        else if (behaviour.oneshot?.includes(name)) emit(name, 'inactive', 'success');
        else emit(name, 'active', 'success', { cgroup: `/system.slice/${name}`, accounting: true, tasks_current: 1 });
      });
    },
    stop: async (name) => {
      calls.push(`stop ${name}`);
      emit(name, 'deactivating');
      later(() => emit(name, 'inactive'));
    },
    reload: async (name) => {
      calls.push(`reload ${name}`);
      emit(name, 'reloading');
      later(() => emit(name, 'active'));
    },
    kill: async (name, signal) => {
      calls.push(`kill ${name} ${signal}`);
    },
    clean: async (name, what) => {
      calls.push(`clean ${name} ${Object.entries(what).filter(([, on]) => on).map(([kind]) => kind).join(',')}`);
    },
    resetFailed: async (name) => {
      calls.push(`reset-failed ${name}`);
      emit(name, 'inactive', 'success');
    },
    describe,
    types: () => types,
    logs: (name, request) => {
      const stream = new EventEmitter() as EventEmitter & { cancel(): void };
      const onLine = (unit: string, text: string): void => {
        if (unit === name) stream.emit('data', { text });
      };
      stream.cancel = () => logLines.off('line', onLine);
      setImmediate(() => {
        for (const text of (behaviour.logs?.[name ?? ''] ?? []).slice(-(request.lines || 10))) stream.emit('data', { text });
        if (request.follow) logLines.on('line', onLine);
        else stream.emit('end');
      });
      return stream;
    },
    // The live counters of a running unit: its task count grows without any state change.
    status: async (name) => {
      calls.push(`status ${name}`);
      const last = states.get(name) ?? inactiveStatus(name);
      return { ...last, tasks_current: last.tasks_current + 41 };
    },
  };
  const store = memoryStore();
  const manager = new Manager({
    searchPath: [dir], workers, store, config: DEFAULT_SYSTEM_CONFIG, log: silentLogger(),
    finalStep: async (kind) => {
      shutdowns.push(kind);
    },
    conditionEnv: () => memoryConditionEnv(behaviour.conditionEnv ?? {}),
    unitFileState: (name) => {
      fileStateReads.push(name);
      return 'static';
    },
    presetAll: async () => [],
    writeRebootArgument: (argument) => reboots.push(argument),
  });
  box.manager = manager;
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 5));
      if (manager.jobCount() === 0) {
        await new Promise((r) => setTimeout(r, 10));
        if (manager.jobCount() === 0) return;
      }
    }
  };
  return {
    manager, dir, store, calls, loads, fileStateReads, shutdowns, reboots,
    state: (unit) => manager.unit(unit).status.active_state,
    run: async (type, units, mode = 'replace', origin = 'api') => {
      const jobs = await manager.enqueue(type, units, mode, origin);
      return manager.waitJobs(jobs.map((j) => j.id));
    },
    spontaneous: (unit, active, result = 'success', restarts) => {
      emit(unit, active, result, { spontaneous: true, ...(restarts !== undefined ? { restarts } : {}) });
    },
    writeLog: (unit, text) => logLines.emit('line', unit, text),
    settle,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** A service unit file: [Unit] lines, then a [Service] section. */
export function service(unitLines = ''): string {
  return `[Unit]\n${unitLines}\n[Service]\nExecStart=/bin/true\n`;
}
