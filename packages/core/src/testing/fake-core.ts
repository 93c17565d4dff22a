// A ManagerCore made of plain data, for testing the API layer (and sctl over it, through
// @sysmaster/core/testing) without the engine: units are set by the test, jobs finish when the
// test says so, and every call is recorded.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import winston from 'winston';
import { SysmasterError, fromServiceError, type CleanWhat, type DescribeResponse__Output, type ManagerProcess, type UnitStatus__Output } from '@sysmaster/proto';
import type {
  JobMode, JobType, JobView, LogRequest, LogSink, ManagerCore, ManagerEvents, ShutdownKind, SystemState, UnitView,
} from '../manager-core';
import { refuseNotFound } from '../admission';
import type { ApiSystem } from '../api/system';
import type { InstallContext } from '../install';
import { fakeDescribe } from './fake-types';

export function status(name: string, patch: Partial<UnitStatus__Output> = {}): UnitStatus__Output {
  return {
    name, active_state: 'inactive', sub_state: 'dead', result: 'success', main_pid: 0, control_pid: 0,
    exit_code: '', exit_status: 0, inactive_exit_usec: 0, active_enter_usec: 0, active_exit_usec: 0,
    inactive_enter_usec: 0, state_change_usec: 0, cgroup: '', status_text: '', restarts: 0, log_path: '',
    spontaneous: false, accounting: false, tasks_current: 0, memory_current: 0, cpu_usage_nsec: 0, notices: [],
    status_errno: 0, invocation_id: '', exec_main_pid: 0, active_enter_monotonic_usec: 0, inactive_exit_monotonic_usec: 0,
    runtime_properties: {}, type_condition: null, ...patch,
  };
}

export function unit(name: string, patch: Partial<UnitView> = {}, statusPatch: Partial<UnitStatus__Output> = {}): UnitView {
  return {
    name, type: name.slice(name.lastIndexOf('.') + 1), description: `The ${name} unit`, loadState: 'loaded', loadErrors: [],
    fragmentPath: `/etc/sysmaster/system/${name}`, dropinPaths: [], unitFileState: 'static', status: status(name, statusPatch),
    dependencies: {}, properties: {}, documentation: [], job: null, conditions: null, asserts: null, needDaemonReload: false, ...patch,
  };
}

export class FakeCore implements ManagerCore {
  readonly events = new EventEmitter<ManagerEvents>();
  readonly unitsByName = new Map<string, UnitView>();
  readonly calls: string[] = [];
  readonly jobList: JobView[] = [];
  /** What each enqueued job ends with when the test lets it finish (default done). */
  outcome = new Map<string, Partial<JobView>>();
  state: SystemState = 'running';
  shutdowns: ShutdownKind[] = [];
  reloads = 0;
  reexecs = 0;
  /** Finish every job right after it is enqueued (for tests of clients that wait). */
  autoFinish = false;
  private nextId = 1;
  private waiters: Array<() => void> = [];

  add(...views: UnitView[]): this {
    for (const view of views) this.unitsByName.set(view.name, view);
    return this;
  }

  systemState(): SystemState { return this.state; }
  jobCount(): number { return this.jobList.filter((j) => j.state !== 'done').length; }
  unit(name: string): UnitView {
    if (name === 'default.target' && this.unitsByName.has('multi-user.target')) return this.unitsByName.get('multi-user.target')!;
    return this.unitsByName.get(name) ?? unit(name, { loadState: 'not-found', fragmentPath: null, description: '', unitFileState: '' });
  }
  units(): UnitView[] { return [...this.unitsByName.values()]; }
  /** Refuses an unknown unit as the engine's admission does (and records nothing then), else queues a waiting job per name. */
  async enqueue(type: JobType, names: string[], mode: JobMode): Promise<JobView[]> {
    for (const name of names) {
      const view = this.unit(name);
      refuseNotFound(type, { loadState: view.loadState, activeState: view.status.active_state }, view.name);
    }
    this.calls.push(`enqueue ${type} ${names.join(',')} ${mode}`);
    if (this.autoFinish) setImmediate(() => this.finishJobs());
    return names.map((name) => {
      const job: JobView = { id: this.nextId++, unit: name, type, state: 'waiting', result: '', message: '' };
      this.jobList.push(job);
      return job;
    });
  }
  /** Finishes every unfinished job (with its configured outcome) and wakes the waiters. */
  finishJobs(): void {
    for (const job of this.jobList) {
      if (job.state === 'done') continue;
      Object.assign(job, { state: 'done', result: 'done' }, this.outcome.get(job.unit) ?? {});
      this.events.emit('job', { ...job });
    }
    for (const wake of this.waiters.splice(0)) wake();
  }
  async waitJobs(ids: number[]): Promise<JobView[]> {
    this.calls.push(`wait ${ids.join(',')}`);
    const pick = (): JobView[] => ids.map((id) => this.jobList.find((j) => j.id === id)).filter((j): j is JobView => j !== undefined);
    while (pick().some((j) => j.state !== 'done')) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return pick().map((j) => ({ ...j }));
  }
  jobs(): JobView[] { return this.jobList.filter((j) => j.state !== 'done'); }
  cancelJobs(ids: number[]): void { this.calls.push(`cancel ${ids.join(',')}`); }
  async kill(names: string[], signal: number, whom: 'main' | 'control' | 'all'): Promise<void> { this.calls.push(`kill ${names.join(',')} ${signal} ${whom}`); }
  async clean(names: string[], what: CleanWhat): Promise<void> {
    this.calls.push(`clean ${names.join(',')} ${Object.entries(what).filter(([, on]) => on).map(([k]) => k).join(',')}`);
  }
  async resetFailed(names: string[]): Promise<void> { this.calls.push(`reset-failed ${names.join(',')}`); }
  async reload(): Promise<void> { this.reloads++; }
  /** Units the test marked as changed on disk. */
  changed = new Set<string>();
  changedOnDisk(names: string[]): string[] { return names.filter((n) => this.changed.has(n)); }
  /** The fake re-executes nothing: it says which steps a real core would take. */
  async reexecute(): Promise<string[]> { this.reexecs++; return ['the core re-executes now (fake)']; }
  /** init (replaced never), the core (started twice: once killed) and one worker. */
  async managerProcesses(): Promise<ManagerProcess[]> {
    const at = 1_700_000_000_000_000;
    const one = (name: string, role: string, pid: number, starts: number, last: string): ManagerProcess => ({
      name, role, pid, image_started_usec: at, starts, reexecs: 0, last_replacement: last, state: role === 'worker' ? 'ready' : 'running', version: '0.1.0', contract_version: 1,
    });
    return [one('init', 'init', 1, 1, ''), one('sysmaster', 'core', 26, 2, 'killed by SIGKILL'), one('sm-service', 'worker', 37, 1, '')];
  }
  unitTypes(): ReadonlySet<string> { return new Set(SUFFIXES); }
  /** Every type is described, by the fakes' one table (fake-types.ts): only services run processes and have logs. */
  typeInfo(type: string): DescribeResponse__Output | null {
    return SUFFIXES.includes(type) ? fakeDescribe(type) : null;
  }
  /** What the worker's Logs answers for each unit: its lines, or an error. */
  readonly logsByName = new Map<string, string[] | SysmasterError>();
  readonly logRequests: Array<LogRequest & { name: string }> = [];
  private readonly followers = new Map<string, Set<LogSink>>();
  async logs(name: string, request: LogRequest, sink: LogSink): Promise<() => void> {
    this.logRequests.push({ name, ...request });
    const view = this.unit(name);
    if (!this.typeInfo(view.type)?.capabilities?.has_logs) throw new SysmasterError('ERR_UNIMPLEMENTED', `Units of type ${view.type} have no log (${view.name}).`);
    const log = this.logsByName.get(view.name);
    if (log instanceof SysmasterError) throw log;
    if (log === undefined && view.loadState === 'not-found') throw new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit ${view.name} not found.`);
    for (const text of request.lines > 0 ? (log ?? []).slice(-request.lines) : (log ?? [])) sink.line(text);
    if (!request.follow) {
      sink.end();
      return () => undefined;
    }
    const followers = this.followers.get(view.name) ?? new Set<LogSink>();
    this.followers.set(view.name, followers.add(sink));
    return () => followers.delete(sink);
  }
  /** A line the unit wrote: kept, and sent to every follower. */
  appendLog(name: string, text: string): void {
    const log = this.logsByName.get(name);
    this.logsByName.set(name, [...(Array.isArray(log) ? log : []), text]);
    for (const sink of this.followers.get(name) ?? []) sink.line(text);
  }
  followerCount(name: string): number { return this.followers.get(name)?.size ?? 0; }
  async logLines(name: string, count: number): Promise<string[]> {
    const log = this.logsByName.get(name);
    return count > 0 && Array.isArray(log) ? log.slice(-count) : [];
  }
  shutdown(kind: ShutdownKind): void { this.shutdowns.push(kind); }
}

const SUFFIXES = ['service', 'socket', 'target', 'timer', 'path', 'slice', 'mount'];

/** The fake OS seam: peers are whoever `peerUid` says, names follow a small subset of the grammar. */
export function fakeSystem(cgroupRoot: string | null, peerUid: number | null = 0, install: InstallContext | null = lastInstall): ApiSystem & { uid: number | null } {
  if (install === null) throw new Error('fakeSystem needs an install context: call tempRuntime() first or pass one');
  const system = {
    install,
    uid: peerUid,
    peerUid: (_socket: net.Socket) => system.uid,
    cgroup2Root: () => cgroupRoot,
    procRoot: '/proc',
    normalizeUnitName(name: string, types: ReadonlySet<string>): string {
      if (name === '' || name.includes('/') || /\s/.test(name)) throw new Error('a unit name may not be empty or hold "/" or spaces');
      const dot = name.lastIndexOf('.');
      if (dot > 0 && types.has(name.slice(dot + 1))) return name;
      return `${name}.service`;
    },
  };
  return system;
}

export const quietLog = winston.createLogger({ silent: true, transports: [new winston.transports.Console()] });

let lastInstall: InstallContext | null = null;

/** Unit directories of a temp tree: etc (config), run (runtime) and lib (vendor), highest first. */
export function tempInstall(dir: string): InstallContext {
  const ctx: InstallContext = {
    searchPath: [path.join(dir, 'etc/system'), path.join(dir, 'run/system'), path.join(dir, 'lib/system')],
    configDir: path.join(dir, 'etc/system'),
    runtimeDir: path.join(dir, 'run/system'),
    presetDirs: [path.join(dir, 'etc/system-preset'), path.join(dir, 'run/system-preset'), path.join(dir, 'lib/system-preset')],
    generatorDirs: [path.join(dir, 'run/generator')],
    transientDir: path.join(dir, 'run/transient'),
  };
  for (const d of [ctx.configDir, ctx.runtimeDir, path.join(dir, 'lib/system')]) fs.mkdirSync(d, { recursive: true });
  return ctx;
}

/** A fresh runtime, log and unit-file tree for one test file; sets the SYSMASTER_* variables. */
export function tempRuntime(prefix: string): { dir: string; logDir: string; cgroupRoot: string; install: InstallContext } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const runtime = path.join(dir, 'run');
  const logDir = path.join(dir, 'log');
  const cgroupRoot = path.join(dir, 'cgroup');
  fs.mkdirSync(logDir, { recursive: true });
  fs.mkdirSync(cgroupRoot, { recursive: true });
  process.env.SYSMASTER_RUNTIME_DIR = runtime;
  process.env.SYSMASTER_LOG_DIR = logDir;
  const install = tempInstall(path.join(dir, 'units'));
  lastInstall = install;
  return { dir, logDir, cgroupRoot, install };
}

/** Asserts that `promise` rejects with a SysmasterError of `code` whose message matches; returns it. */
export async function rejects(promise: Promise<unknown>, code: string, message: RegExp): Promise<SysmasterError> {
  try {
    await promise;
  } catch (raw) {
    // Streams reject with grpc-js's ServiceError; unary calls already with a SysmasterError.
    const error = fromServiceError(raw);
    assert.ok(error instanceof SysmasterError);
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return error;
  }
  assert.fail('the call succeeded');
}
