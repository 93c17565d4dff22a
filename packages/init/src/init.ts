// start(): PID 1 of sysmaster-ts, wired together. Each piece lives in its own module and is
// tested there; this file only connects them to the real system:
//
//   system-setup  mounts, init.scope, which kind of init this is
//   config        init.conf
//   supervisor    the core's state machine (keepalive, kill, restart)
//   core-launch   the core's exec context; the state handed across Init.Reexec
//   final-step    SIGTERM → wait → SIGKILL → sync → unmount → reboot(2) or exit
//
// init holds no unit logic. Every callback here is wrapped: PID 1 must never die of an error.
import fs from 'node:fs';
import path from 'node:path';
import { Admission, CONTRACT_VERSION, IMAGE_STARTED_USEC, configDir, connect, createServer, implement, logDir, runtimeDir, runtimePaths, serveOnPath, SysmasterError } from '@sysmaster/proto';
import type { Client, Handlers } from '@sysmaster/proto';
import { loadConfig } from './config';
import type { InitConfig } from './config';
import { decodeState, encodeState, coreSpawnContext, STATE_VARIABLE } from './core-launch';
import type { InitState } from './core-launch';
import { processesToStop, readRebootArgument, runFinalStep, unmountAll } from './final-step';
import { log, useConsoleIfNoStderr } from './log';
import { Supervisor } from './supervisor';
import { realClock, realSys, sendSignal } from './sys-seam';
import type { FinalKind, InitSys } from './sys-seam';
import { detectRole, enterInitScope, mountApiFilesystems } from './system-setup';
import type { InitRole } from './system-setup';

/** How long init waits for the core to accept Manager.PowerOff before doing the final step itself. */
export const POWEROFF_CALL_TIMEOUT_MS = 5_000;
/** After the core accepted PowerOff, how long init waits for its Init.Shutdown. */
export const CORE_SHUTDOWN_FALLBACK_MS = 120_000;
const SHUTDOWN_KINDS: readonly FinalKind[] = ['poweroff', 'reboot', 'halt', 'kexec', 'exit'];

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

class Init {
  private readonly paths = runtimePaths();
  private readonly supervisor: Supervisor;
  private orphans = 0;
  /** How many times init re-executed itself since boot (carried across each re-exec). */
  private reexecs = 0;
  private bootUsec = Date.now() * 1000;
  private sctlFds: number[] = [];
  private keepalive: { pid: number; client: Client<'Manager'> } | undefined;
  private shuttingDown = false;
  private finalStarted = false;
  private powerOffAsked = false;
  private readonly server = createServer('Init');

  constructor(private readonly sys: InitSys, private readonly role: InitRole, private readonly config: InitConfig) {
    this.supervisor = new Supervisor(config, {
      spawnCore: (generation) => this.spawnCore(generation),
      kill: (pid, signal) => { sendSignal(pid, signal); },
      ping: (timeoutMs) => this.ping(timeoutMs),
      rescue: (reason, streak) => this.rescue(reason, streak),
      clock: realClock,
      log,
    });
  }

  run(adopted: InitState | null): void {
    this.sys.onChildExit((info) => {
      try {
        if (!this.supervisor.handleExit(info)) this.orphans += 1;
      } catch (error) {
        log.error('exit handler failed', { pid: info.pid, error: message(error) });
      }
    });
    // A child that ended before the listener existed (across re-exec) is still a zombie: a
    // SIGCHLD to ourselves makes the reaper look again.
    sendSignal(process.pid, 'SIGCHLD');
    if (adopted) {
      this.orphans = adopted.orphans;
      this.bootUsec = adopted.bootUsec;
      this.sctlFds = [adopted.privateFd, adopted.publicFd];
      this.reexecs = adopted.reexecs ?? 0;
      for (const fd of this.sctlFds) this.trySys(() => this.sys.setCloexec(fd, true), 'setCloexec');
    } else {
      this.openSctlSockets();
    }
    this.supervisor.start(adopted ? { corePid: adopted.corePid, coreStarts: adopted.coreStarts, lastReplacement: adopted.lastCoreReplacement ?? '' } : undefined);
    this.serveInit().catch((error: unknown) => log.error('cannot serve the Init service', { socket: this.paths.initSocket, error: message(error) }));
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => this.onTerminate(signal));
    }
    process.on('SIGHUP', () => log.info('SIGHUP ignored'));
  }

  private trySys(fn: () => void, what: string): boolean {
    try {
      fn();
      return true;
    } catch (error) {
      log.error(`${what} failed`, { error: message(error) });
      return false;
    }
  }

  /** The sctl sockets, created once for every core incarnation (a client waits in the backlog). */
  private openSctlSockets(): void {
    try {
      fs.mkdirSync(runtimeDir(), { recursive: true, mode: 0o755 });
      fs.rmSync(this.paths.privateSocket, { force: true });
      fs.rmSync(this.paths.readOnlySocket, { force: true });
      const privateFd = this.sys.listen({ family: 'unix', type: 'stream', address: this.paths.privateSocket, backlog: 4096, mode: 0o600 });
      const publicFd = this.sys.listen({ family: 'unix', type: 'stream', address: this.paths.readOnlySocket, backlog: 4096, mode: 0o666 });
      this.sctlFds = [privateFd, publicFd];
    } catch (error) {
      log.error('cannot create the sctl sockets; the core starts without them', { dir: runtimeDir(), error: message(error) });
    }
  }

  /**
   * The core cannot come back on its own: the reason goes to the console (init's stderr) and the
   * log, and as the system's PID 1 a shell is opened on /dev/console (setsid, no controlling
   * terminal: job control is off) while init goes on trying to start the core.
   */
  private rescue(reason: string, streak: number): void {
    log.error(`the core failed ${streak} times in a row (last: ${reason}); init keeps starting it — see ${logDir()}/sysmaster.log`);
    if (this.role !== 'system' || !fs.existsSync('/bin/sh')) return;
    try {
      const pid = this.sys.spawn({
        path: '/bin/sh', argv: ['/bin/sh', '-i'], env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'TERM=linux', 'HOME=/root'],
        setsid: true, stdin: { kind: 'file', path: '/dev/console', mode: 'read' },
        stdout: { kind: 'file', path: '/dev/console', mode: 'write' }, stderr: { kind: 'stdout' },
      });
      log.error(`rescue shell on /dev/console (pid ${pid})`);
    } catch (error) {
      log.error('cannot open a rescue shell on /dev/console', { error: message(error) });
    }
  }

  private spawnCore(generation: number): number {
    fs.mkdirSync(logDir(), { recursive: true });
    const ctx = coreSpawnContext(this.config.coreCommand, generation, this.sctlFds, logDir());
    return this.sys.spawn(ctx);
  }

  /** Manager.Keepalive on the current core, over a channel opened once per core incarnation. */
  private ping(timeoutMs: number): Promise<void> {
    const pid = this.supervisor.status().corePid;
    if (this.keepalive?.pid !== pid) {
      this.keepalive?.client.close();
      this.keepalive = { pid, client: connect('Manager', this.paths.privateSocket) };
    }
    return this.keepalive.client.Keepalive({}, { timeoutMs }).then(() => undefined);
  }

  private async serveInit(): Promise<void> {
    // Handlers<S> carries ServiceDefinition's string index signature, to which no real handler
    // is assignable; the three RPCs are typed through Pick and handed over as the partial map.
    const handlers: Pick<Handlers<'Init'>, 'Status' | 'Reexec' | 'CoreReexecuting' | 'Shutdown'> = {
      Status: async () => {
        const s = this.supervisor.status();
        return {
          pid: process.pid,
          core_pid: s.state === 'running' || s.state === 'killing' || s.state === 'stopped' ? s.corePid : 0,
          core_starts: s.coreStarts,
          orphans_reaped: this.orphans,
          boot_usec: this.bootUsec,
          state: this.shuttingDown ? 'shutting-down' : s.everAnswered ? 'running' : 'booting',
          in_namespace: this.role === 'sandbox',
          contract_version: CONTRACT_VERSION,
          image_started_usec: IMAGE_STARTED_USEC,
          reexecs: this.reexecs,
          last_core_replacement: s.lastReplacement,
        };
      },
      CoreReexecuting: async () => {
        this.supervisor.coreReexecuting();
        return {};
      },
      Reexec: async () => {
        if (this.shuttingDown) throw new SysmasterError('ERR_WRONG_STATE', 'init is shutting down; it does not re-execute now');
        setTimeout(() => this.reexec(), 50);
        return {};
      },
      Shutdown: async (request) => {
        const kind = request.kind as FinalKind;
        if (!SHUTDOWN_KINDS.includes(kind)) {
          throw new SysmasterError('ERR_INVALID_ARGUMENT', `unknown shutdown kind "${request.kind}"`, { hint: `one of ${SHUTDOWN_KINDS.join(', ')}` });
        }
        setImmediate(() => this.finalStep(kind));
        return {};
      },
    };
    implement(this.server, 'Init', handlers as unknown as Partial<Handlers<'Init'>>, {
      report: (method, error) => log.error(`Init.${method} failed`, { error: message(error) }),
      admission: new Admission(),
    });
    await serveOnPath(this.server, this.paths.initSocket);
    fs.chmodSync(this.paths.initSocket, 0o600);
    log.info('serving Init', { socket: this.paths.initSocket });
  }

  /** SIGTERM/SIGINT: ask the core for an orderly poweroff; a second signal, or silence, forces the final step. */
  private onTerminate(signal: string): void {
    if (this.finalStarted) return;
    if (this.powerOffAsked) {
      log.warn(`${signal} again: final step now`);
      this.finalStep('poweroff');
      return;
    }
    this.powerOffAsked = true;
    this.shuttingDown = true;
    log.info(`${signal}: asking the core to power off`);
    const client = connect('Manager', this.paths.privateSocket);
    client.PowerOff({}, { timeoutMs: POWEROFF_CALL_TIMEOUT_MS }).then(
      () => {
        client.close();
        setTimeout(() => {
          if (!this.finalStarted) log.error('the core accepted PowerOff but never asked for the final step');
          this.finalStep('poweroff');
        }, CORE_SHUTDOWN_FALLBACK_MS).unref();
      },
      (error: unknown) => {
        client.close();
        log.warn('the core did not accept PowerOff; final step now', { error: message(error) });
        this.finalStep('poweroff');
      },
    );
  }

  private finalStep(kind: FinalKind): void {
    if (this.finalStarted) return;
    this.finalStarted = true;
    this.shuttingDown = true;
    this.supervisor.stop();
    this.keepalive?.client.close();
    this.keepalive = undefined;
    runFinalStep(kind, this.config.shutdownTimeoutSec, {
      role: this.role,
      kill: (pid, signal) => { sendSignal(pid, signal); },
      remaining: () => processesToStop(this.role),
      sync: () => { this.trySys(() => this.sys.sync(), 'sync'); },
      unmountAll: () => unmountAll((target) => this.sys.umount(target, ['detach']), (target, error) => log.warn('cannot unmount', { target, error: message(error) })),
      reboot: (k, argument) => (argument === undefined ? this.sys.reboot(k) : this.sys.reboot(k, argument)),
      rebootArgument: () => readRebootArgument(this.paths.dir),
      exit: (code) => {
        this.server.forceShutdown();
        process.exitCode = code;
        // Let the last log lines reach stderr.
        setTimeout(() => process.exit(code), 20);
      },
      clock: realClock,
      log,
    }).catch((error: unknown) => log.error('final step failed', { error: message(error) }));
  }

  /** Init.Reexec: execve our own main.js keeping PID 1, the core and the sctl sockets. */
  private reexec(): void {
    const s = this.supervisor.status();
    const [privateFd = -1, publicFd = -1] = this.sctlFds;
    const state: InitState = {
      corePid: s.state === 'running' || s.state === 'killing' ? s.corePid : 0, privateFd, publicFd, coreStarts: s.coreStarts,
      orphans: this.orphans, bootUsec: this.bootUsec, reexecs: this.reexecs + 1, lastCoreReplacement: s.lastReplacement,
    };
    const env = Object.entries(process.env).filter(([k, v]) => k !== STATE_VARIABLE && v !== undefined).map(([k, v]) => `${k}=${v}`);
    env.push(`${STATE_VARIABLE}=${encodeState(state)}`);
    const main = path.join(__dirname, 'main.js');
    log.info('re-executing', { main, state });
    for (const fd of this.sctlFds) this.trySys(() => this.sys.setCloexec(fd, false), 'setCloexec');
    // stdio too: libuv may have marked it CLOEXEC, and the next image would find /dev/null there.
    for (const fd of [0, 1, 2]) {
      try { this.sys.setCloexec(fd, false); } catch { /* a closed stdio fd stays closed */ }
    }
    try {
      this.sys.execve(process.execPath, [process.execPath, ...process.execArgv, main], env);
    } catch (error) {
      log.error('re-exec failed; carrying on', { error: message(error) });
      for (const fd of this.sctlFds) this.trySys(() => this.sys.setCloexec(fd, true), 'setCloexec');
    }
  }
}

/** The entry point of the `init` executable. */
export function start(): void {
  process.title = 'init';
  process.on('uncaughtException', (error) => log.error('uncaught exception', { error: message(error), stack: error.stack }));
  process.on('unhandledRejection', (error) => log.error('unhandled rejection', { error: message(error) }));
  const sys = realSys();
  const inherited = decodeState(process.env[STATE_VARIABLE]);
  delete process.env[STATE_VARIABLE];
  if (inherited.error) log.error('ignoring the state of the previous image', { error: inherited.error });
  // Fds we inherited must not leak into the core and its descendants (the sctl fds are passed
  // explicitly through spawn's fds, which clears CLOEXEC in the child only).
  try { sys.markFdsCloexec(3); } catch (error) { log.error('markFdsCloexec failed', { error: message(error) }); }
  if (process.pid === 1) {
    mountApiFilesystems(sys, (spec, error) => log.error('cannot mount', { target: spec.target, fstype: spec.fstype, error: message(error) }));
    // A sandbox's /dev/console and network are the host's: only the system's PID 1 may take the
    // console and bring up loopback (nothing else does at boot; local daemons need 127.0.0.1).
    if (detectRole() === 'system') {
      useConsoleIfNoStderr();
      try {
        if (sys.loopbackUp()) log.info('loopback interface is up');
      } catch (error) {
        log.error('cannot bring up the loopback interface', { error: message(error) });
      }
    }
    try {
      const scope = enterInitScope();
      if (scope) log.info('moved into the init scope', { scope });
    } catch (error) {
      log.error('cannot move into init.scope', { error: message(error) });
    }
  } else {
    try { sys.setChildSubreaper(); } catch (error) { log.error('setChildSubreaper failed', { error: message(error) }); }
  }
  const role = detectRole();
  const file = path.join(configDir(), 'init.conf');
  const { config, problems } = loadConfig(file);
  for (const p of problems) log.warn(`init.conf: ${p.message}`, { file: p.file, key: p.key });
  log.info('init starting', { pid: process.pid, role, core: config.coreCommand, adopted: inherited.state !== null });
  new Init(sys, role, config).run(inherited.state);
}
