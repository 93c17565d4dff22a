// Load: the given units load without errors, and a broken copy of a unit is answered with a
// ConfigError that points at the exact file and line. Two kinds of breakage: a key no type
// defines (a warning or an error naming its line: systemd logs and ignores it, which a core can
// only show when the worker reports it) and a garbage value of each key the unit sets (an error
// naming that line from at least one of them: a worker that accepts garbage for every key does
// not validate at all, and one that rejects it elsewhere does not locate its errors).
import type { ConfigError__Output, LoadResponse__Output } from '@sysmaster/proto';
import { answer, describeAnswer } from '../rpc-status';
import { GARBAGE_VALUE, withGarbageValues, withUnknownKey, type BrokenUnit } from '../unit-requests';
import type { Context } from './context';

/** At most this many garbage copies are loaded (one per key set in the fixtures). */
const MAX_GARBAGE_COPIES = 40;

/** How many broken copies were loaded, and the Unloads of them that were refused. */
interface Tally { loaded: number; refused: string[] }

function where(e: ConfigError__Output): string {
  return `${e.file || '(no file)'}:${e.line}${e.key ? ` ${e.key}=` : ''}`;
}

/** Loads every fixture; each must load without errors (the later checks need them). */
export async function checkLoadValid(ctx: Context): Promise<void> {
  if (ctx.units.length === 0) {
    ctx.checks.skip('load.valid', 'no unit file was given (--unit)');
    return;
  }
  const problems: string[] = [];
  let warnings = 0;
  for (const unit of ctx.units) {
    try {
      const reply = await ctx.client.Load(unit.request, { timeoutMs: 10_000 });
      warnings += reply.warnings.length;
      if (reply.errors.length > 0) problems.push(`${unit.name}: ${reply.errors.map((e) => `${where(e)}: ${e.message}`).join(', ')}`);
    } catch (error) {
      problems.push(`${unit.name}: Load failed: ${(error as Error).message}`);
    }
  }
  ctx.checks.expect('load.valid', problems, `${ctx.units.length} unit(s) loaded without errors (${warnings} warning(s))`);
}

/** Loads a broken copy, then unloads it again, counted in `tally`. */
async function loadBroken(ctx: Context, broken: BrokenUnit, tally: Tally): Promise<LoadResponse__Output | string> {
  tally.loaded++;
  try {
    return await ctx.client.Load(broken.request, { timeoutMs: 10_000 });
  } catch (error) {
    return `Load failed: ${(error as Error).message}`;
  } finally {
    const a = await answer(() => ctx.client.Unload({ name: broken.name }, { timeoutMs: 5000 }));
    if (a.status !== 'OK') tally.refused.push(`Unload of ${broken.name} answered ${describeAnswer(a)}`);
  }
}

const at = (broken: BrokenUnit) => (e: ConfigError__Output): boolean => e.file === broken.file && e.line === broken.line;

/** An unknown key gives a warning or an error naming its file and line. */
async function checkUnknownKey(ctx: Context, tally: Tally): Promise<void> {
  const unit = ctx.units[0];
  if (!unit) return ctx.checks.skip('load.unknown-key', 'no unit file was given (--unit)');
  const broken = withUnknownKey(unit, ctx.describe.type, ctx.describe.sections, ctx.scratchDir);
  if (!broken) return ctx.checks.skip('load.unknown-key', `the ${ctx.describe.type} type owns no section, so no key of it can be unknown`);
  const reply = await loadBroken(ctx, broken, tally);
  if (typeof reply === 'string') return ctx.checks.fail('load.unknown-key', reply);
  const all = [...reply.warnings, ...reply.errors];
  const hit = all.find(at(broken));
  if (hit) ctx.checks.pass('load.unknown-key', `${broken.key}= at ${broken.file}:${broken.line} reported: "${hit.message}"`);
  else if (all.length === 0) ctx.checks.fail('load.unknown-key', `${broken.key}= at ${broken.file}:${broken.line} gave no warning and no error`);
  else ctx.checks.fail('load.unknown-key', `${broken.key}= at ${broken.file}:${broken.line}: the problems reported name ${all.map(where).join(', ')}, not that line`);
}

/** A garbage value of each key the fixtures set: some key rejects it, and every rejection names the line. */
async function checkBadValue(ctx: Context, tally: Tally): Promise<void> {
  const copies = ctx.units.flatMap((u) => withGarbageValues(u, ctx.describe.type, ctx.describe.sections, ctx.scratchDir)).slice(0, MAX_GARBAGE_COPIES);
  if (copies.length === 0) {
    ctx.checks.skip('load.bad-value', ctx.units.length === 0 ? 'no unit file was given (--unit)' : `the unit files set no key of the sections the ${ctx.describe.type} type owns`);
    return;
  }
  const rejectedAt: string[] = [];
  const problems: string[] = [];
  for (const broken of copies) {
    const reply = await loadBroken(ctx, broken, tally);
    if (typeof reply === 'string') { problems.push(`${broken.key}=: ${reply}`); continue; }
    if (reply.errors.length === 0) continue; // this key accepts the text (e.g. a description)
    if (reply.errors.some(at(broken))) rejectedAt.push(broken.key);
    else problems.push(`${broken.key}=${GARBAGE_VALUE} at line ${broken.line} was rejected with errors naming ${reply.errors.map(where).join(', ')}, not its line`);
  }
  if (rejectedAt.length === 0 && problems.length === 0) {
    problems.push(`none of ${[...new Set(copies.map((c) => `${c.key}=`))].join(', ')} rejected the value '${GARBAGE_VALUE}'`);
  }
  ctx.checks.expect('load.bad-value', problems, `a garbage value was rejected at its file and line for ${rejectedAt.map((k) => `${k}=`).join(', ')} (${copies.length - rejectedAt.length} other key(s) accept free text)`);
}

/** load.unknown-key and load.bad-value, then unload.inactive: every broken copy, inactive, could be unloaded. */
export async function checkBrokenUnits(ctx: Context): Promise<void> {
  const tally: Tally = { loaded: 0, refused: [] };
  await checkUnknownKey(ctx, tally);
  await checkBadValue(ctx, tally);
  if (tally.loaded === 0) ctx.checks.skip('unload.inactive', 'no broken copy was loaded');
  else ctx.checks.expect('unload.inactive', tally.refused, `each of the ${tally.loaded} inactive broken copies was unloaded`);
}
