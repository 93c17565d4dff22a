// The Exec*= commands of a socket (systemd.socket(5)): ExecStartPre= before the sockets are
// opened, ExecStartPost= after, ExecStopPre= before they are closed, ExecStopPost= after. Each
// list runs one command after another as the socket's control process, in the socket's cgroup
// (socket-cgroup.ts), with the execution context of [Socket] (User=, Environment=, WorkingDirectory=, … through @sysmaster/exec), and
// the phase ends with the first failure (a command written with '-' never fails it) or once all
// succeeded.
//
// A command that runs longer than TimeoutSec= gets KillSignal=, and SIGKILL after TimeoutSec=
// more: the phase then ends with result timeout. A command that cannot be spawned ends it with
// result resources. The command's output goes to the socket's log (the default StandardOutput=
// of systemd, journal, is /var/log/sysmaster/UNIT.log here).
import crypto from 'node:crypto';
import path from 'node:path';
import { logDir } from '@sysmaster/proto';
import { prepareLaunch, spawnRequest, type ExecSettings, type Launch } from '@sysmaster/exec';
import type { ExecCommand } from '@sysmaster/unit-file';
import type { SocketContext } from './os';
import type { SocketCgroup } from './socket-cgroup';

export type ControlPhase = 'start-pre' | 'start-post' | 'stop-pre' | 'stop-post';

/** How a phase ended: systemd's socket results for a control process. */
export type ControlResult = 'success' | 'exit-code' | 'signal' | 'core-dump' | 'timeout' | 'resources';

/** The unit-file key of each phase, for messages. */
const PHASE_KEY: Readonly<Record<ControlPhase, string>> = {
  'start-pre': 'ExecStartPre', 'start-post': 'ExecStartPost', 'stop-pre': 'ExecStopPre', 'stop-post': 'ExecStopPost',
};

/** What running a phase needs from the socket's config. */
export interface ControlSettings {
  exec: ExecSettings;
  timeoutUsec: number;
  killSignal: number;
}

const SIGKILL = 9;

export class ControlRunner {
  private pid = 0;
  private cancel: Array<() => void> = [];
  private current: { phase: ControlPhase; done: (result: ControlResult) => void } | null = null;

  constructor(private readonly unit: string, private readonly ctx: SocketContext, private readonly cgroup: SocketCgroup) {}

  /** The pid of the command running now, 0 when none. */
  get controlPid(): number { return this.pid; }

  /** Runs `commands` of `phase`; `done` is called once, with success or the first failure. */
  run(phase: ControlPhase, commands: ExecCommand[], settings: ControlSettings, done: (result: ControlResult) => void): void {
    this.abort();
    this.current = { phase, done };
    let launch: Launch;
    try {
      launch = prepareLaunch(settings.exec, this.ctx.os.exec, { unit: this.unit, invocationId: crypto.randomBytes(16).toString('hex') });
    } catch (error) {
      this.finish(phase, 'resources', `cannot run ${PHASE_KEY[phase]}=: ${(error as Error).message}`);
      return;
    }
    this.next(phase, commands, 0, launch, settings);
  }

  /** Kills the running command (SIGKILL) and forgets the phase without calling its `done`. */
  abort(): void {
    if (this.pid > 0) this.ctx.os.kill(this.pid, SIGKILL);
    this.clear();
    this.current = null;
  }

  private clear(): void {
    for (const cancel of this.cancel) cancel();
    this.cancel = [];
    this.pid = 0;
  }

  private next(phase: ControlPhase, commands: ExecCommand[], index: number, launch: Launch, settings: ControlSettings): void {
    const command = commands[index];
    if (command === undefined) { this.finish(phase, 'success', null); return; }
    const key = PHASE_KEY[phase];
    let pid: number;
    try {
      const where = { mainPid: 0, cgroupDir: this.cgroup.dir(), logPath: path.join(logDir(), `${this.unit}.log`), control: true };
      const request = spawnRequest(launch, command, where);
      pid = this.ctx.os.spawnControl(request);
    } catch (error) {
      const message = `${key}=${command.raw}: cannot run: ${(error as Error).message}`;
      if (command.ignoreFailure) { this.ctx.log.warn(`${this.unit}: ${message}; ignored ('-')`, { unit: this.unit }); this.next(phase, commands, index + 1, launch, settings); return; }
      this.finish(phase, 'resources', message);
      return;
    }
    this.pid = pid;
    let timedOut = false;
    const timeoutMs = Math.ceil(settings.timeoutUsec / 1000);
    const kill = (signal: number, then?: () => void): void => {
      this.ctx.os.kill(pid, signal);
      if (then) this.cancel.push(this.ctx.os.setTimer(timeoutMs, then));
    };
    if (settings.timeoutUsec > 0) {
      this.cancel.push(this.ctx.os.setTimer(timeoutMs, () => {
        timedOut = true;
        this.ctx.log.warn(`${this.unit}: ${key}= (pid ${pid}) timed out after ${settings.timeoutUsec / 1e6}s; sending signal ${settings.killSignal}`, { unit: this.unit });
        kill(settings.killSignal, () => kill(SIGKILL));
      }));
    }
    this.cancel.push(this.ctx.os.watchExit(pid, (exit) => {
      this.clear();
      const result: ControlResult = timedOut ? 'timeout'
        : exit.code === 0 ? 'success' : exit.code !== null ? 'exit-code' : exit.core ? 'core-dump' : 'signal';
      const how = exit.code !== null ? `exited with status ${exit.code}` : `was killed by ${exit.signal ?? 'a signal'}`;
      if (result === 'success' || (command.ignoreFailure && !timedOut)) {
        if (result !== 'success') this.ctx.log.info(`${this.unit}: ${key}=${command.raw} ${how}; ignored ('-')`, { unit: this.unit });
        this.next(phase, commands, index + 1, launch, settings);
        return;
      }
      this.finish(phase, result, `${key}=${command.raw} ${timedOut ? 'timed out' : how}`);
    }));
  }

  private finish(phase: ControlPhase, result: ControlResult, message: string | null): void {
    const current = this.current;
    this.clear();
    this.current = null;
    if (message !== null) {
      this.ctx.log.error(`${this.unit}: ${message}`, { unit: this.unit });
      void this.ctx.host.core.reportEvent(this.unit, 'warning', message);
    }
    if (current?.phase === phase) current.done(result);
  }
}
