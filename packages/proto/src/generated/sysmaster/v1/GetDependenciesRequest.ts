// Original file: protos/sysmaster/v1/manager.proto


/**
 * Where GetDependencies starts and which edges it follows.
 */
export interface GetDependenciesRequest {
  /**
   * The unit to start from; a name without a suffix means ".service".
   */
  'name'?: (string);
  /**
   * Which family of dependencies to follow (systemctl list-dependencies):
   * "" or "requires": Requires, Requisite, Wants, ConsistsOf, BindsTo, Upholds;
   * "reverse": RequiredBy, RequisiteOf, WantedBy, PartOf, BoundBy, UpheldBy;
   * "before": Before; "after": After.
   */
  'direction'?: (string);
  /**
   * Follow the dependencies of every unit; otherwise only those of the starting unit and of
   * targets (systemctl's default).
   */
  'all'?: (boolean);
}

/**
 * Where GetDependencies starts and which edges it follows.
 */
export interface GetDependenciesRequest__Output {
  /**
   * The unit to start from; a name without a suffix means ".service".
   */
  'name': (string);
  /**
   * Which family of dependencies to follow (systemctl list-dependencies):
   * "" or "requires": Requires, Requisite, Wants, ConsistsOf, BindsTo, Upholds;
   * "reverse": RequiredBy, RequisiteOf, WantedBy, PartOf, BoundBy, UpheldBy;
   * "before": Before; "after": After.
   */
  'direction': (string);
  /**
   * Follow the dependencies of every unit; otherwise only those of the starting unit and of
   * targets (systemctl's default).
   */
  'all': (boolean);
}
