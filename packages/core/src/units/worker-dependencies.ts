// The dependencies a worker's Load answer adds to a unit (worker.proto LoadResponse): the ones
// its type implies whatever the unit says (`dependencies`, e.g. a socket's Triggers= on its
// service), and its type's default dependencies (`default_dependencies`), which count only when
// the unit does not set DefaultDependencies=no. A default ordering never overrides an explicit
// ordering the other way (After= vs Before=), so a default cannot create a loop the unit's author
// avoided; a default naming the unit itself is dropped.
//
// A kind the core does not know (a number outside the enum: a worker built from a newer proto,
// or garbage) or NoDependency is ignored with a warning naming the worker and the unit: a worker
// cannot make the core store an edge it would not understand.
import { DEPENDENCY_KINDS, type DependencyKind, type ImpliedDependency__Output } from '@sysmaster/proto';

export interface Edge { kind: string; unit: string }

/** What the unit itself declares, to let an explicit ordering win over a default one. */
export interface DeclaredDependencies {
  id: string;
  defaultDependencies: boolean;
  dependencies: ReadonlyMap<string, ReadonlySet<string>>;
}

const KNOWN_KINDS: ReadonlySet<unknown> = new Set<unknown>(DEPENDENCY_KINDS);
const REVERSE_ORDER: Readonly<Record<string, string>> = { After: 'Before', Before: 'After' };

function kindOf(d: ImpliedDependency__Output): DependencyKind | null {
  return KNOWN_KINDS.has(d.kind) ? (d.kind as DependencyKind) : null;
}

/**
 * The edges a Load answer adds to `unit`, and one warning per dependency refused (unknown kind,
 * or a name that is not valid according to `isName`).
 */
export function workerEdges(
  unit: DeclaredDependencies,
  worker: string,
  response: { dependencies: ImpliedDependency__Output[]; default_dependencies: ImpliedDependency__Output[] },
  isName: (name: string) => boolean,
): { edges: Edge[]; warnings: string[] } {
  const edges: Edge[] = [];
  const warnings: string[] = [];
  const take = (d: ImpliedDependency__Output, field: string): Edge | null => {
    const kind = kindOf(d);
    if (kind === null) {
      warnings.push(`the ${worker} worker returned a ${field} entry of unknown kind ${JSON.stringify(d.kind)} for ${unit.id} (on "${d.unit}"); ignored`);
      return null;
    }
    if (!isName(d.unit)) {
      warnings.push(`the ${worker} worker returned a ${kind}= ${field} entry for ${unit.id} on "${d.unit}", which is not a unit name; ignored`);
      return null;
    }
    return d.unit === unit.id ? null : { kind, unit: d.unit };
  };
  for (const d of response.dependencies) {
    const edge = take(d, 'dependencies');
    if (edge) edges.push(edge);
  }
  if (!unit.defaultDependencies) return { edges, warnings };
  for (const d of response.default_dependencies) {
    const edge = take(d, 'default_dependencies');
    if (!edge) continue;
    const reverse = REVERSE_ORDER[edge.kind];
    if (reverse && unit.dependencies.get(reverse)?.has(edge.unit)) continue;
    edges.push(edge);
  }
  return { edges, warnings };
}
