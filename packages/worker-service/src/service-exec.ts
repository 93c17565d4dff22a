// The exec part of a service unit: running its commands with the execution context (./exec).
//
// Once per run prepare() makes the unit's cgroup, applies its resource settings (what cannot be
// applied becomes a notice) and resolves the execution context (users, environment, directories);
// a failure there fails the run the way systemd's child would, with its 2xx exit status. Then
// spawn() starts one command — the main process, or the control process of a phase — with the
// variables systemd gives each (NOTIFY_SOCKET by NotifyAccess=, MAINPID, LISTEN_FDS of the fd
// store, WATCHDOG_USEC, SERVICE_RESULT/EXIT_CODE/EXIT_STATUS while stopping). A phase
// (ExecCondition=, ExecStartPre=, …, ExecStopPost=) runs its commands one after another as the
// control process: runPhase() starts the first, controlExited() classifies how each ended and
// starts the next, and the unit hears phaseDone() once every command succeeded or one failed.
// A command whose line starts with '-' never fails its phase.
//
// Each spawn of a control command records in the runtime which one runs (r.controlCommand: the
// phase, the command's index and path), so the state file says where a phase stands. A worker
// that re-executed (UnitWorker.Reexec: the same process, the control process still its child)
// takes the phase up there with resumeControl(), spawning nothing: the exit the reaper reports
// goes through controlExited() as if no exec had happened. resumeLaunch() resolves the execution
// context again for the commands still to come, without touching anything on disk.
import type { ExecCommand } from '@sysmaster/unit-file';
import {
  applyCgroupSettings, cgroupSettingsWithoutHierarchy, finishRun, oomScoreNotices, prepareLaunch, spawnRequest, type ExecOs, type Launch,
} from '@sysmaster/exec';
import type { ServiceConfig } from './config';
import { passedFds } from './socket-fds';
import type { ExitStatus } from './os';
import { classifyCondition, classifyExit } from './restart-policy';
import type { ServiceResult } from './states';
import type { ControlCommand, ControlPhase, UnitScope } from './unit-state';

/** The unit-file key of each phase, for messages. */
const PHASE_KEY: Readonly<Record<ControlPhase, string>> = {
  condition: 'ExecCondition', 'start-pre': 'ExecStartPre', start: 'ExecStart', 'start-post': 'ExecStartPost',
  reload: 'ExecReload', stop: 'ExecStop', 'stop-post': 'ExecStopPost',
};

/** The commands of each phase; a forking start runs its one ExecStart= as the control process. */
const PHASE_COMMANDS: Readonly<Record<ControlPhase, (config: ServiceConfig, mainIndex: number) => ExecCommand[]>> = {
  condition: (c) => c.execCondition, 'start-pre': (c) => c.execStartPre, start: (c, i) => c.execStart.slice(i, i + 1),
  'start-post': (c) => c.execStartPost, reload: (c) => c.execReload, stop: (c) => c.execStop, 'stop-post': (c) => c.execStopPost,
};

/**
 * The exec seam with every write left out, for resolving again the context of a run whose
 * processes are running: prepareLaunch() would otherwise recreate and chmod/chown the
 * directories (harmless, but it would undo a mode the service set), remove and rewrite
 * $CREDENTIALS_DIRECTORY under a service that may be reading it, and rewrite the
 * StandardInputData= file. Reads (/etc/passwd, EnvironmentFile=, credential sources) still happen.
 */
function withoutWrites(os: ExecOs): ExecOs {
  return {
    readFile: (file) => os.readFile(file), isDirectory: (dir) => os.isDirectory(dir), cgroupRoot: () => os.cgroupRoot(),
    subdirectories: (dir) => os.subdirectories(dir), ownEnvironment: () => os.ownEnvironment(), directoryRoots: () => os.directoryRoots(),
    writeFile: () => undefined, makeDirectory: () => false, chown: () => undefined, chmod: () => undefined, removeTree: () => undefined,
  };
}

/**
 * systemd's exit status for a process that failed before or at exec, by the @sysmaster/sys spawn
 * step that failed (systemd.exec(5), "Process Exit Codes"); anything else is 203/EXEC.
 */
const SPAWN_STEP_STATUS: Readonly<Record<string, number>> = {
  chdir: 200, nice: 201, fds: 202, close: 202, oom: 206, rlimit: 205, stdin: 208, stdout: 209, stderr: 209, ioprio: 211, cpuaffinity: 215,
  setsid: 220, setgroups: 216, setgid: 216, setuid: 217, cgroup: 219, signals: 213, execve: 203,
};
const EXIT_EXEC = 203;

/** systemd's exit statuses for the setup steps it performs in the child (systemd.exec(5)). */
const CHILD_STEP_STATUS: Array<[string, number]> = [
  ['WorkingDirectory=', 200], ['RootDirectory=', 200], ['User=', 217], ['Group=', 216], ['SupplementaryGroups=', 216],
  ['RuntimeDirectory=', 233], ['StateDirectory=', 238], ['CacheDirectory=', 239], ['LogsDirectory=', 240],
  ['ConfigurationDirectory=', 241], ['StandardInput', 208], ['StandardOutput', 209], ['StandardError', 209],
  ['LoadCredential=', 243], ['SetCredential=', 243],
];

/** How preparing a run went: the run-time notices, or why it cannot start. */
type Prepared =
  | { ok: true; notices: string[] }
  /** `exitStatus`: the 2xx status systemd's child would have exited with, null for other failures. */
  | { ok: false; notices: string[]; message: string; exitStatus: number | null };

export class ServiceExec {
  /** The exit status the last failed spawn stands for (203/EXEC, 205/LIMITS, …). */
  spawnFailure = EXIT_EXEC;
  private launch: Launch | null = null;
  private control: { phase: ControlPhase; commands: ExecCommand[]; index: number } | null = null;

  constructor(
    private readonly unit: UnitScope,
    /** Every command of a phase succeeded, or one failed with `result`; `failure` says which and how ("" on success). */
    private readonly phaseDone: (phase: ControlPhase, result: ServiceResult, failure: string) => void,
  ) {}

  /** The phase whose command is running, null when none is. */
  get phase(): ControlPhase | null { return this.control?.phase ?? null; }

  /** Makes the cgroup (watched through `watch`), applies its settings and resolves the context of a run. */
  prepare(invocationId: string, watch: (cgroupDir: string) => void): Prepared {
    const { ctx, config } = this.unit;
    const notices: string[] = [];
    try {
      const dir = this.unit.cgroupDir();
      if (dir !== null) {
        if (!ctx.os.createCgroup(dir)) throw new Error(`cannot create cgroup ${dir}`);
        watch(dir);
        notices.push(...applyCgroupSettings(ctx.os, dir, config.exec));
      } else {
        notices.push(...cgroupSettingsWithoutHierarchy(config.exec));
      }
      this.launch = prepareLaunch(config.exec, ctx.os, { unit: this.unit.name, invocationId });
      notices.push(...oomScoreNotices(ctx.os, config.exec));
      return { ok: true, notices };
    } catch (error) {
      const message = (error as Error).message;
      ctx.log.error(`${this.unit.name}: cannot start: ${message}`);
      return { ok: false, notices, message, exitStatus: CHILD_STEP_STATUS.find(([prefix]) => message.startsWith(prefix))?.[1] ?? null };
    }
  }

  /**
   * After a re-exec: the execution context of the run in progress, resolved again for the
   * commands still to come — the same inputs (INVOCATION_ID from the runtime), nothing written
   * (withoutWrites), the cgroup already made and watched by recover. False when it cannot be
   * resolved any more (an account or EnvironmentFile= gone): the next command then fails to run.
   */
  resumeLaunch(): boolean {
    const { ctx, config, name } = this.unit;
    try {
      this.launch = prepareLaunch(config.exec, withoutWrites(ctx.os), { unit: name, invocationId: this.unit.state.runtime.invocationId });
      return true;
    } catch (error) {
      ctx.log.error(`${name}: cannot resolve the execution context again after the re-exec: ${(error as Error).message}`);
      return false;
    }
  }

  /**
   * After a re-exec: takes up the phase whose command `running` still runs as the control
   * process, spawning nothing; its exit (controlExited) goes on with the next command. The
   * command is found at its index, else by its path (a Load changed the list); one that vanished
   * from the unit file ends the phase with its exit, as systemd does.
   */
  resumeControl(running: ControlCommand): void {
    const { ctx, config, name } = this.unit;
    const commands = PHASE_COMMANDS[running.phase](config, this.unit.state.runtime.mainIndex);
    const index = commands[running.index]?.path === running.path ? running.index : commands.findIndex((c) => c.path === running.path);
    if (index < 0) ctx.log.warn(`${name}: ${PHASE_KEY[running.phase]}=${running.path} is no longer in the unit file; the phase ends with its exit`);
    this.control = index < 0 ? { phase: running.phase, commands: [], index: 0 } : { phase: running.phase, commands, index };
    ctx.log.info(`${name}: ${running.phase} goes on after the re-exec, control process ${this.unit.state.runtime.controlPid}: ${running.path}`);
  }

  /** Runs the commands of `phase` one after another as the control process. */
  runPhase(phase: ControlPhase, commands: ExecCommand[]): void {
    this.control = { phase, commands, index: 0 };
    this.runControl();
  }

  /** Forgets the phase in progress (its process is left to the signal steps). */
  endPhase(): void {
    this.setIdle();
  }

  /** Starts a command; its pid, or null when it could not run (spawnFailure says how). */
  spawn(command: ExecCommand, control: boolean): number | null {
    const { ctx, config, fdStore } = this.unit;
    const r = this.unit.state.runtime;
    const main = !control && config.type !== 'forking';
    const access = config.notifyAccess;
    const notify = ctx.notifySocket !== null && (access === 'all' || access === 'exec' || (access === 'main' && main));
    const stopping = this.control?.phase === 'stop' || this.control?.phase === 'stop-post';
    const watchdogUsec = r.watchdogUsec || config.watchdogSec;
    // A socket unit's listening fds (LISTEN_FDS) come first, then the fd store (socket-fds.ts).
    const sockets = main ? (ctx.os.socketFds?.(this.unit.name, config.sockets) ?? null) : null;
    try {
      if (this.launch === null) throw new Error('the execution context was not prepared');
      const request = spawnRequest(this.launch, command, {
        mainPid: control ? r.mainPid : 0, cgroupDir: this.unit.cgroupDir(), logPath: this.unit.logPath, control,
        ...(main ? passedFds(sockets, fdStore) : {}),
        ...(notify ? { notifySocket: ctx.notifySocket ?? '' } : {}),
        ...(main && watchdogUsec > 0 ? { watchdogUsec } : {}),
        ...(stopping ? { extraEnv: { SERVICE_RESULT: r.result, EXIT_CODE: r.exitCode, EXIT_STATUS: String(r.exitStatus) } } : {}),
      });
      this.unit.logIndex?.follow(); // bytes from here on were written after this start
      const pid = ctx.os.spawn(request);
      ctx.track(pid, this.unit.name);
      ctx.log.info(`${this.unit.name}: started ${control ? 'control' : 'main'} process ${pid}: ${command.path}`);
      return pid;
    } catch (error) {
      const message = (error as Error).message;
      ctx.log.error(`${this.unit.name}: cannot run ${command.path}: ${message}`);
      ctx.report(this.unit.name, 'warning', `Cannot run ${command.path}: ${message}.`);
      const step = (error as { step?: unknown }).step;
      this.spawnFailure = (typeof step === 'string' ? SPAWN_STEP_STATUS[step] : undefined) ?? EXIT_EXEC;
      return null;
    } finally {
      sockets?.release();
    }
  }

  /** The control process ended (or could not run): the phase goes on or ends. */
  controlExited(status: ExitStatus): void {
    const { ctx, config, name } = this.unit;
    const step = this.control;
    if (!step) return;
    const command = step.commands[step.index];
    let result = step.phase === 'condition' ? classifyCondition(status) : classifyExit(status, config.successExitStatus, false);
    if (command?.ignoreFailure) result = 'success';
    if (result !== 'success') {
      const how = status.code !== null ? `exit status ${status.code}` : `signal ${status.signal ?? 'unknown'}`;
      ctx.log.warn(`${name}: ${step.phase} command ${command?.path ?? '?'} failed (${how}), result ${result}`);
      // A failed start command fails the start, which the user sees; these the unit survives or
      // only reveal in its result, so they are reported.
      if (step.phase === 'reload' || step.phase === 'stop' || step.phase === 'stop-post') {
        ctx.report(name, 'warning', `${PHASE_KEY[step.phase]}= command ${command?.path ?? '?'} failed (${how}).`);
      }
      this.setIdle();
      this.phaseDone(step.phase, result, `${PHASE_KEY[step.phase]}=${command?.path ?? '?'} failed (${how})`);
      return;
    }
    step.index++;
    this.runControl();
  }

  /** Cleans up after a run (RuntimeDirectory= removal, kept when `restarting`). */
  finishRun(restarting: boolean): void {
    const { ctx, config, name } = this.unit;
    this.setIdle();
    try {
      finishRun(config.exec, ctx.os, { unit: name, restarting });
    } catch (error) {
      const message = (error as Error).message;
      ctx.log.warn(`${name}: cleaning up after the run: ${message}`);
      ctx.report(name, 'warning', `Cleaning up after the run failed: ${message}.`);
    }
  }

  /** Runs the current control command, or finishes the phase when there is none left. */
  private runControl(): void {
    const step = this.control;
    if (!step) return;
    const command = step.commands[step.index];
    if (!command) {
      this.setIdle();
      this.phaseDone(step.phase, 'success', '');
      return;
    }
    const pid = this.spawn(command, step.phase !== 'start');
    if (pid === null) { this.controlExited({ code: this.spawnFailure, signal: null, core: false }); return; }
    const r = this.unit.state.runtime;
    r.controlPid = pid;
    r.controlCommand = { phase: step.phase, index: step.index, path: command.path };
    this.unit.state.changed(); // the state file now says which command runs
  }

  /** No phase runs any more (the record follows at the next write of the state file). */
  private setIdle(): void {
    this.control = null;
    this.unit.state.runtime.controlCommand = null;
  }
}
