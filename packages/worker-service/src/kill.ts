// Whom a signal step signals and what it waits for (systemd.kill(5)).
//
// Each signal state performs one kill operation: stop-sigterm/final-sigterm "terminate"
// (KillSignal=, or RestartKillSignal= when the unit is going to restart), stop-watchdog/
// final-watchdog "watchdog" (WatchdogSignal=), stop-sigkill/final-sigkill "kill"
// (FinalKillSignal=). KillMode= says who receives it: control-group the main and control
// processes and every process of the cgroup; mixed the main and control processes, and the
// whole cgroup only for "kill"; process only the main and control processes; none nobody.
// SendSIGHUP= follows a terminate with SIGHUP to the same processes (for shells and terminals).
// A "kill" of the whole cgroup with SIGKILL uses cgroup.kill where the kernel has it: one write,
// no walk over the processes and no race with forks. A step then waits for what it signalled to
// be gone: for the cgroup, until cgroup.events says "populated 0" (or cgroup.procs is empty).
// UnitKill is the kill part of a unit: the signal steps and the Kill request over its processes.
import { SysmasterError, type KillWhom } from '@sysmaster/proto';
import type { KillMode, ServiceConfig } from './config';
import type { ServiceOs } from './os';
import type { SignalState } from './states';

type KillOperation = 'terminate' | 'watchdog' | 'kill';

const SIGKILL = 9;
const SIGHUP = 1;

function killOperationOf(state: SignalState): KillOperation {
  if (state === 'stop-watchdog' || state === 'final-watchdog') return 'watchdog';
  if (state === 'stop-sigkill' || state === 'final-sigkill') return 'kill';
  return 'terminate';
}

function signalOf(config: ServiceConfig, operation: KillOperation, restarting: boolean): number {
  if (operation === 'watchdog') return config.watchdogSignal;
  if (operation === 'kill') return config.finalKillSignal;
  return restarting ? config.restartKillSignal : config.killSignal;
}

/** What an operation reaches under a KillMode: 'none', the two known pids, or the whole cgroup. */
function reachOf(mode: KillMode, operation: KillOperation): 'none' | 'pids' | 'cgroup' {
  switch (mode) {
    case 'control-group': return 'cgroup';
    case 'mixed': return operation === 'kill' ? 'cgroup' : 'pids';
    case 'process': return 'pids';
    case 'none': return 'none';
  }
}

export interface UnitProcesses { mainPid: number; controlPid: number; cgroupDir: string | null }

/**
 * Sends `signal` to main, control and (reach 'cgroup') every process of the cgroup; returns how
 * many processes were signalled. SIGKILL of a whole cgroup goes through cgroup.kill.
 */
function signalProcesses(os: ServiceOs, p: UnitProcesses, reach: 'pids' | 'cgroup', signal: number): number {
  let n = 0;
  const pids = new Set<number>([p.mainPid, p.controlPid]);
  if (reach === 'cgroup' && p.cgroupDir !== null) {
    const members = os.cgroupProcs(p.cgroupDir);
    // cgroup.kill: one write; main and control are still signalled below (they may have left).
    if (members.length > 0 && signal === SIGKILL && os.cgroupKill(p.cgroupDir)) n++;
    else for (const pid of members) pids.add(pid);
  }
  pids.delete(0);
  for (const pid of pids) if (os.kill(pid, signal)) n++;
  return n;
}

/** Performs a signal step; `restarting` selects RestartKillSignal=. */
function performKill(os: ServiceOs, config: ServiceConfig, p: UnitProcesses, operation: KillOperation, restarting: boolean): void {
  const reach = reachOf(config.killMode, operation);
  if (reach === 'none') return;
  signalProcesses(os, p, reach, signalOf(config, operation, restarting));
  if (operation === 'terminate' && config.sendSighup) signalProcesses(os, p, reach, SIGHUP);
}

/** True when nothing a step of `operation` waits for is left. */
function drainedFor(os: ServiceOs, config: ServiceConfig, p: UnitProcesses, operation: KillOperation): boolean {
  const reach = reachOf(config.killMode, operation);
  if (reach === 'none') return true;
  if (p.mainPid || p.controlPid) return false;
  return reach === 'pids' || p.cgroupDir === null || os.cgroupProcs(p.cgroupDir).length === 0;
}

/** The kill part of one unit: what its signal steps send, whether they are done, and Kill requests. */
export class UnitKill {
  constructor(
    private readonly os: ServiceOs,
    private readonly name: string,
    private readonly config: () => ServiceConfig,
    private readonly processes: () => UnitProcesses,
  ) {}

  /** Signals what signal state `state` signals; `restarting` selects RestartKillSignal=. */
  signal(state: SignalState, restarting: boolean): void {
    performKill(this.os, this.config(), this.processes(), killOperationOf(state), restarting);
  }

  /** True when nothing signal state `state` waits for is left. */
  drained(state: SignalState): boolean {
    return drainedFor(this.os, this.config(), this.processes(), killOperationOf(state));
  }

  /** Kill (sctl kill): `signal` to the main or control process, or to every process of the unit. */
  request(signal: number, whom: KillWhom): void {
    const p = this.processes();
    if (whom === 'main' || whom === 'control') {
      const pid = whom === 'main' ? p.mainPid : p.controlPid;
      if (!pid) throw new SysmasterError('ERR_WRONG_STATE', `${this.name} has no ${whom} process`);
      this.os.kill(pid, signal);
      return;
    }
    if (signalProcesses(this.os, p, 'cgroup', signal) === 0) {
      throw new SysmasterError('ERR_WRONG_STATE', `${this.name} has no processes to signal`);
    }
  }
}
