// The transaction being built, shared by its steps (transaction.ts: steps 1 to 4,
// transaction-cycles.ts: step 5): the jobs by unit, what each pulled in, whether each matters to
// an anchor, and the warnings so far. Only data and the error that refuses a transaction live here.
import { SysmasterError, UP_STATES, inStates } from '@sysmaster/proto';
import type { JobMode } from '../manager-core';
import type { MergeableJobType, RequestJobType } from './merge';
import type { EngineJobType, JobGraph } from './types';

export interface InstalledJob {
  id: number;
  unit: string;
  type: EngineJobType;
  /** Installed by replace-irreversibly: no later transaction may replace it. */
  irreversible?: boolean;
}

export interface TransactionRequest {
  anchors: Array<{ unit: string; type: RequestJobType }>;
  mode: JobMode;
  installed: InstalledJob[];
  /** Units that Wants= must not pull in (stopped by the user since boot). */
  exclude?: ReadonlySet<string>;
}


export class TransactionError extends SysmasterError {}

/** Refuses the transaction (ERR_TRANSACTION). */
export function fail(message: string): never {
  throw new TransactionError('ERR_TRANSACTION', message);
}

/** One job a job asks for (step 1), before it is merged into the transaction (step 2). */
export interface Pull {
  unit: string;
  type: RequestJobType;
  /** Must succeed for the job that pulls it in. */
  required: boolean;
  /** Pulled by a conflict (a stop the resolution rules prefer to keep). */
  conflict: boolean;
  reason: string;
}

/** A job of the transaction being built. */
export interface DraftJob {
  unit: string;
  type: MergeableJobType;
  anchor: boolean;
  /**
   * Matters to an anchor: reachable from one through must-succeed pulls. Kept exact while the
   * walk goes on (a job that comes to matter passes it down its must-succeed pulls at once),
   * since step 2 decides by it which of two unmergeable jobs goes.
   */
  matters: boolean;
  conflict: boolean;
  /** Why it is in the transaction ("a.service has Conflicts=b.service"), for the messages. */
  reason: string;
  /** Jobs this one pulled in, and whether each must succeed for it. */
  edges: Array<{ unit: string; required: boolean }>;
}

/** The transaction being built: its jobs by unit, the warnings so far, and what the request allows. */
export interface Draft {
  graph: JobGraph;
  jobs: Map<string, DraftJob>;
  warnings: string[];
  /** False for ignore-dependencies and ignore-requirements: step 1 pulls in nothing. */
  pullDependencies: boolean;
  exclude?: ReadonlySet<string>;
}

/** An empty transaction for `request`. */
export function newDraft(graph: JobGraph, request: Pick<TransactionRequest, 'mode' | 'exclude'>): Draft {
  return {
    graph, jobs: new Map(), warnings: [],
    pullDependencies: request.mode !== 'ignore-dependencies' && request.mode !== 'ignore-requirements',
    ...(request.exclude ? { exclude: request.exclude } : {}),
  };
}


/** Whether the unit is in an up state (active, reloading, …). */
export function unitIsUp(graph: JobGraph, name: string): boolean {
  return inStates(graph.unit(name)?.activeState ?? 'inactive', UP_STATES);
}

/** What becomes of the installed jobs: the ones that absorb a new job, and the ones canceled. */
export interface Reconciled {
  /** unit → the installed job id that absorbs the transaction's job of the unit. */
  reuse: Map<string, number>;
  /** Installed job ids to cancel. */
  replace: number[];
}
