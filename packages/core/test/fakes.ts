// Test doubles for the job engine's seams: a graph built from a table of unit specs (specGraph,
// which the transaction tests plan over on its own) and a driver that answers Start/Stop the way a
// worker does (activating → active, or → failed), one event loop turn later, so ordering and
// parallelism are visible in the order of calls.
import type { ActiveState, UnitStatus__Output } from '@sysmaster/proto';
import { JobEngine, type JobEngineOptions } from '../src/job/engine';
import type { JobGraph, UnitDriver } from '../src/job/types';
import { DependencyIndex } from '../src/units/dependency-index';
import { inactiveStatus } from '../src/units/unit-table';
import { silentLogger, type Logger } from '../src/log';

/** One unit of a test graph. */
export interface GraphSpec {
  /** Default 'loaded'; any other state gets the sentence "Unit NAME is STATE.". */
  loadState?: string;
  ignoreOnIsolate?: boolean;
  /** Its dependencies by kind (Requires, After, …), mirrored by the DependencyIndex as in the core. */
  deps?: Partial<Record<string, string[]>>;
}

/** A JobGraph over `specs`; each unit's active state is asked of `activeState` whenever it is read. */
export function specGraph(specs: Record<string, GraphSpec>, activeState: (name: string) => string): JobGraph {
  const index = new DependencyIndex();
  for (const [name, spec] of Object.entries(specs)) {
    for (const [kind, others] of Object.entries(spec.deps ?? {})) for (const o of others ?? []) index.add(name, kind, o);
  }
  const graph: JobGraph = {
    unit: (name) => {
      const spec = specs[name];
      if (!spec) return undefined;
      const loadState = spec.loadState ?? 'loaded';
      return {
        name, loadState, loadMessage: loadState === 'loaded' ? '' : `Unit ${name} is ${loadState}.`,
        activeState: activeState(name), ignoreOnIsolate: spec.ignoreOnIsolate ?? false,
      };
    },
    deps: (name, kind) => index.get(name, kind),
    units: () => Object.keys(specs).map((n) => graph.unit(n)!),
  };
  return graph;
}

export interface FakeUnitSpec extends GraphSpec {
  active?: boolean;
  /** Start ends in 'failed'. */
  fails?: boolean;
  /** Start ends 'inactive' with this result (a oneshot that finished, or one ExecCondition= skipped). */
  endsInactive?: string;
  deps?: Partial<Record<'Requires' | 'Wants' | 'After' | 'Before' | 'Conflicts' | 'BindsTo' | 'Requisite' | 'PartOf' | 'Upholds', string[]>>;
}

export interface FakeWorldOptions {
  /** Workers answer on the next turn (setImmediate) instead of after 2 ms: for many quick runs. */
  immediate?: boolean;
  /** The engine's logger (default: silent). */
  log?: Logger;
  /** Where the engine writes its journal (job/journal.ts). */
  journal?: JobEngineOptions['journal'];
  /** The first job id handed out (default 1). */
  firstId?: number;
}

export interface FakeWorld {
  engine: JobEngine;
  graph: JobGraph;
  states: Map<string, string>;
  /** "start a.service", "stop b.service", in call order. */
  calls: string[];
  /** Units with a Start call in flight, sampled at each call (for parallelism). */
  maxConcurrentStarts: number;
  settle(): Promise<void>;
}

export function fakeWorld(specs: Record<string, FakeUnitSpec>, options: FakeWorldOptions = {}): FakeWorld {
  const later = (fn: () => void): void => {
    if (options.immediate) setImmediate(fn);
    else setTimeout(fn, 2);
  };
  const states = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) states.set(name, spec.active ? 'active' : 'inactive');
  const graph = specGraph(specs, (name) => states.get(name) ?? 'inactive');
  const calls: string[] = [];
  let inFlight = 0;
  const world: FakeWorld = {
    engine: undefined as unknown as JobEngine, graph, states, calls, maxConcurrentStarts: 0,
    settle: () => new Promise((resolve) => setTimeout(resolve, 30)),
  };
  const emit = (name: string, active: ActiveState, result = 'success'): void => {
    states.set(name, active);
    const status: UnitStatus__Output = { ...inactiveStatus(name), active_state: active, result };
    world.engine.onStatus(status);
  };
  const driver: UnitDriver = {
    start: async (name) => {
      calls.push(`start ${name}`);
      inFlight++;
      world.maxConcurrentStarts = Math.max(world.maxConcurrentStarts, inFlight);
      emit(name, 'activating');
      later(() => {
        inFlight--;
        const spec = specs[name];
        if (spec?.endsInactive !== undefined) emit(name, 'inactive', spec.endsInactive);
        else emit(name, spec?.fails ? 'failed' : 'active', spec?.fails ? 'exit-code' : 'success');
      });
    },
    stop: async (name, options) => {
      calls.push(options?.restart ? `stop ${name} (restart)` : `stop ${name}`);
      emit(name, 'deactivating');
      later(() => emit(name, 'inactive'));
    },
    reload: async (name) => {
      calls.push(`reload ${name}`);
      throw new Error(`reload of ${name} is not supported`);
    },
  };
  let id = options.firstId ?? 1;
  world.engine = new JobEngine({
    graph, driver, log: options.log ?? silentLogger(), nextId: () => id++, ...(options.journal ? { journal: options.journal } : {}),
  });
  return world;
}
