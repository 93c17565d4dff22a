// The Manager service of the core (manager.proto) as handlers over ManagerCore. Each handler
// validates and normalizes its request, calls the engine, and translates the answer; errors are
// SysmasterErrors whose code becomes the gRPC status (implement() wraps every handler).
//
// readOnlyHandlers() derives the handler set served to callers that are not root: the RPCs in
// READ_ONLY_RPCS as they are, every other one answering PERMISSION_DENIED.
import { CONTRACT_VERSION, IMAGE_STARTED_USEC, JOB_MODES, KILL_WHOM, SysmasterError, cleanNothing, isKillWhom, jobModeFromWire, signalFromWire, toServiceError } from '@sysmaster/proto';
import { SPECIAL_DEFAULT_TARGET } from '@sysmaster/unit-file';
import type { ManagerEvent, UnitInfo } from '@sysmaster/proto';
import type { JobMode__Output as WireJobMode } from '@sysmaster/proto/dist/generated/sysmaster/v1/JobMode';
import type { StrictHandlers } from './handler-types';
import type { JobType, JobView, ManagerCore, ShutdownKind, UnitView } from '../manager-core';
import type { ApiSystem } from './system';
import { globToRegExp, listed, toJob, toUnitInfo, toUnitSummary } from './convert';
import { cgroupProcesses } from './processes';
import { dependencyGraph } from './dependencies';
import { unitFileHandlers } from './unit-files-service';
import { presetAction, readPresets, unitFileStateIn } from '../install';

export type ManagerHandlers = StrictHandlers<'Manager'>;
type ManagerRpc = keyof ManagerHandlers;

/** The RPCs any local user may call (the public socket, and non-root peers on the private one). */
const READ_ONLY_RPCS: ReadonlySet<ManagerRpc> = new Set<ManagerRpc>([
  'Keepalive', 'GetUnit', 'ListUnits', 'ListUnitFiles', 'ListJobs', 'WaitJobs', 'Logs', 'Subscribe', 'GetDefaultTarget',
  'GetUnitFileState', 'CatUnit', 'GetDependencies', 'GetManagerProcesses',
]);


/** How many log lines Logs sends when the request says 0. */
const DEFAULT_LOG_LINES = 10;
/** UnitJobRequest.request_id's bound (manager.proto). */
const MAX_REQUEST_ID = 128;
/** The most lines one GetUnit or Logs backlog carries. */
const MAX_LOG_LINES = 100_000;


export function managerHandlers(core: ManagerCore, system: ApiSystem): ManagerHandlers {
  const normalize = (name: string): string => {
    try {
      return system.normalizeUnitName(name, core.unitTypes());
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new SysmasterError('ERR_BAD_UNIT_NAME', `Invalid unit name "${name}": ${why}`, { cause: error });
    }
  };

  const names = (raw: string[]): string[] => {
    if (raw.length === 0) throw new SysmasterError('ERR_INVALID_ARGUMENT', 'No unit name given.', { hint: 'Name at least one unit.' });
    return raw.map(normalize);
  };

  const enqueue = async (type: JobType, raw: string[], wireMode: WireJobMode | number, requestId = ''): Promise<{ jobs: ReturnType<typeof toJob>[]; changed_on_disk: string[] }> => {
    if (requestId.length > MAX_REQUEST_ID) {
      throw new SysmasterError('ERR_INVALID_ARGUMENT', `request_id has ${requestId.length} characters; the limit is ${MAX_REQUEST_ID}.`);
    }
    const mode = jobModeFromWire(wireMode);
    if (mode === null) {
      throw new SysmasterError('ERR_INVALID_ARGUMENT', `Invalid job mode (${String(wireMode)}).`, { hint: `Valid modes: ${JOB_MODES.join(', ')}.` });
    }
    // Whether each named unit exists (and may take the job) is the engine's decision (admission.ts).
    const units = names(raw);
    const jobs = await core.enqueue(type, units, mode, 'api', requestId);
    return { jobs: jobs.map(toJob), changed_on_disk: core.changedOnDisk(units) };
  };

  const shutdown = async (kind: ShutdownKind): Promise<Record<string, never>> => {
    // Answer first: the reply is written before the engine starts stopping units.
    setImmediate(() => core.shutdown(kind));
    return {};
  };

  return {
    Keepalive: async () => ({
      pid: process.pid, jobs: core.jobCount(), system_state: core.systemState(), contract_version: CONTRACT_VERSION, image_started_usec: IMAGE_STARTED_USEC,
    }),

    StartUnits: (req) => enqueue('start', req.names, req.mode, req.request_id),
    StopUnits: (req) => enqueue('stop', req.names, req.mode, req.request_id),
    RestartUnits: (req) => enqueue('restart', req.names, req.mode, req.request_id),
    TryRestartUnits: (req) => enqueue('try-restart', req.names, req.mode, req.request_id),
    ReloadUnits: (req) => enqueue('reload', req.names, req.mode, req.request_id),
    ReloadOrRestartUnits: (req) => enqueue('reload-or-restart', req.names, req.mode, req.request_id),
    Isolate: (req) => {
      if (req.mode !== 'replace' && req.mode !== 'isolate') {
        throw new SysmasterError('ERR_INVALID_ARGUMENT', `Isolate takes no job mode other than "isolate", got "${String(req.mode)}".`);
      }
      return enqueue('start', req.names, 'isolate', req.request_id);
    },

    KillUnits: async (req) => {
      const whom = req.whom;
      if (!isKillWhom(whom)) {
        throw new SysmasterError('ERR_INVALID_ARGUMENT', `Invalid kill target (${String(req.whom)}).`, { hint: `Valid targets: ${KILL_WHOM.join(', ')}.` });
      }
      await core.kill(names(req.names), signalFromWire(req.signal || 15), whom);
      return {};
    },
    CleanUnits: async (req) => {
      await core.clean(names(req.names), req.what ?? cleanNothing());
      return {};
    },
    ResetFailed: async (req) => {
      await core.resetFailed(req.names.map(normalize));
      return {};
    },
    WaitJobs: async (req) => ({ jobs: (await core.waitJobs(req.ids)).map(toJob) }),
    ListJobs: async () => ({ jobs: core.jobs().map(toJob) }),
    CancelJobs: async (req) => {
      core.cancelJobs(req.ids);
      return {};
    },

    GetUnit: async (req) => {
      const name = normalize(req.name);
      const view = core.refreshUnit ? await core.refreshUnit(name) : core.unit(name);
      const info: UnitInfo = toUnitInfo(view);
      if (view.fragmentPath !== null) {
        // The engine may not know enablement; the files do (and the preset for the Loaded line).
        if (!info.unit_file_state) info.unit_file_state = unitFileStateIn(view.name, system.install);
        if (!['static', 'alias', 'generated', 'transient', 'masked', 'masked-runtime', 'bad'].includes(info.unit_file_state)) {
          const action = presetAction(view.name, readPresets(system.install.presetDirs).rules);
          info.properties = { ...info.properties, UnitFilePreset: action === 'ignore' ? 'ignored' : `${action}d` };
        }
      }
      const hasProcesses = core.typeInfo(view.type)?.capabilities?.has_processes ?? false;
      info.processes = hasProcesses ? await cgroupProcesses(system.cgroup2Root(), view.status.cgroup, system.procRoot) : [];
      info.log_lines = await core.logLines(view.name, Math.min(req.log_lines, MAX_LOG_LINES));
      return info;
    },
    ListUnits: async (req) => {
      const filter = { all: req.all, states: req.states, types: req.types, patterns: req.patterns.map(globToRegExp) };
      const units = core.units().filter((v) => listed(v, filter)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return { units: units.map(toUnitSummary) };
    },
    GetDependencies: async (req) => dependencyGraph(core, normalize(req.name || SPECIAL_DEFAULT_TARGET), req.direction, req.all),

    Logs: async (call) => {
      const req = call.request;
      const lines = req.since_usec ? Math.min(req.lines, MAX_LOG_LINES) : Math.min(req.lines || DEFAULT_LOG_LINES, MAX_LOG_LINES);
      const stop = await core.logs(normalize(req.name), { lines, follow: req.follow, since_usec: req.since_usec }, {
        line: (text) => call.write({ text }),
        end: () => call.end(),
        error: (error) => call.emit('error', toServiceError(error)),
      });
      call.on('cancelled', stop);
      call.on('close', stop);
      if (call.cancelled) stop();
    },

    Subscribe: async (call) => {
      const onUnit = (status: UnitView['status']): void => {
        const event: ManagerEvent = { unit: status };
        call.write(event);
      };
      const onJob = (job: JobView): void => {
        call.write({ job: toJob(job) });
      };
      core.events.on('unit', onUnit);
      core.events.on('job', onJob);
      const unsubscribe = (): void => {
        core.events.off('unit', onUnit);
        core.events.off('job', onJob);
      };
      call.on('cancelled', unsubscribe);
      call.on('close', unsubscribe);
      if (call.cancelled) unsubscribe();
    },

    ...unitFileHandlers(core, system.install, normalize),

    Reload: async () => {
      await core.reload();
      return {};
    },
    Reexecute: async () => ({ steps: await core.reexecute() }),
    GetManagerProcesses: async () => ({ processes: await core.managerProcesses() }),
    PowerOff: () => shutdown('poweroff'),
    Reboot: () => shutdown('reboot'),
    Halt: () => shutdown('halt'),
  };
}

/** The same handlers, each waiting for `ready` first; Keepalive answers at once (init's liveness check). */
export function heldUntil(full: ManagerHandlers, ready: Promise<void>): ManagerHandlers {
  const out: Record<string, unknown> = {};
  for (const [rpc, handler] of Object.entries(full)) {
    const h = handler as (...args: unknown[]) => unknown;
    out[rpc] = rpc === 'Keepalive' ? handler : async (...args: unknown[]) => {
      await ready;
      return h(...args);
    };
  }
  return out as ManagerHandlers;
}

/** The handlers served to a caller that is not root: read-only RPCs as they are, the rest denied. */
export function readOnlyHandlers(full: ManagerHandlers): ManagerHandlers {
  const out: Record<string, unknown> = {};
  for (const [rpc, handler] of Object.entries(full)) {
    out[rpc] = READ_ONLY_RPCS.has(rpc as ManagerRpc)
      ? handler
      : async () => {
        throw new SysmasterError('ERR_PERMISSION', `Access denied: ${rpc} needs root privileges.`, {
          hint: 'Run the command as root, e.g. with sudo.',
        });
      };
  }
  return out as ManagerHandlers;
}
