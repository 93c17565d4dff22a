// A TimerEnvironment with a hand-moved clock, for the timer tests: advance() moves both clocks
// and runs the wake-ups that fall due in order; stepWallClock() moves only the realtime clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadRequest__Output, UnitStatus, UnitStatus__Output } from '@sysmaster/proto';
import { createLogger, createRecordingHost, type RecordingHost, type WorkerHost } from '@sysmaster/worker-kit';
import type { TimerEnvironment } from '../src/timer-env';
import { TimerUnits } from '../src/timer-units';

export const SECOND = 1_000_000;

export interface FakeEnvironment extends TimerEnvironment {
  realtime: number;
  monotonic: number;
  zone: string;
  stamps: Map<string, number>;
  /** Moves both clocks forward by `usec`, firing due wake-ups at their instants. */
  advance(usec: number): void;
  stepWallClock(usec: number): void;
}

function fakeEnvironment(start: { realtime: number; monotonic: number }): FakeEnvironment {
  const wakes = new Set<{ at: number; fn: () => void }>();
  const env: FakeEnvironment = {
    realtime: start.realtime,
    monotonic: start.monotonic,
    zone: 'UTC',
    stamps: new Map(),
    now: () => ({ realtime: env.realtime, monotonic: env.monotonic }),
    startupMonotonic: () => 2 * SECOND,
    machineId: () => '3d1219c7aa0a4c6e9f7d3b2f5e8c1a90',
    localTimeZone: () => env.zone,
    wakeAfter: (ms, fn) => {
      const wake = { at: env.monotonic + Math.round(ms * 1000), fn };
      wakes.add(wake);
      return () => wakes.delete(wake);
    },
    random: () => 0.5,
    readStamp: (unit) => env.stamps.get(unit) ?? 0,
    writeStamp: (unit, usec) => { env.stamps.set(unit, usec); },
    advance(usec) {
      const end = env.monotonic + usec;
      for (;;) {
        const due = [...wakes].filter((w) => w.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        wakes.delete(due);
        env.realtime += due.at - env.monotonic;
        env.monotonic = due.at;
        due.fn();
      }
      env.realtime += end - env.monotonic;
      env.monotonic = end;
    },
    stepWallClock(usec) { env.realtime += usec; },
  };
  return env;
}

const quiet = createLogger('test', { silent: true });
const tempDirs: string[] = [];
process.on('exit', () => { for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true }); });

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timer-'));
  tempDirs.push(dir);
  return dir;
}

export interface TimerSetup { units: TimerUnits; env: FakeEnvironment; core: RecordingHost; events: UnitStatus[]; stateDir: string }

/** A TimerUnits over a fake clock at 2026-12-02 00:00:00 UTC, 100 s after boot. */
export function setup(options: { stateDir?: string; env?: FakeEnvironment } = {}): TimerSetup {
  const env = options.env ?? fakeEnvironment({ realtime: Date.UTC(2026, 11, 2) * 1000, monotonic: 100 * SECOND });
  const core = createRecordingHost();
  const events: UnitStatus[] = [];
  const host: WorkerHost = { log: quiet, emit: (s) => events.push(s), core };
  const stateDir = options.stateDir ?? tempDir();
  return { units: new TimerUnits({ host, env, stateDir }), env, core, events, stateDir };
}

/** A Load request for `name` with these [Timer] lines (line numbers from 2, the header on 1). */
export function timerRequest(name: string, lines: string[], file = `/etc/sysmaster/system/${name}`): LoadRequest__Output {
  const entries = lines.map((line, i) => {
    const at = line.indexOf('=');
    return { key: line.slice(0, at), value: line.slice(at + 1), file, line: i + 2 };
  });
  return {
    name, fragment_path: file, dropin_paths: [], sections: [{ name: 'Timer', entries, file, line: 1 }], specifiers: {}, unit_settings: {},
  };
}

/** The status a service worker would report for `name` at `at`; `left` is when it last left inactive. */
export function serviceStatus(name: string, state: 'activating' | 'active' | 'inactive' | 'failed', at: { realtime: number; monotonic: number },
  left: { realtime: number; monotonic: number } = at): UnitStatus__Output {
  const up = state === 'activating' || state === 'active';
  return {
    name, active_state: state, sub_state: up ? 'start' : 'dead', result: state === 'failed' ? 'exit-code' : 'success', main_pid: 0,
    control_pid: 0, exit_code: '', exit_status: 0, inactive_exit_usec: left.realtime, active_enter_usec: 0, active_exit_usec: 0,
    inactive_enter_usec: up ? 0 : at.realtime, state_change_usec: at.realtime, cgroup: '', status_text: '', restarts: 0, log_path: '',
    spontaneous: false, accounting: false, tasks_current: 0, memory_current: 0, cpu_usage_nsec: 0, notices: [], status_errno: 0,
    invocation_id: '', exec_main_pid: 0, active_enter_monotonic_usec: 0, inactive_exit_monotonic_usec: left.monotonic,
    runtime_properties: {}, type_condition: null,
  };
}
