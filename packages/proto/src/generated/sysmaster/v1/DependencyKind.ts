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
  /**
   * Requires=: starting this unit starts the other; stopping the other stops this one.
   */
  Requires: 'Requires',
  /**
   * Requisite=: the other must already be active when this unit starts; it is not started.
   */
  Requisite: 'Requisite',
  /**
   * Wants=: starting this unit starts the other; whether that succeeds does not matter.
   */
  Wants: 'Wants',
  /**
   * BindsTo=: as Requires=, and this unit also stops whenever the other stops, for any reason.
   */
  BindsTo: 'BindsTo',
  /**
   * PartOf=: stopping or restarting the other stops or restarts this unit.
   */
  PartOf: 'PartOf',
  /**
   * Upholds=: while this unit is active, the other is started again whenever it is not running.
   */
  Upholds: 'Upholds',
  /**
   * Conflicts=: starting this unit stops the other, and the other way round.
   */
  Conflicts: 'Conflicts',
  /**
   * Before=: when both have jobs, this unit's start completes before the other's begins (stops
   * run the other way round).
   */
  Before: 'Before',
  /**
   * After=: the mirror of Before=.
   */
  After: 'After',
  /**
   * OnFailure=: the other is started when this unit enters failed.
   */
  OnFailure: 'OnFailure',
  /**
   * OnSuccess=: the other is started when this unit becomes inactive after a successful run.
   */
  OnSuccess: 'OnSuccess',
  /**
   * PropagatesReloadTo=: reloading this unit reloads the other.
   */
  PropagatesReloadTo: 'PropagatesReloadTo',
  /**
   * ReloadPropagatedFrom=: reloading the other reloads this unit.
   */
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
  /**
   * Requires=: starting this unit starts the other; stopping the other stops this one.
   */
  | 'Requires'
  | 1
  /**
   * Requisite=: the other must already be active when this unit starts; it is not started.
   */
  | 'Requisite'
  | 2
  /**
   * Wants=: starting this unit starts the other; whether that succeeds does not matter.
   */
  | 'Wants'
  | 3
  /**
   * BindsTo=: as Requires=, and this unit also stops whenever the other stops, for any reason.
   */
  | 'BindsTo'
  | 4
  /**
   * PartOf=: stopping or restarting the other stops or restarts this unit.
   */
  | 'PartOf'
  | 5
  /**
   * Upholds=: while this unit is active, the other is started again whenever it is not running.
   */
  | 'Upholds'
  | 6
  /**
   * Conflicts=: starting this unit stops the other, and the other way round.
   */
  | 'Conflicts'
  | 7
  /**
   * Before=: when both have jobs, this unit's start completes before the other's begins (stops
   * run the other way round).
   */
  | 'Before'
  | 8
  /**
   * After=: the mirror of Before=.
   */
  | 'After'
  | 9
  /**
   * OnFailure=: the other is started when this unit enters failed.
   */
  | 'OnFailure'
  | 10
  /**
   * OnSuccess=: the other is started when this unit becomes inactive after a successful run.
   */
  | 'OnSuccess'
  | 11
  /**
   * PropagatesReloadTo=: reloading this unit reloads the other.
   */
  | 'PropagatesReloadTo'
  | 12
  /**
   * ReloadPropagatedFrom=: reloading the other reloads this unit.
   */
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
