// Translation from the engine's views (manager-core.ts) to the messages of manager.proto.
import type { Job, UnitInfo, UnitSummary } from '@sysmaster/proto';
import type { ConditionOutcome, JobView, UnitView } from '../manager-core';

export { globToRegExp } from '../install';

type ConditionResultOut = NonNullable<UnitInfo['conditions']>;

function toConditionResult(outcome: ConditionOutcome | null): ConditionResultOut {
  if (outcome === null) return { checked: false, passed: false, timestamp_usec: 0, failures: [] };
  return { checked: true, passed: outcome.passed, timestamp_usec: outcome.timestampUsec, failures: outcome.failures };
}

export function toJob(job: JobView): Job {
  return { id: job.id, unit: job.unit, type: job.type, state: job.state, result: job.result, message: job.message };
}

/** The UnitInfo of a view, without processes and log lines (the caller adds those). */
export function toUnitInfo(view: UnitView): UnitInfo {
  const dependencies: NonNullable<UnitInfo['dependencies']> = {};
  for (const [key, names] of Object.entries(view.dependencies)) dependencies[key] = { names };
  return {
    name: view.name,
    description: view.description,
    load_state: view.loadState,
    load_errors: view.loadErrors,
    fragment_path: view.fragmentPath ?? '',
    dropin_paths: view.dropinPaths,
    unit_file_state: view.unitFileState,
    status: view.status,
    dependencies,
    properties: view.properties,
    documentation: view.documentation,
    ...(view.job ? { job: toJob(view.job) } : {}),
    conditions: toConditionResult(view.conditions),
    asserts: toConditionResult(view.asserts),
    need_daemon_reload: view.needDaemonReload,
  };
}

export function toUnitSummary(view: UnitView): UnitSummary {
  return {
    name: view.name,
    description: view.description,
    load_state: view.loadState,
    active_state: view.status.active_state,
    sub_state: view.status.sub_state,
    job_id: view.job?.id ?? 0,
    job_type: view.job?.type ?? '',
  };
}

/** Whether a unit belongs in `list-units` output for the request's filters (systemctl's rules). */
export function listed(view: UnitView, filter: { all: boolean; states: string[]; types: string[]; patterns: RegExp[] }): boolean {
  const { status } = view;
  if (filter.types.length > 0 && !filter.types.includes(view.type)) return false;
  if (filter.states.length > 0 && ![view.loadState, status.active_state, status.sub_state].some((s) => filter.states.includes(s))) return false;
  if (filter.patterns.length > 0 && !filter.patterns.some((p) => p.test(view.name))) return false;
  // Without --all, systemctl hides inactive units without a job (unless a --state asks for them).
  if (!filter.all && filter.states.length === 0 && status.active_state === 'inactive' && !view.job) return false;
  return true;
}
