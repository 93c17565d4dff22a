// The two system-wide sequences, each moving the manager's phase (manager-phases.ts):
//
// Boot: the presets are applied once, at first boot (then the unit files are read again); then
// default.target is started once per boot. The store remembers the boot transaction across
// core crashes: one that a previous core completed is not run again (a new core after a crash
// starts nothing twice); one that was enqueued but not completed is enqueued again, leaving out
// what the user stopped since (noteRequest keeps that list). The boot is finished when no job
// is left.
//
// Shutdown, systemd's shape: start the kind's target (poweroff.target, reboot.target, … which
// require shutdown.target, so every unit with Conflicts=shutdown.target is stopped) as an
// isolate that no later request may replace, wait for every job, then hand over to init's final
// step. Without the target, every unit that runs or has a job is stopped directly (in one
// transaction, else one by one). A forced shutdown (the -force/-immediate emergency actions)
// skips the stopping, and may overtake a polite one in progress; the final step runs once.
// Exit (SuccessAction=exit, …) starts exit.target in mode replace-irreversibly instead of an
// isolate, as systemd starts it: what it pulls in and conflicts with decides what stops.
import { SPECIAL_DEFAULT_TARGET, shutdownGoalUnit } from '@sysmaster/unit-file';
import { RUNNING_STATES, inStates, startsUnit } from '@sysmaster/proto';
import { checkLoaded } from './admission';
import { presetAll as installPresetAll } from './install';
import type { JobEngine } from './job/engine';
import type { Logger } from './log';
import type { JobType, ShutdownKind, ShutdownLevel } from './manager-core';
import type { ManagerPhases } from './manager-phases';
import type { CoreStore } from './store';
import type { UnitTable } from './units/unit-table';

export interface SequencePort {
  table: UnitTable;
  engine: JobEngine;
  phases: ManagerPhases;
  store: CoreStore;
  log: Logger;
  searchPath: string[];
  /** The last step of shutdown: ask init (or exit when there is none). */
  finalStep: (kind: ShutdownKind) => Promise<void>;
  /** Applies the presets (default: the install module). */
  presetAll?: (searchPath: string[]) => Promise<string[]>;
  /** The system state, for the boot's last log line. */
  systemState(): string;
}

export class SystemSequences {
  private finalStepStarted = false;

  constructor(private readonly port: SequencePort) {}

  /** Applies the presets at first boot, then starts default.target once per boot. */
  async boot(): Promise<void> {
    const { store, log, table, engine } = this.port;
    await this.applyPresetsOnce();
    const stored = store.boot();
    if (stored.completed) {
      this.port.phases.transition('already-booted', 'the boot transaction completed before this core started; starting nothing');
      return;
    }
    if (!this.port.phases.transition('boot', `starting ${SPECIAL_DEFAULT_TARGET}`)) return;
    const exclude = stored.enqueued ? store.userStopped() : undefined;
    store.setBoot({ ...stored, enqueued: true });
    try {
      await table.loadClosure([SPECIAL_DEFAULT_TARGET]);
      const target = table.ensure(SPECIAL_DEFAULT_TARGET);
      checkLoaded(target, SPECIAL_DEFAULT_TARGET);
      log.info(`starting ${target.name} (${SPECIAL_DEFAULT_TARGET})`);
      engine.enqueue([{ unit: target.name, type: 'start' }], 'replace', exclude ? { exclude } : {});
    } catch (error) {
      log.error(`cannot start ${SPECIAL_DEFAULT_TARGET}: ${(error as Error).message}`);
    }
    this.jobFinished();
  }

  /** A job ended (or the boot transaction was enqueued): the boot is finished once none is left. */
  jobFinished(): void {
    if (this.port.engine.count() > 0 || !this.port.phases.can('boot-finished')) return;
    this.port.phases.transition('boot-finished', 'no job is left');
    this.port.store.setBoot({ ...this.port.store.boot(), enqueued: true, completed: true });
    this.port.log.info(`startup finished: system is ${this.port.systemState()}`);
  }

  /**
   * A request was enqueued: a unit the user stopped is left out if the boot transaction is
   * enqueued again (by a new core after a crash), until the user starts it again. The store is
   * written only when the list changes, so the common start of a unit nobody stopped costs no
   * synchronous write.
   */
  noteRequest(type: JobType, units: readonly string[]): void {
    if (type !== 'stop' && !startsUnit(type)) return;
    const { store } = this.port;
    const stopped = store.userStopped();
    const before = stopped.size;
    // One request only adds (a stop) or only removes (a start): the size tells whether it changed.
    for (const unit of units) {
      if (type === 'stop') stopped.add(unit);
      else stopped.delete(unit);
    }
    if (stopped.size !== before) store.setUserStopped(stopped);
  }

  /** Begins shutdown: stops every unit (unless `level` says otherwise), then the final step. */
  shutdown(kind: ShutdownKind, level: ShutdownLevel): void {
    const { phases, log } = this.port;
    // A forced shutdown overtakes a polite one in progress (JobTimeoutAction=poweroff-force of
    // poweroff.target); the final step runs once.
    if (phases.current === 'stopping' && level === 'polite') return;
    phases.transition('shutdown', `${kind}${level === 'polite' ? '' : ` (${level})`}`);
    log.info(`shutting down (${kind}${level === 'polite' ? '' : `, ${level}`})`);
    const stop = level === 'polite' ? this.stopEverything(kind) : Promise.resolve();
    void stop
      .catch((error: unknown) => log.error(`stopping units for ${kind} failed: ${(error as Error).message}`))
      .then(() => {
        if (this.finalStepStarted) return;
        this.finalStepStarted = true;
        return this.port.finalStep(kind);
      })
      .catch((error: unknown) => log.error(`the final step of ${kind} failed: ${(error as Error).message}`));
  }

  private async applyPresetsOnce(): Promise<void> {
    const { store, log, searchPath } = this.port;
    if (store.presetsApplied()) return;
    try {
      const lines = await (this.port.presetAll ?? installPresetAll)(searchPath);
      for (const line of lines) log.info(`preset: ${line}`);
      store.setPresetsApplied();
      await this.port.table.reloadAll(searchPath);
    } catch (error) {
      log.error(`applying the presets failed: ${(error as Error).message}`);
    }
  }

  /**
   * Isolates KIND.target irreversibly (exit.target: starts it replace-irreversibly) and waits for
   * every job; without the target, stops every unit directly.
   */
  private async stopEverything(kind: ShutdownKind): Promise<void> {
    const { table, engine, log } = this.port;
    const targetName = shutdownGoalUnit(kind);
    try {
      await table.loadClosure([targetName]);
      const target = table.ensure(targetName);
      checkLoaded(target, targetName);
      engine.enqueue([{ unit: target.name, type: 'start' }], kind === 'exit' ? 'replace' : 'isolate', { irreversible: true });
      await engine.idle();
      return;
    } catch (error) {
      log.warn(`cannot isolate ${targetName} (${(error as Error).message}); stopping every unit directly`);
    }
    // Every unit that is up, on its way up, or has a job (a queued start is replaced by the stop).
    const active = table.all().filter((r) => inStates(r.status.active_state, RUNNING_STATES) || engine.jobOf(r.name) !== null);
    if (active.length === 0) return;
    try {
      engine.enqueue(active.map((r) => ({ unit: r.name, type: 'stop' as const })), 'replace');
    } catch (error) {
      log.warn(`one stop transaction for every unit failed (${(error as Error).message}); stopping them one by one`);
      for (const r of active) {
        try {
          engine.enqueue([{ unit: r.name, type: 'stop' }], 'replace');
        } catch (inner) {
          log.error(`cannot stop ${r.name}: ${(inner as Error).message}`);
        }
      }
    }
    await engine.idle();
  }
}
