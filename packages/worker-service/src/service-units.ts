// The table of service units the worker holds: Load/Start/Stop/Reload/… by name, routing of
// reaped children and of sd_notify datagrams to their unit, Type=idle's wait, and the state file
// that lets a new worker take over.
//
// Routing: a reaped child goes to the unit that spawned (or adopted) it; a notify datagram to
// the unit that started the sender, else the unit whose cgroup holds it (the kernel's
// SCM_CREDENTIALS pid, then /proc/PID/cgroup: <root>/system.slice/UNIT/…), never to a unit it
// merely names. Without cgroups the sender must be a unit's main or control process. The notify socket is drained before each
// child exit is handled, so a READY=1 sent just before exiting is seen before the exit (systemd
// orders the two the same way).
//
// Persistence: one record per unit in runtimePaths().stateDir/worker-service/ (worker-kit
// DurableJsonRecords): every change marks the unit's record dirty and the records that changed in
// one event-loop turn are written together, each atomically. A record holds the LoadRequest the
// unit was configured with and its runtime (states, pids, result, timestamps, restarts). A new
// worker reads them before serving: it rebuilds each unit from its request, then lets it recover (ServiceUnit.recover: a live main pid in the unit's cgroup
// is re-adopted and watched by pidfd; an interrupted step ends like a failed one). After a
// UnitWorker.Reexec (host.handedOver) the same records are read, but the processes are still
// this process's children and the notify socket is the same fd: their exits come from the reaper
// with their real status, and the step in progress goes on where it was: a Type=notify start
// waits on for READY=1, a running control command (ExecStartPre=, ExecStop=, …, recorded in the
// runtime at its spawn) is not spawned again and its exit runs the next command or step.
import path from 'node:path';
import fs from 'node:fs';
import {
  SysmasterError, logDir, runtimePaths,
  type CleanWhat__Output, type HostEventKind, type ImpliedDependency, type LoadRequest__Output, type LoadResponse, type LogsRequest__Output, type UnitStatus,
} from '@sysmaster/proto';
import {
  DurableJsonRecords, serveLogFile,
  type KillWhom, type LogSink, type Logger, type UnitTypeWorker, type WorkerHost,
} from '@sysmaster/worker-kit';
import { canReload, parseServiceConfig } from './config';
import type { NotifyDatagram, NotifyListener, ServiceOs } from './os';
import { ServiceUnit, freshRuntime, type ServiceRuntime, type UnitContext } from './service-unit';
import { SERVICE_ACTIVE_STATE } from './states';
import { IdleWait } from './idle-wait';

interface SavedUnit { version: 1; request: LoadRequest__Output; runtime: ServiceRuntime }

export interface ServiceUnitsOptions {
  host: WorkerHost;
  os: ServiceOs;
  /** The folder of the per-unit state records; default runtimePaths().stateDir/worker-service. */
  stateDir?: string;
  /** Where to bind the notify socket; default runtimePaths().notifySocket, null for none. */
  notifySocket?: string | null;
}

/**
 * systemd.service(5), "Default Dependencies": Requires= and After= sysinit.target, After=
 * basic.target, Conflicts= and Before= shutdown.target. The core adds them unless the unit says
 * DefaultDependencies=no.
 */
const SERVICE_DEFAULT_DEPENDENCIES: readonly ImpliedDependency[] = [
  { kind: 'Requires', unit: 'sysinit.target' },
  { kind: 'After', unit: 'sysinit.target' },
  { kind: 'After', unit: 'basic.target' },
  { kind: 'Conflicts', unit: 'shutdown.target' },
  { kind: 'Before', unit: 'shutdown.target' },
];

/** The same warning about the same unit is reported to the core at most once in this long (usec). */
const WARNING_REPEAT_USEC = 10_000_000;

export class ServiceUnits implements UnitTypeWorker {
  private readonly units = new Map<string, ServiceUnit>();
  private readonly requests = new Map<string, LoadRequest__Output>();
  /** The unit that started (or adopted) each child, by name. */
  private readonly owners = new Map<number, string>();
  private readonly log: Logger;
  private readonly store: DurableJsonRecords;
  private readonly context: UnitContext;
  private readonly stopReaping: () => void;
  private readonly notifyListener: NotifyListener | null = null;
  /** The notify socket's fd, given up by shutdown({ reexec }) for the next image. */
  private keptNotifyFd: number | null = null;
  private readonly idle: IdleWait;
  private sweepScheduled = false;
  private readonly lastWarning = new Map<string, { message: string; at: number }>();

  constructor(private readonly options: ServiceUnitsOptions) {
    const { host, os } = options;
    this.log = host.log;
    this.idle = new IdleWait(host.core, this.log);
    const dir = options.stateDir ?? path.join(runtimePaths().stateDir, 'worker-service');
    this.store = new DurableJsonRecords(dir, (name) => this.snapshot(name), (error) => this.log.error(`state in ${dir}: ${(error as Error).message}`));
    const notifyPath = options.notifySocket === undefined ? runtimePaths().notifySocket : options.notifySocket;
    if (notifyPath !== null) {
      try {
        this.notifyListener = os.listenNotify(notifyPath, (message) => this.routeNotify(message), host.handedOver?.fds.notify);
      } catch (error) {
        this.log.error(`cannot listen on the notify socket ${notifyPath}: ${(error as Error).message}; Type=notify services cannot start`);
      }
    }
    this.context = {
      os,
      log: this.log,
      notifySocket: this.notifyListener ? notifyPath : null,
      changed: (name, spontaneous) => {
        const unit = this.units.get(name);
        if (unit) host.emit(unit.status(spontaneous));
        this.store.markDirty(name);
      },
      dirty: (name) => { this.store.markDirty(name); },
      track: (pid, name) => { this.owners.set(pid, name); },
      whenIdle: (unit, fn) => this.idle.wait(unit, fn),
      report: (unit, kind, message, fields) => this.report(unit, kind, message, fields),
      requestRestart: (unit) => host.core.enqueueJob(unit, 'restart', 'replace'),
    };
    this.stopReaping = os.onChildExit((pid, status) => {
      this.notifyListener?.drain();
      const owner = this.units.get(this.owners.get(pid) ?? '');
      this.owners.delete(pid);
      try {
        if (owner) owner.processExited(pid, status);
        else this.scheduleSweep(); // a reparented grandchild (or an fd-store holder)
      } catch (error) {
        this.log.error(`handling the exit of pid ${pid} failed: ${(error as Error).stack ?? String(error)}`);
      }
    });
    this.restore(host.handedOver != null);
  }

  /**
   * Tells the core (WorkerHost.ReportEvent, which never fails); a warning repeated about the same
   * unit within WARNING_REPEAT_USEC is dropped, so a service that floods the notify socket from a
   * refused pid costs one event, not one per datagram.
   */
  private report(unit: string, kind: HostEventKind, message: string, fields: Record<string, string> = {}): void {
    if (kind === 'warning') {
      const now = this.options.os.monotonicNow();
      const last = this.lastWarning.get(unit);
      if (last && last.message === message && now - last.at < WARNING_REPEAT_USEC) return;
      this.lastWarning.set(unit, { message, at: now });
    }
    void this.options.host.core.reportEvent(unit, kind, message, fields);
  }

  /** The record of one unit; undefined (delete the record) once it is unloaded. */
  private snapshot(name: string): SavedUnit | undefined {
    const unit = this.units.get(name);
    const request = this.requests.get(name);
    return unit && request ? { version: 1, request, runtime: unit.persisted() } : undefined;
  }

  /**
   * Lets every unit check whether it drained, once per turn of the event loop however many
   * untracked processes exited in it (a unit that forks 10,000 children costs one sweep, not
   * 10,000): a backstop for the cgroup.events watch, which normally reports "populated 0".
   */
  private scheduleSweep(): void {
    if (this.sweepScheduled) return;
    this.sweepScheduled = true;
    setImmediate(() => {
      this.sweepScheduled = false;
      for (const unit of this.units.values()) {
        try { unit.checkDrained(); } catch (error) { this.log.error(`${unit.name}: ${(error as Error).message}`); }
      }
    });
  }

  /** The unit a notify datagram comes from: by the sender's cgroup, else by its pid. */
  private routeNotify(message: NotifyDatagram): void {
    const unit = this.senderUnit(message.pid);
    if (!unit) {
      this.log.warn(`notify message from pid ${message.pid}, which belongs to no service; ignoring it`);
      for (const fd of message.fds) this.options.os.closeFd(fd);
      return;
    }
    try {
      unit.notify(message);
    } catch (error) {
      this.log.error(`${unit.name}: handling a notify message failed: ${(error as Error).stack ?? String(error)}`);
    }
  }

  private senderUnit(pid: number): ServiceUnit | undefined {
    // A process we started is known by pid even once reaped (a datagram sent just before exiting).
    const owner = this.units.get(this.owners.get(pid) ?? '');
    if (owner) return owner;
    const os = this.options.os;
    const root = os.cgroupRoot();
    if (root !== null) {
      const dir = pid > 0 ? os.cgroupOfPid(pid) : null;
      const prefix = `${root}/system.slice/`;
      if (dir === null || !dir.startsWith(prefix)) return undefined;
      return this.units.get(dir.slice(prefix.length).split('/')[0] ?? '');
    }
    for (const unit of this.units.values()) if (pid > 0 && (unit.runtime.mainPid === pid || unit.runtime.controlPid === pid)) return unit;
    return undefined;
  }

  /** Rebuilds the units from their records; `handedOver`: this process re-executed, see ServiceUnit.recover. */
  private restore(handedOver: boolean): void {
    const units = this.store.readAll();
    const restored: ServiceUnit[] = [];
    for (const [name, value] of units) {
      const entry = value as Partial<SavedUnit> | undefined;
      if (!entry?.request || !entry.runtime || !(entry.runtime.sub in SERVICE_ACTIVE_STATE)) {
        this.log.warn(`state file entry for ${name} is incomplete; ignoring it`);
        continue;
      }
      const parsed = parseServiceConfig(entry.request);
      const unit = new ServiceUnit(name, parsed.config, parsed.errors.map((e) => e.describe()), this.context,
        { ...freshRuntime(), ...entry.runtime, sub: entry.runtime.sub });
      this.units.set(name, unit);
      this.requests.set(name, entry.request);
      restored.push(unit);
    }
    for (const unit of restored) {
      try {
        unit.recover(handedOver);
      } catch (error) {
        this.log.error(`${unit.name}: recovery failed: ${(error as Error).message}`);
      }
    }
    this.log.info(`restored ${restored.length} service(s) from ${this.store.dir}`);
    for (const unit of restored) this.store.markDirty(unit.name);
  }

  load(request: LoadRequest__Output): LoadResponse {
    this.options.os.unitFilesReloaded?.();
    const parsed = parseServiceConfig(request, this.log);
    const errors = parsed.errors.map((e) => e.describe());
    for (const e of errors) this.log.warn(`${request.name}: ${e}`);
    const unit = this.units.get(request.name);
    if (unit) {
      unit.config = parsed.config; // The running processes are left alone; the next start uses it.
      unit.loadErrors = errors;
    } else {
      this.units.set(request.name, new ServiceUnit(request.name, parsed.config, errors, this.context));
    }
    this.requests.set(request.name, request);
    this.store.markDirty(request.name);
    return {
      errors: parsed.errors.map((e) => e.toMessage()),
      warnings: parsed.warnings.map((w) => w.toMessage()),
      // systemd.service(5): Sockets= adds Wants= and After= on each socket named.
      dependencies: parsed.config.sockets.flatMap((unit) => [{ kind: 'Wants', unit }, { kind: 'After', unit }]),
      default_dependencies: [...SERVICE_DEFAULT_DEPENDENCIES],
      can_reload: canReload(parsed.config),
      properties: parsed.properties,
    };
  }

  unload(name: string): void {
    const unit = this.get(name);
    const active = SERVICE_ACTIVE_STATE[unit.runtime.sub];
    if (active !== 'inactive' && active !== 'failed') {
      throw new SysmasterError('ERR_WRONG_STATE', `${name} is ${active}; stop it before unloading`);
    }
    unit.dispose();
    this.units.delete(name);
    this.requests.delete(name);
    this.store.markDirty(name);
  }

  start(name: string): void { this.get(name).start(); }
  /** `options.restart`: the stop is the first half of a restart job (UnitRequest.restart). */
  stop(name: string, options: { restart?: boolean } = {}): void { this.get(name).stop(options.restart ?? false); }
  reload(name: string): void { this.get(name).reload(); }
  resetFailed(name: string): void { this.get(name).resetFailed(); }
  clean(name: string, what: CleanWhat__Output): void { this.get(name).clean(what); }
  kill(name: string, signal: number, whom: KillWhom): void { this.get(name).signal(signal, whom); }
  status(name: string): UnitStatus { return this.get(name).status(); }

  /**
   * The log of a unit (UnitWorker.Logs): the file its processes write. The log of a unit that is
   * no longer loaded is still served while its file exists (it outlives the unit, as a journal does).
   */
  async logs(request: LogsRequest__Output, sink: LogSink): Promise<void> {
    const unit = this.units.get(request.name);
    const file = unit?.logPath ?? path.join(logDir(), `${request.name}.log`);
    if (!unit && !fs.existsSync(file)) {
      throw new SysmasterError('ERR_UNIT_NOT_FOUND', `unit ${request.name} is not loaded by the service worker and has no log`);
    }
    await serveLogFile(file, request.name, request, sink);
  }

  list(): UnitStatus[] {
    return [...this.units.keys()].sort().map((name) => this.get(name).status());
  }

  /**
   * Saves the state and lets go of timers and watches; the services keep running. For a re-exec
   * the notify socket stays open (keptFds): what services send meanwhile waits in it.
   */
  shutdown(options: { reexec: boolean } = { reexec: false }): void {
    this.store.flush();
    for (const unit of this.units.values()) unit.detach();
    this.idle.close();
    this.stopReaping();
    if (options.reexec && this.notifyListener) this.keptNotifyFd = this.notifyListener.release();
    else this.notifyListener?.close();
  }

  /** Across a re-exec: the notify socket, the same fd, so no datagram is lost. */
  keptFds(): Record<string, number> {
    return this.keptNotifyFd === null ? {} : { notify: this.keptNotifyFd };
  }

  private get(name: string): ServiceUnit {
    const unit = this.units.get(name);
    if (!unit) throw new SysmasterError('ERR_UNIT_NOT_FOUND', `unit ${name} is not loaded by the service worker`);
    return unit;
  }
}
