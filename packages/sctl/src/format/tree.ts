// `sctl list-dependencies`: the dependency tree in systemctl's drawing. Each unit is a line
// "● ├─name" with a bullet coloured by its active state (● active, ↻ reloading, ○ inactive,
// × failed) and the branches of its ancestors ("│ " where an ancestor has later siblings).
// Siblings are sorted with targets last, otherwise by name ignoring case. A unit whose
// dependencies were collected is expanded under it; one already on the path from the root is
// drawn as "..." one level deeper instead (a cycle), as systemctl does.
import type { Painter } from './colors';
import { plain } from './colors';

export interface TreeNode {
  active_state: string;
  dependencies: string[];
  expanded: boolean;
}

function glyph(state: string): string {
  switch (state) {
    case 'active': case 'activating': case 'deactivating': return '\u25CF';
    case 'reloading': return '\u21BB';
    case 'failed': return '\u00D7';
    default: return '\u25CB';
  }
}

function bulletColor(state: string): 'green' | 'red' | null {
  if (state === 'active' || state === 'reloading' || state === 'activating') return 'green';
  if (state === 'inactive' || state === 'deactivating' || state === '') return null;
  return 'red';
}

function isTarget(name: string): boolean {
  return name.endsWith('.target');
}

/** systemctl's order of siblings: non-targets first, then case-insensitive by name. */
export function compareDependencies(a: string, b: string): number {
  if (isTarget(a) !== isTarget(b)) return isTarget(a) ? 1 : -1;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The tree, or with `plain` (--plain) two spaces of indentation per level and no bullets. */
export function formatDependencyTree(root: string, nodes: ReadonlyMap<string, TreeNode>, paint: Painter = plain, layout: { plain?: boolean } = {}): string {
  const lines: string[] = [root];
  const onPath = new Set<string>([root]);
  const walk = (name: string, branches: boolean[]): void => {
    const deps = [...(nodes.get(name)?.dependencies ?? [])].sort(compareDependencies);
    deps.forEach((dep, i) => {
      const last = i === deps.length - 1;
      const indent = branches.map((open) => (open ? '\u2502 ' : '  ')).join('');
      if (layout.plain === true) {
        lines.push(`${'  '.repeat(branches.length + 1)}${onPath.has(dep) ? '...' : dep}`);
        if (onPath.has(dep) || nodes.get(dep)?.expanded !== true) return;
        onPath.add(dep);
        walk(dep, [...branches, !last]);
        onPath.delete(dep);
        return;
      }
      if (onPath.has(dep)) {
        lines.push(`  ${indent}${last ? '  ' : '\u2502 '}\u2514\u2500...`);
        return;
      }
      const node = nodes.get(dep);
      const state = node?.active_state ?? 'inactive';
      const color = bulletColor(state);
      const bullet = color ? paint(glyph(state), color) : glyph(state);
      lines.push(`${bullet} ${indent}${last ? '\u2514\u2500' : '\u251C\u2500'}${dep}`);
      if (node?.expanded) {
        onPath.add(dep);
        walk(dep, [...branches, !last]);
        onPath.delete(dep);
      }
    });
  };
  walk(root, []);
  return `${lines.join('\n')}\n`;
}
