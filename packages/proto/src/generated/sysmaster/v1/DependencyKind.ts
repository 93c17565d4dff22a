// Original file: protos/sysmaster/v1/worker.proto

/**
 * The dependency kinds a worker may imply (the [Unit] keys of systemd.unit(5)). Spelled as the
 * unit-file keys; not prefixed, so no other enum of sysmaster.v1 may reuse these names.
 */
export const DependencyKind = {
  /**
   * Never sent on purpose: a dependency without a kind is refused with a warning.
   */
  NoDependency: 'NoDependency',
  Requires: 'Requires',
  Requisite: 'Requisite',
  Wants: 'Wants',
  BindsTo: 'BindsTo',
  PartOf: 'PartOf',
  Upholds: 'Upholds',
  Conflicts: 'Conflicts',
  Before: 'Before',
  After: 'After',
  OnFailure: 'OnFailure',
  OnSuccess: 'OnSuccess',
  PropagatesReloadTo: 'PropagatesReloadTo',
  ReloadPropagatedFrom: 'ReloadPropagatedFrom',
  /**
   * This unit activates the other (a socket its service, a timer or path unit its Unit=); the
   * core records the reverse as TriggeredBy= and shows both in `sctl status`.
   */
  Triggers: 'Triggers',
} as const;

/**
 * The dependency kinds a worker may imply (the [Unit] keys of systemd.unit(5)). Spelled as the
 * unit-file keys; not prefixed, so no other enum of sysmaster.v1 may reuse these names.
 */
export type DependencyKind =
  /**
   * Never sent on purpose: a dependency without a kind is refused with a warning.
   */
  | 'NoDependency'
  | 0
  | 'Requires'
  | 1
  | 'Requisite'
  | 2
  | 'Wants'
  | 3
  | 'BindsTo'
  | 4
  | 'PartOf'
  | 5
  | 'Upholds'
  | 6
  | 'Conflicts'
  | 7
  | 'Before'
  | 8
  | 'After'
  | 9
  | 'OnFailure'
  | 10
  | 'OnSuccess'
  | 11
  | 'PropagatesReloadTo'
  | 12
  | 'ReloadPropagatedFrom'
  | 13
  /**
   * This unit activates the other (a socket its service, a timer or path unit its Unit=); the
   * core records the reverse as TriggeredBy= and shows both in `sctl status`.
   */
  | 'Triggers'
  | 14

/**
 * The dependency kinds a worker may imply (the [Unit] keys of systemd.unit(5)). Spelled as the
 * unit-file keys; not prefixed, so no other enum of sysmaster.v1 may reuse these names.
 */
export type DependencyKind__Output = typeof DependencyKind[keyof typeof DependencyKind]
