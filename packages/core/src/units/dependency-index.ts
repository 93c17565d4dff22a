// The unit graph's edges. Every dependency is stored twice, as declared and mirrored
// (Requires ↔ RequiredBy, Wants ↔ WantedBy, After ↔ Before, …), so each question the job engine
// asks ("who requires X?", "what is ordered before X?") is one lookup. Edges name units that may
// not be loaded yet (units load lazily); when a name turns out to be an alias, its edges move to
// the real name (mergeAlias).

/** Each dependency kind and its mirror, as systemd names them. */
const MIRROR: Readonly<Record<string, string>> = {
  Requires: 'RequiredBy', RequiredBy: 'Requires',
  Wants: 'WantedBy', WantedBy: 'Wants',
  After: 'Before', Before: 'After',
  Conflicts: 'ConflictedBy', ConflictedBy: 'Conflicts',
  Requisite: 'RequisiteOf', RequisiteOf: 'Requisite',
  BindsTo: 'BoundBy', BoundBy: 'BindsTo',
  PartOf: 'ConsistsOf', ConsistsOf: 'PartOf',
  Triggers: 'TriggeredBy', TriggeredBy: 'Triggers',
  OnFailure: 'OnFailureOf', OnFailureOf: 'OnFailure',
  OnSuccess: 'OnSuccessOf', OnSuccessOf: 'OnSuccess',
  Upholds: 'UpheldBy', UpheldBy: 'Upholds',
  PropagatesReloadTo: 'ReloadPropagatedFrom', ReloadPropagatedFrom: 'PropagatesReloadTo',
  JoinsNamespaceOf: 'JoinsNamespaceOf',
  RequiresMountsFor: 'RequiredMountsBy', RequiredMountsBy: 'RequiresMountsFor',
};

const EMPTY: readonly string[] = [];

export class DependencyIndex {
  private readonly edges = new Map<string, Map<string, Set<string>>>();

  /** Adds `from kind to` and its mirror. Unknown kinds are stored without a mirror. */
  add(from: string, kind: string, to: string): void {
    if (from === to) return;
    this.addOne(from, kind, to);
    const mirror = MIRROR[kind];
    if (mirror) this.addOne(to, mirror, from);
  }

  /** Whether `from` has a `kind` dependency on `to`, without copying the list. */
  has(from: string, kind: string, to: string): boolean {
    return this.edges.get(from)?.get(kind)?.has(to) ?? false;
  }

  /** The units `name` has a `kind` dependency on. */
  get(name: string, kind: string): readonly string[] {
    const set = this.edges.get(name)?.get(kind);
    return set ? [...set] : EMPTY;
  }

  /** Every kind with at least one unit, for UnitView.dependencies. */
  all(name: string): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [kind, set] of this.edges.get(name) ?? []) if (set.size > 0) out[kind] = [...set].sort();
    return out;
  }

  /** `alias` turned out to name `id`: every edge of and to the alias now belongs to id. */
  mergeAlias(alias: string, id: string): void {
    const own = this.edges.get(alias);
    if (!own) return;
    this.edges.delete(alias);
    for (const [kind, set] of own) {
      for (const other of set) {
        const mirror = MIRROR[kind];
        if (mirror) this.edges.get(other)?.get(mirror)?.delete(alias);
        this.add(id, kind, other);
      }
    }
  }

  clear(): void {
    this.edges.clear();
  }

  private addOne(from: string, kind: string, to: string): void {
    let kinds = this.edges.get(from);
    if (!kinds) this.edges.set(from, (kinds = new Map<string, Set<string>>()));
    let set = kinds.get(kind);
    if (!set) kinds.set(kind, (set = new Set()));
    set.add(to);
  }
}
