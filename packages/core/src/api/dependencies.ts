// GetDependencies: the part of the unit graph `sctl list-dependencies` draws. From the starting
// unit, every unit reachable along one family of dependencies (systemctl's sets, below) is
// visited once, breadth first; a unit's own dependencies are collected when it is the start,
// of a type whose worker declares dependency_rules.expand_in_tree (systemctl expands targets), or
// `all` is set. The client draws the
// tree from these nodes; a unit reached twice on one path is drawn as "..." there.
import { SysmasterError } from '@sysmaster/proto';
import type { ManagerCore } from '../manager-core';

/** The dependency keys of each direction, as systemctl list-dependencies follows them. */
const DIRECTIONS: Readonly<Record<string, readonly string[]>> = {
  requires: ['Requires', 'Requisite', 'Wants', 'ConsistsOf', 'BindsTo', 'Upholds'],
  reverse: ['RequiredBy', 'RequisiteOf', 'WantedBy', 'PartOf', 'BoundBy', 'UpheldBy'],
  before: ['Before'],
  after: ['After'],
};

/** No graph drawn in a terminal needs more; the walk stops there rather than exhaust memory. */
const MAX_NODES = 100_000;

export interface DependencyNodeOut { name: string; active_state: string; dependencies: string[]; expanded: boolean }

export function dependencyGraph(core: ManagerCore, root: string, direction: string, all: boolean): { root: string; nodes: DependencyNodeOut[] } {
  const keys = DIRECTIONS[direction || 'requires'];
  if (keys === undefined) {
    throw new SysmasterError('ERR_INVALID_ARGUMENT', `Invalid dependency direction "${direction}".`, { hint: `Valid: ${Object.keys(DIRECTIONS).join(', ')}.` });
  }
  const start = core.unit(root);
  if (start.loadState === 'not-found' && start.status.active_state === 'inactive') throw new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit ${root} not found.`);
  const nodes: DependencyNodeOut[] = [];
  const seen = new Set<string>([start.name]);
  const queue: string[] = [start.name];
  while (queue.length > 0 && nodes.length < MAX_NODES) {
    const name = queue.shift()!;
    const view = core.unit(name);
    const expanded = name === start.name || all || (core.typeInfo(view.type)?.dependency_rules?.expand_in_tree ?? false);
    const dependencies = expanded ? [...new Set(keys.flatMap((k) => view.dependencies[k] ?? []))] : [];
    nodes.push({ name, active_state: view.status.active_state || 'inactive', dependencies, expanded });
    for (const dep of dependencies) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      queue.push(dep);
    }
  }
  return { root: start.name, nodes };
}
