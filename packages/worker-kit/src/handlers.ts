// The UnitWorker handlers runWorker serves: each RPC checked (unit names, capabilities) and mapped
// onto the type's UnitTypeWorker, which it reaches through a UnitsSlot, so that a re-exec in
// progress holds new calls until it is over (they then reach the units built again, or the new
// image never answers them and the client sees its connection end).
import { reexecsOfThisProcess } from './reexec';
import { grpc } from '@sysmaster/proto';
import { parseUnitName } from '@sysmaster/unit-file';
import {
  CONTRACT_VERSION, IMAGE_STARTED_USEC, KILL_WHOM, SysmasterError, cleanNothing, isKillWhom, signalFromWire, toServiceError,
  type Handlers, type UnitStatus,
} from '@sysmaster/proto';
import type { UnitTypeWorker, WorkerDefinition } from './worker-types';

/** The type's units, or the promise of them while a re-exec tears them down. */
export class UnitsSlot {
  private held: Promise<void> | null = null;
  private releaseHeld: (() => void) | null = null;

  constructor(private current: UnitTypeWorker) {}

  /** The units now, held or not (for close and shutdown paths). */
  get units(): UnitTypeWorker { return this.current; }

  /** The units, once no re-exec holds them. */
  async get(): Promise<UnitTypeWorker> {
    while (this.held) await this.held;
    return this.current;
  }

  /** New calls wait from now on. */
  hold(): void {
    if (this.held) return;
    this.held = new Promise<void>((resolve) => { this.releaseHeld = resolve; });
  }

  /** Calls go on, to `units`. */
  release(units: UnitTypeWorker): void {
    this.current = units;
    this.held = null;
    this.releaseHeld?.();
    this.releaseHeld = null;
  }
}

/**
 * The unit a request names, checked as a unit name (systemd.unit(5): at most 255 characters of
 * the allowed set, NAME.TYPE): a name with a NUL or of a megabyte is ERR_BAD_UNIT_NAME here,
 * before a worker uses it as a file name for its state (ENAMETOOLONG) or echoes it.
 */
function requireName(name: string): string {
  if (!name) throw new SysmasterError('ERR_INVALID_ARGUMENT', 'the request names no unit');
  parseUnitName(name);
  return name;
}

export interface HandlerParts {
  def: WorkerDefinition;
  slot: UnitsSlot;
  /** The open Watch streams, which host.emit() writes to. */
  watchers: Set<grpc.ServerWritableStream<unknown, UnitStatus>>;
  /** Serves Reexec (answers the pid, then re-executes); null when this worker cannot. */
  reexec: ((execPath: string) => { pid: number }) | null;
}

/** The optional RPCs, each UNIMPLEMENTED when its capability is false or its hook absent. */
function optionalHandlers({ def, slot, reexec }: HandlerParts): Pick<Handlers<'UnitWorker'>, 'Reload' | 'Kill' | 'Clean' | 'Reexec' | 'Logs'> {
  const caps = def.capabilities;
  const unimplemented = (what: string): SysmasterError =>
    new SysmasterError('ERR_UNIMPLEMENTED', `${what} is not supported by units of type '${def.type}'`);
  return {
    Reload: async (request) => {
      const units = await slot.get();
      if (!caps.can_reload || !units.reload) throw unimplemented('Reload');
      await units.reload(requireName(request.name));
      return {};
    },
    Kill: async (request) => {
      const units = await slot.get();
      if (!caps.can_kill || !units.kill) throw unimplemented('Kill');
      const whom = request.whom;
      if (!isKillWhom(whom)) throw new SysmasterError('ERR_INVALID_ARGUMENT', `Invalid kill target (${String(whom)}).`, { hint: `Valid targets: ${KILL_WHOM.join(', ')}.` });
      await units.kill(requireName(request.name), signalFromWire(request.signal), whom);
      return {};
    },
    Clean: async (request) => {
      const units = await slot.get();
      if (!units.clean) throw unimplemented('Clean');
      await units.clean(requireName(request.name), request.what ?? cleanNothing());
      return {};
    },
    Reexec: async (request) => {
      if (!caps.can_reexec || !reexec) throw unimplemented('Reexec');
      await slot.get();
      return reexec(request.exec_path);
    },
    Logs: async (call) => {
      const units = await slot.get();
      if (!caps.has_logs || !units.logs) throw unimplemented('Logs');
      const request = { ...call.request, name: requireName(call.request.name) };
      let closed = false;
      const listeners: Array<() => void> = [];
      const close = (): void => {
        if (closed) return;
        closed = true;
        for (const listener of listeners) listener();
      };
      call.on('cancelled', close);
      call.on('close', close);
      call.on('error', close);
      await units.logs(request, {
        write: (line) => { if (!closed) call.write(line); },
        end: () => { if (!closed) { closed = true; call.end(); } },
        fail: (error) => { if (!closed) { closed = true; call.emit('error', toServiceError(error)); } },
        onClose: (listener) => { if (closed) listener(); else listeners.push(listener); },
      });
    },
  };
}

/** Every UnitWorker handler for the worker `parts.def` describes. */
export function unitWorkerHandlers(parts: HandlerParts): Handlers<'UnitWorker'> {
  const { def, slot, watchers } = parts;
  return {
    Describe: async () => ({
      type: def.type, sections: def.sections, capabilities: def.capabilities, version: def.version ?? '0.1.0', pid: process.pid,
      dependency_rules: def.dependencyRules ?? { order_after_wanted: false, expand_in_tree: false },
      contract_version: CONTRACT_VERSION, image_started_usec: IMAGE_STARTED_USEC, reexecs: reexecsOfThisProcess(),
    }),
    Load: async (request) => (await slot.get()).load({ ...request, name: requireName(request.name) }),
    Unload: async (request) => { await (await slot.get()).unload(requireName(request.name)); return {}; },
    Start: async (request) => { await (await slot.get()).start(requireName(request.name)); return {}; },
    Stop: async (request) => { await (await slot.get()).stop(requireName(request.name), { restart: request.restart }); return {}; },
    ResetFailed: async (request) => { await (await slot.get()).resetFailed(requireName(request.name)); return {}; },
    Status: async (request) => (await slot.get()).status(requireName(request.name)),
    List: async () => ({ units: (await slot.get()).list() }),
    ...optionalHandlers(parts),
    Watch: async (call) => {
      const stream = call as grpc.ServerWritableStream<unknown, UnitStatus>;
      let gone = false;
      const drop = (): void => { gone = true; watchers.delete(stream); };
      call.on('cancelled', drop);
      call.on('close', drop);
      call.on('error', drop);
      const units = await slot.get();
      if (gone) return;
      for (const status of units.list()) call.write(status);
      watchers.add(stream);
    },
  };
}
