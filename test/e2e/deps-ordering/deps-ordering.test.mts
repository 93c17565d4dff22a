// Scenario: ordering (systemd.unit(5) Before=/After=). Units started in one request start in the
// order their Before=/After= give, whatever order they were named in, and that order shows in
// ActiveEnterTimestampMonotonic; stopping them runs the reverse order; units with no ordering
// between them start in parallel. Then list-dependencies prints the requirement tree, its reverse,
// and the ordering lists (--after, --before) the way systemctl does.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, unitsOf, useSandbox } from '../harness.mjs';

/** The lines of a file inside the sandbox, [] when it does not exist. */
async function linesOf(sb: Sandbox, file: string): Promise<string[]> {
  const r = await sb.sh(`cat ${file} 2>/dev/null || true`);
  return r.stdout.split('\n').filter((l) => l !== '');
}

/** The column where a tree line's branch glyph (├─ or └─) for `unit` starts, -1 when absent. */
function branchColumn(lines: string[], unit: string): number {
  for (const line of lines) {
    const m = line.match(new RegExp(`[├└]─${unit.replace(/\./g, '\\.')}$`));
    if (m?.index !== undefined) return m.index;
  }
  return -1;
}

/** A dependency at the first level of a list-dependencies tree: an optional state glyph, then the branch. */
function firstLevel(unit: string): RegExp {
  return new RegExp(`^(?:\\S )?[├└]─${unit.replace(/\./g, '\\.')}$`, 'm');
}

describe('dependency ordering', () => {
  let sb: Sandbox;
  useSandbox(() => Sandbox.boot({ units: [unitsOf(import.meta.url)] }), (s) => { sb = s; });

  test('units named in any order start in their Before=/After= order', async () => {
    const r = await sb.sctl('start', 'last.service', 'first.service', 'mid.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.deepEqual(await linesOf(sb, '/run/start-order'), ['first', 'mid', 'last']);
  });

  test('ActiveEnterTimestampMonotonic follows the ordering', async () => {
    const first = Number(await sb.show('first.service', 'ActiveEnterTimestampMonotonic'));
    const mid = Number(await sb.show('mid.service', 'ActiveEnterTimestampMonotonic'));
    const last = Number(await sb.show('last.service', 'ActiveEnterTimestampMonotonic'));
    assert.ok(first > 0 && first < mid && mid < last, `first ${first} mid ${mid} last ${last}`);
    // mid's own start takes 0.3 s and may begin only once first is active.
    assert.ok(mid - first >= 250_000, `mid became active ${(mid - first) / 1000} ms after first`);
  });

  test('stopping the units in one request runs the reverse order', async () => {
    const r = await sb.sctl('stop', 'first.service', 'mid.service', 'last.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.deepEqual(await linesOf(sb, '/run/stop-order'), ['last', 'mid', 'first']);
    for (const u of ['first.service', 'mid.service', 'last.service']) {
      assert.equal((await sb.sctl('is-active', u)).stdout.trim(), 'inactive', u);
    }
  });

  test('units with no ordering between them start in parallel', async () => {
    const r = await sb.sctl('start', 'par-a.service', 'par-b.service');
    assert.equal(r.exitCode, 0, r.stderr);
    const a = Number(await sb.show('par-a.service', 'ActiveEnterTimestampMonotonic'));
    const b = Number(await sb.show('par-b.service', 'ActiveEnterTimestampMonotonic'));
    assert.ok(a > 0 && b > 0, `par-a ${a} par-b ${b}`);
    // Each runs `sleep 1`: one after the other they would be at least a second apart.
    assert.ok(Math.abs(a - b) < 600_000, `par-a and par-b became active ${Math.abs(a - b) / 1000} ms apart`);
  });

  test('list-dependencies prints the requirement tree, recursing into targets', async () => {
    const r = await sb.sctl('list-dependencies', 'top.target');
    assert.equal(r.exitCode, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /top\.target$/, r.stdout);
    assert.equal(lines.length, 4, `one line for the root and one per dependency:\n${r.stdout}`);
    assert.match(r.stdout, firstLevel('leaf-a.service'), r.stdout);
    assert.match(r.stdout, firstLevel('sub.target'), r.stdout);
    assert.ok(r.stdout.includes('├─leaf-a.service') && r.stdout.includes('└─sub.target'), `services before targets, sub.target last:\n${r.stdout}`);
    const sub = branchColumn(lines, 'sub.target');
    const leafB = branchColumn(lines, 'leaf-b.service');
    assert.equal(leafB - sub, 2, `leaf-b.service is one level under sub.target:\n${r.stdout}`);
    assert.ok(lines.findIndex((l) => l.endsWith('leaf-b.service')) > lines.findIndex((l) => l.endsWith('sub.target')), r.stdout);
  });

  test('list-dependencies --reverse prints what pulls a unit in', async () => {
    const r = await sb.sctl('list-dependencies', '--reverse', 'leaf-b.service');
    assert.equal(r.exitCode, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /leaf-b\.service$/, r.stdout);
    assert.match(r.stdout, firstLevel('sub.target'), r.stdout);
    assert.equal(branchColumn(lines, 'top.target') - branchColumn(lines, 'sub.target'), 2, `top.target wants sub.target:\n${r.stdout}`);
    assert.doesNotMatch(r.stdout, /leaf-a\.service/, r.stdout);
  });

  test('list-dependencies --after and --before print the ordering lists', async () => {
    let r = await sb.sctl('list-dependencies', '--after', 'last.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, firstLevel('mid.service'), r.stdout);
    assert.doesNotMatch(r.stdout, /first\.service/, `first.service is ordered before mid, not directly before last:\n${r.stdout}`);
    r = await sb.sctl('list-dependencies', '--before', 'first.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, firstLevel('mid.service'), r.stdout);
    r = await sb.sctl('list-dependencies', '--before', 'mid.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, firstLevel('last.service'), `Before= is the inverse of After=:\n${r.stdout}`);
    assert.doesNotMatch(r.stdout, /first\.service/, r.stdout);
  });
});
