// Translation from the engine's views (manager-core.ts) to the messages of manager.proto.
import type { Job, UnitInfo, UnitSummary } from '@sysmaster/proto';
import type { JobView, UnitView } from '../manager-core';

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

/** A shell glob (*, ?, [...]) as an anchored regular expression, like fnmatch(3) without flags. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) out += '\\[';
      else {
        let set = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        out += `[${set}]`;
        i = end;
      }
    } else out += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
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
