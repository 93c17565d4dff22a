// DefaultDependencies=yes, per unit type, as the systemd.<type>(5) pages document them. This is
// a data table, not type logic: the core adds these edges at load for a unit that does not
// set DefaultDependencies=no. A type without a row (a third-party type) gets only the part
// every systemd type shares: Conflicts= and Before= shutdown.target, so shutdown stops it.
//
// The target rule that depends on the other unit ("a target is After= the units it Wants= or
// Requires= that have DefaultDependencies=yes") needs both units loaded and lives in
// unit-table.ts.

type Edges = Readonly<Partial<Record<'Requires' | 'Wants' | 'After' | 'Before' | 'Conflicts', readonly string[]>>>;

const SHUTDOWN: Edges = { Conflicts: ['shutdown.target'], Before: ['shutdown.target'] };

const DEFAULT_DEPENDENCIES: Readonly<Record<string, Edges>> = {
  // systemd.service(5)
  service: { Requires: ['sysinit.target'], After: ['sysinit.target', 'basic.target'], Conflicts: ['shutdown.target'], Before: ['shutdown.target'] },
  // systemd.socket(5)
  socket: { Requires: ['sysinit.target'], After: ['sysinit.target'], Before: ['sockets.target', 'shutdown.target'], Conflicts: ['shutdown.target'] },
  // systemd.target(5)
  target: SHUTDOWN,
  // systemd.timer(5)
  timer: { Requires: ['sysinit.target'], After: ['sysinit.target', 'time-set.target', 'time-sync.target'], Before: ['timers.target', 'shutdown.target'], Conflicts: ['shutdown.target'] },
  // systemd.path(5)
  path: { Requires: ['sysinit.target'], After: ['sysinit.target'], Before: ['paths.target', 'shutdown.target'], Conflicts: ['shutdown.target'] },
  // systemd.slice(5)
  slice: { Wants: ['-.slice'], After: ['-.slice'], Conflicts: ['shutdown.target'], Before: ['shutdown.target'] },
  // systemd.mount(5): local mounts; the umount ordering is the mount worker's business.
  mount: { Conflicts: ['umount.target'], Before: ['umount.target', 'local-fs.target'] },
};

/** The default edges of a unit of `type` named `name` (never an edge to itself). */
export function defaultDependencies(type: string, name: string): Array<{ kind: string; unit: string }> {
  const edges = DEFAULT_DEPENDENCIES[type] ?? SHUTDOWN;
  const out: Array<{ kind: string; unit: string }> = [];
  for (const [kind, units] of Object.entries(edges)) {
    for (const unit of units ?? []) if (unit !== name) out.push({ kind, unit });
  }
  return out;
}
