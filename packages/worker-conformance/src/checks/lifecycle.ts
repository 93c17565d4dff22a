// Watch semantics as the core's job engine relies on them (docs/conventions.md "Watch
// semantics"): the snapshot first, one UnitStatus per unit held; an accepted Start always shows
// as activating or active/failed, an accepted Stop as deactivating or inactive/failed, within the
// bound; Stop of an inactive unit succeeds and changes nothing; List, Status and Watch agree;
// every active_state is a value of the ActiveState enum.
import { ACTIVE_STATES, DOWN_STATES, type UnitStatus__Output } from '@sysmaster/proto';
import { answer, describeAnswer } from '../rpc-status';
import { sleep, type Context } from './context';
import type { WatchLog } from '../watch-log';

const START_SEEN: ReadonlySet<string> = new Set(['activating', 'active', 'failed']);
const STOP_SEEN: ReadonlySet<string> = new Set(['deactivating', 'inactive', 'failed']);
const SETTLED: ReadonlySet<string> = new Set(['active', 'inactive', 'failed']);

/** "active/running" for reasons. */
export function stateOf(s: Pick<UnitStatus__Output, 'active_state' | 'sub_state'> | undefined): string {
  return s ? `${String(s.active_state)}/${s.sub_state}` : 'nothing';
}

/** The first messages of a fresh Watch stream are one UnitStatus per unit List reports. */
export async function snapshotProblems(watch: WatchLog, held: UnitStatus__Output[], timeoutMs: number): Promise<string[]> {
  await watch.settle(held.length, timeoutMs);
  const snapshot = watch.events.slice(0, held.length);
  const problems: string[] = [];
  const names = snapshot.map((s) => s.name);
  const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
  if (duplicates.length > 0) problems.push(`the snapshot names ${[...new Set(duplicates)].join(', ')} more than once`);
  const missing = held.map((s) => s.name).filter((n) => !names.includes(n));
  if (missing.length > 0) problems.push(`the first ${held.length} message(s) on Watch do not include ${missing.join(', ')}${watch.ended ? ` (the stream ended: ${watch.ended})` : ''}`);
  return problems;
}

export async function checkSnapshot(ctx: Context): Promise<void> {
  const held = (await ctx.client.List({}, { timeoutMs: 5000 })).units;
  const problems = await snapshotProblems(ctx.watch, held, ctx.timeoutMs);
  ctx.checks.expect('watch.snapshot', problems, `Watch opened with one UnitStatus for each of the ${held.length} unit(s) held`);
}

/** Stop of an inactive unit succeeds and changes nothing: neither its status nor Watch. */
export async function checkStopIdempotent(ctx: Context): Promise<void> {
  const problems: string[] = [];
  let tried = 0;
  for (const unit of ctx.units) {
    const before = await ctx.client.Status({ name: unit.name }, { timeoutMs: 5000 });
    if (before.active_state !== 'inactive') continue;
    tried++;
    const mark = ctx.watch.mark();
    const a = await answer(() => ctx.client.Stop({ name: unit.name }, { timeoutMs: 5000 }));
    if (a.status !== 'OK') { problems.push(`Stop of the inactive ${unit.name} answered ${describeAnswer(a)}`); continue; }
    await sleep(200); // long enough for a worker that reacts to show it
    const after = await ctx.client.Status({ name: unit.name }, { timeoutMs: 5000 });
    if (stateOf(after) !== stateOf(before) || after.result !== before.result) {
      problems.push(`Stop of the inactive ${unit.name} changed it from ${stateOf(before)} (${before.result}) to ${stateOf(after)} (${after.result})`);
    }
    const moved = ctx.watch.events.slice(mark).find((e) => e.name === unit.name && stateOf(e) !== stateOf(before));
    if (moved) problems.push(`Stop of the inactive ${unit.name} made Watch report ${stateOf(moved)}`);
  }
  if (tried === 0) ctx.checks.skip('stop.idempotent', 'no given unit is inactive');
  else ctx.checks.expect('stop.idempotent', problems, `Stop of ${tried} inactive unit(s) succeeded and changed nothing`);
}

/** Sends `rpc` for each unit and waits for Watch to show one of `seen`, then for a settled state. */
async function driveUnits(ctx: Context, rpc: 'Start' | 'Stop', names: string[], seen: ReadonlySet<string>): Promise<string[]> {
  const problems: string[] = [];
  for (const name of names) {
    const mark = ctx.watch.mark();
    const a = await answer(() => ctx.client[rpc]({ name }, { timeoutMs: 5000 }));
    if (a.status !== 'OK') { problems.push(`${rpc} of ${name} answered ${describeAnswer(a)}`); continue; }
    if (rpc === 'Start') ctx.started.add(name);
    const first = await ctx.watch.waitFor((s) => s.name === name && seen.has(String(s.active_state)), mark, ctx.timeoutMs);
    if (!first) {
      const got = ctx.watch.events.slice(mark).filter((s) => s.name === name).map(stateOf);
      problems.push(`${rpc} of ${name} was accepted, but within ${ctx.timeoutMs} ms Watch reported ${got.length ? got.join(', ') : 'nothing'}, not ${[...seen].join('/')}`);
      continue;
    }
    const settled = await ctx.watch.waitFor((s) => s.name === name && SETTLED.has(String(s.active_state)), mark, ctx.timeoutMs);
    if (!settled) problems.push(`${name} did not settle within ${ctx.timeoutMs} ms after ${rpc} (last ${stateOf(ctx.watch.latest().get(name))})`);
  }
  return problems;
}

export async function checkStart(ctx: Context): Promise<void> {
  if (ctx.units.length === 0) return ctx.checks.skip('watch.start', 'no unit file was given (--unit)');
  const names = ctx.units.map((u) => u.name);
  const problems = await driveUnits(ctx, 'Start', names, START_SEEN);
  const ends = names.map((n) => `${n} ${stateOf(ctx.watch.latest().get(n))}`).join(', ');
  ctx.checks.expect('watch.start', problems, `each Start showed on Watch within the bound: ${ends}`);
}

export async function checkStop(ctx: Context): Promise<void> {
  const statuses = await Promise.all(ctx.units.map((u) => ctx.client.Status({ name: u.name }, { timeoutMs: 5000 })));
  const names = statuses.filter((s) => !DOWN_STATES.has(s.active_state as never)).map((s) => s.name);
  if (names.length === 0) return ctx.checks.skip('watch.stop', 'no given unit is up, so there is nothing to stop');
  const problems = await driveUnits(ctx, 'Stop', names, STOP_SEEN);
  ctx.checks.expect('watch.stop', problems, `each Stop showed on Watch within the bound (${names.join(', ')})`);
}

/** List agrees with the last Watch message of each unit, and Status with List. */
export async function checkListAndStatus(ctx: Context): Promise<void> {
  await sleep(200);
  const listed = (await ctx.client.List({}, { timeoutMs: 5000 })).units;
  const latest = ctx.watch.latest();
  const listProblems: string[] = [];
  const statusProblems: string[] = [];
  for (const unit of listed) {
    const seen = latest.get(unit.name);
    if (!seen) listProblems.push(`List has ${unit.name}, which Watch never reported`);
    else if (stateOf(seen) !== stateOf(unit) || seen.main_pid !== unit.main_pid) {
      listProblems.push(`${unit.name}: List says ${stateOf(unit)} pid ${unit.main_pid}, Watch last said ${stateOf(seen)} pid ${seen.main_pid}`);
    }
    const a = await answer(async () => {
      const status = await ctx.client.Status({ name: unit.name }, { timeoutMs: 5000 });
      if (status.name !== unit.name) throw new Error(`Status of ${unit.name} names ${status.name}`);
      if (stateOf(status) !== stateOf(unit)) throw new Error(`Status of ${unit.name} says ${stateOf(status)}, List ${stateOf(unit)}`);
    });
    if (a.status !== 'OK') statusProblems.push(a.message);
  }
  ctx.checks.expect('list.matches-watch', listProblems, `List's ${listed.length} unit(s) match their last Watch message`);
  ctx.checks.expect('status.each-unit', statusProblems, `Status of each of the ${listed.length} unit(s) matches List`);
}

/** Every active_state seen on any Watch stream is a value of the ActiveState enum. */
export function checkActiveStates(ctx: Context): void {
  const all = ctx.watches.flatMap((w) => w.events);
  const bad = all.filter((s) => !(ACTIVE_STATES as readonly unknown[]).includes(s.active_state));
  const values = [...new Set(bad.map((s) => `${s.name}: ${String(s.active_state)}`))];
  ctx.checks.expect('watch.active-states', values.map((v) => `active_state outside the enum (${v})`), `all ${all.length} Watch message(s) carry an ActiveState value`);
}
