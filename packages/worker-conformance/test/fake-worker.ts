// A worker of type "fake" written on raw grpc implement() from @sysmaster/proto (no worker-kit),
// honest by default, with one switch per misbehaviour the conformance kit must catch. Units own
// a [Fake] section with Mode= (instant or slow: slow goes through activating/deactivating) and
// Note= (free text). Capabilities: can_kill only. With a state file, unit states survive a
// restart of the process.
import fs from 'node:fs';
import net from 'node:net';
import {
  SysmasterError, grpc, implement, serveOnPath,
  type ConfigError, type Handlers, type LoadRequest__Output, type UnitStatus,
} from '@sysmaster/proto';

export const FLAWS = [
  'wrong-type', 'wrong-pid', 'no-version', 'reload-succeeds', 'kill-unimplemented', 'unknown-unit-ok',
  'empty-name-not-found', 'unknown-key-silent', 'garbage-accepted', 'error-without-line', 'no-snapshot',
  'silent-start', 'silent-stop', 'stop-inactive-fails', 'list-stale', 'status-wrong', 'state-outside-enum',
  'stops-on-disconnect', 'dies-on-garbage', 'forgets-state',
] as const;
export type Flaw = (typeof FLAWS)[number];

interface FakeUnit { mode: 'instant' | 'slow'; sub: 'dead' | 'starting' | 'running' | 'stopping' }

const ACTIVE = { dead: 'inactive', starting: 'activating', running: 'active', stopping: 'deactivating' } as const;

export interface FakeWorker {
  close(): Promise<void>;
}

export interface FakeOptions {
  socketPath: string;
  flaws?: readonly Flaw[];
  /** A JSON file the unit states are kept in (none: in memory only). */
  stateFile?: string;
}

function parseFake(request: LoadRequest__Output, flaws: ReadonlySet<Flaw>): { mode: FakeUnit['mode']; errors: ConfigError[]; warnings: ConfigError[] } {
  let mode: FakeUnit['mode'] = 'instant';
  const errors: ConfigError[] = [];
  const warnings: ConfigError[] = [];
  for (const entry of request.sections.find((s) => s.name === 'Fake')?.entries ?? []) {
    const at = { file: entry.file, line: flaws.has('error-without-line') ? 0 : entry.line, section: 'Fake', key: entry.key };
    if (entry.key === 'Mode') {
      if (entry.value === 'instant' || entry.value === 'slow') mode = entry.value;
      else if (!flaws.has('garbage-accepted')) errors.push({ ...at, message: `Mode= must be instant or slow, not '${entry.value}'` });
    } else if (entry.key !== 'Note' && !flaws.has('unknown-key-silent')) {
      warnings.push({ ...at, line: entry.line, message: `unknown key ${entry.key}, ignored` });
    }
  }
  return { mode, errors, warnings };
}

/** The fake's units and the helpers its handlers share. */
function fakeState(options: FakeOptions) {
  const flaws = new Set(options.flaws ?? []);
  const units = new Map<string, FakeUnit>();
  const watchers = new Set<grpc.ServerWritableStream<unknown, UnitStatus>>();
  const { stateFile } = options;
  if (stateFile && fs.existsSync(stateFile)) {
    for (const [name, unit] of Object.entries(JSON.parse(fs.readFileSync(stateFile, 'utf8')) as Record<string, FakeUnit>)) units.set(name, unit);
  }
  const save = (): void => {
    if (stateFile && !flaws.has('forgets-state')) fs.writeFileSync(stateFile, JSON.stringify(Object.fromEntries(units)));
  };
  const status = (name: string, unit: FakeUnit): UnitStatus => ({
    name, active_state: ACTIVE[unit.sub], sub_state: unit.sub, result: 'success', main_pid: 0,
  });
  const emit = (name: string, unit: FakeUnit): void => {
    const s = status(name, unit);
    if (flaws.has('state-outside-enum') && unit.sub === 'running') (s as { active_state: unknown }).active_state = 42;
    for (const w of watchers) w.write(s);
  };
  const named = (name: string): string => {
    if (!name) throw new SysmasterError(flaws.has('empty-name-not-found') ? 'ERR_UNIT_NOT_FOUND' : 'ERR_INVALID_ARGUMENT', 'the request names no unit');
    return name;
  };
  const get = (name: string): FakeUnit => {
    const unit = units.get(named(name));
    if (!unit) throw new SysmasterError('ERR_UNIT_NOT_FOUND', `${name} is not loaded`);
    return unit;
  };
  const move = (name: string, unit: FakeUnit, via: FakeUnit['sub'], to: FakeUnit['sub'], silent: boolean): void => {
    const finish = (): void => { unit.sub = to; save(); if (!silent) emit(name, unit); };
    if (unit.mode === 'instant') return finish();
    unit.sub = via;
    if (!silent) emit(name, unit);
    setTimeout(finish, 30);
  };
  const stopAll = (): void => { for (const [name, unit] of units) if (unit.sub !== 'dead') move(name, unit, 'stopping', 'dead', false); };
  return { flaws, units, watchers, save, status, emit, named, get, move, stopAll };
}

/** The handlers, each with its misbehaviour when switched on. */
function fakeHandlers(state: ReturnType<typeof fakeState>): Partial<Handlers<'UnitWorker'>> {
  const { flaws, units, watchers, save, status, named, get, move, stopAll } = state;
  const handlers: Partial<Handlers<'UnitWorker'>> = {
    Describe: async () => ({
      type: flaws.has('wrong-type') ? 'faker' : 'fake', sections: ['Fake'], version: flaws.has('no-version') ? '' : '1.0',
      pid: flaws.has('wrong-pid') ? process.pid + 100_000 : process.pid,
      capabilities: { can_reload: false, can_kill: true, can_reexec: false, once_only: false, has_processes: false, has_logs: false },
    }),
    Load: async (request) => {
      const { mode, errors, warnings } = parseFake({ ...request, name: named(request.name) }, flaws);
      const unit = units.get(request.name);
      if (unit) unit.mode = mode;
      else units.set(request.name, { mode, sub: 'dead' });
      save();
      return { errors, warnings };
    },
    Unload: async (request) => {
      if (get(request.name).sub !== 'dead') throw new SysmasterError('ERR_WRONG_STATE', 'stop it first');
      units.delete(request.name);
      save();
      return {};
    },
    Start: async (request) => {
      if (flaws.has('unknown-unit-ok') && request.name && !units.has(request.name)) return {};
      const unit = get(request.name);
      if (unit.sub === 'dead') move(request.name, unit, 'starting', 'running', flaws.has('silent-start'));
      return {};
    },
    Stop: async (request) => {
      const unit = get(request.name);
      if (unit.sub === 'dead' && flaws.has('stop-inactive-fails')) throw new SysmasterError('ERR_WRONG_STATE', 'already stopped');
      if (unit.sub !== 'dead') move(request.name, unit, 'stopping', 'dead', flaws.has('silent-stop'));
      return {};
    },
    ResetFailed: async (request) => { get(request.name); return {}; },
    Status: async (request) => {
      const unit = get(request.name);
      return status(request.name, flaws.has('status-wrong') ? { ...unit, sub: 'dead' } : unit);
    },
    List: async () => ({ units: [...units].map(([name, unit]) => status(name, flaws.has('list-stale') ? { ...unit, sub: 'dead' } : unit)) }),
    Kill: async (request) => {
      if (flaws.has('kill-unimplemented')) throw new SysmasterError('ERR_UNIMPLEMENTED', 'no kill here');
      if (get(request.name).sub === 'dead') throw new SysmasterError('ERR_WRONG_STATE', 'nothing runs');
      return {};
    },
    Watch: (call) => {
      const stream = call as grpc.ServerWritableStream<unknown, UnitStatus>;
      const drop = (): void => {
        if (watchers.delete(stream) && flaws.has('stops-on-disconnect')) stopAll();
      };
      call.on('cancelled', drop);
      call.on('close', drop);
      if (!flaws.has('no-snapshot')) for (const [name, unit] of units) call.write(status(name, unit));
      watchers.add(stream);
    },
  };
  if (flaws.has('reload-succeeds')) handlers.Reload = async () => ({});
  return handlers;
}

/** Serves a fake worker on `options.socketPath` in this process. */
export async function startFakeWorker(options: FakeOptions): Promise<FakeWorker> {
  const state = fakeState(options);
  const server = new grpc.Server();
  implement(server, 'UnitWorker', fakeHandlers(state));
  if (!state.flaws.has('dies-on-garbage')) {
    await serveOnPath(server, options.socketPath);
    return { close: () => new Promise((resolve) => server.tryShutdown(() => resolve())) };
  }
  const listener = await serveBehindRelay(server, options.socketPath);
  return { close: async () => { listener.close(); server.forceShutdown(); } };
}

/**
 * Serves grpc-js on an inner socket behind a relay on `socketPath` that "crashes" (stops serving)
 * on a connection that does not open with the HTTP/2 preface.
 */
async function serveBehindRelay(server: grpc.Server, socketPath: string): Promise<net.Server> {
  const inner = `${socketPath}.inner`;
  await serveOnPath(server, inner);
  fs.rmSync(socketPath, { force: true });
  const listener = net.createServer((socket) => {
    socket.on('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      if (!first.toString('latin1').startsWith('PRI * HTTP/2.0')) {
        socket.destroy();
        listener.close();
        server.forceShutdown();
        return;
      }
      const upstream = net.connect(inner);
      upstream.on('error', () => socket.destroy());
      upstream.write(first);
      socket.pipe(upstream);
      upstream.pipe(socket);
    });
  });
  await new Promise<void>((resolve) => listener.listen(socketPath, resolve));
  return listener;
}
