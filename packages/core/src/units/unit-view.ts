// A unit's record as the API shows it (UnitView): systemd's property names for `sctl show`,
// the dependencies by key for list-dependencies, the enablement state, the condition outcomes.
import { formatTimespan } from '@sysmaster/unit-file';
import type { ConditionOutcome, JobView, UnitView } from '../manager-core';
import type { UnitRecord } from './unit-table';

export interface ViewContext {
  dependencies: Record<string, string[]>;
  job: JobView | null;
  unitFileState: string;
  conditions: ConditionOutcome | null;
  asserts: ConditionOutcome | null;
  startLimit: { intervalUsec: number; burst: number };
  /** Whether a reload job can work (the type's capability and the worker's LoadResponse.can_reload). */
  canReload: boolean;
  /** The unit's files changed on disk since it was loaded (unit-definition.ts sourceChanged). */
  needDaemonReload: boolean;
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

export function unitView(r: UnitRecord, ctx: ViewContext): UnitView {
  const { def } = r;
  const s = def.settings;
  const properties: Record<string, string> = {
    Id: r.name, Names: [r.name, ...def.aliases].join(' '), Description: def.description || r.name, LoadState: r.loadState,
    ActiveState: r.status.active_state, SubState: r.status.sub_state, Result: r.status.result, FragmentPath: def.fragmentPath ?? '',
    DropInPaths: def.dropinPaths.join(' '), DefaultDependencies: yesNo(def.defaultDependencies),
    UnitFileState: ctx.unitFileState, Documentation: def.documentation.join(' '),
    RefuseManualStart: yesNo(s.refuseManualStart), RefuseManualStop: yesNo(s.refuseManualStop), AllowIsolate: yesNo(s.allowIsolate),
    IgnoreOnIsolate: yesNo(s.ignoreOnIsolate), StopWhenUnneeded: yesNo(s.stopWhenUnneeded), CollectMode: s.collectMode,
    OnFailureJobMode: s.onFailureJobMode, JobTimeoutUSec: formatTimespan(s.jobTimeoutUsec),
    JobRunningTimeoutUSec: formatTimespan(s.jobRunningTimeoutUsec), JobTimeoutAction: s.jobTimeoutAction,
    JobTimeoutRebootArgument: s.jobTimeoutRebootArgument, StartLimitIntervalUSec: formatTimespan(ctx.startLimit.intervalUsec),
    StartLimitBurst: String(ctx.startLimit.burst), StartLimitAction: s.startLimitAction, RebootArgument: s.rebootArgument,
    SuccessAction: s.successAction, FailureAction: s.failureAction, RequiresMountsFor: s.requiresMountsFor.join(' '),
    ConditionResult: ctx.conditions ? yesNo(ctx.conditions.passed) : 'no', AssertResult: ctx.asserts ? yesNo(ctx.asserts.passed) : 'no',
    WantedBy: def.install.wantedBy.join(' '), RequiredBy: def.install.requiredBy.join(' '),
  };
  // systemctl show lists every dependency key with the units it names.
  for (const [key, names] of Object.entries(ctx.dependencies)) {
    if (key === 'RequiresMountsFor' || key === 'RequiredMountsBy') continue;
    properties[key] = names.join(' ');
  }
  Object.assign(properties, r.properties, r.status.runtime_properties);
  properties.CanReload = yesNo(ctx.canReload);
  return {
    name: r.name, type: def.type, description: def.description || r.name, loadState: r.loadState, loadErrors: r.loadErrors,
    fragmentPath: def.fragmentPath, dropinPaths: def.dropinPaths, unitFileState: ctx.unitFileState,
    status: r.status, dependencies: ctx.dependencies, properties, documentation: def.documentation, job: ctx.job,
    conditions: ctx.conditions, asserts: ctx.asserts, needDaemonReload: ctx.needDaemonReload,
  };
}
