// Describe's honesty and the answers to requests that cannot succeed: the capability table
// against the RPCs (a false capability answers UNIMPLEMENTED with a message, a true one does
// not), NOT_FOUND for a unit the worker does not hold, INVALID_ARGUMENT for a request that names
// no unit.
import type { Client } from '@sysmaster/proto';
import { answer, describeAnswer, streamAnswer, type Answer } from '../rpc-status';
import { awaitDescribe } from '../subject';
import { reconnect, unknownUnit, type Context } from './context';

/** Describe: the type the registration names, the pid of the serving process, a version. */
export function checkDescribe(ctx: Context): void {
  const { describe, subject, checks } = ctx;
  if (describe.type === subject.expectedType) checks.pass('describe.type', `Describe says type '${describe.type}'`);
  else checks.fail('describe.type', `Describe says type '${describe.type}', but the worker is registered as '${subject.expectedType}'`);
  const pids = subject.servingPids();
  if (pids.length === 0) {
    if (describe.pid > 0) checks.skip('describe.pid', `Describe says pid ${describe.pid}; which process serves the socket cannot be read from /proc`);
    else checks.fail('describe.pid', `Describe says pid ${describe.pid}`);
  } else if (pids.includes(describe.pid)) {
    checks.pass('describe.pid', `Describe says pid ${describe.pid}, the process serving the socket`);
  } else {
    checks.fail('describe.pid', `Describe says pid ${describe.pid}, but the socket is served by pid ${pids.join(', ')}`);
  }
  if (describe.version.trim() !== '') checks.pass('describe.version', `version ${describe.version}`);
  else checks.fail('describe.version', 'Describe sets no version');
}

type Capability = 'can_reload' | 'can_kill' | 'can_reexec' | 'has_logs';

/** The RPCs that take a unit name, and for the optional ones the capability that enables them. */
const UNIT_RPCS: ReadonlyArray<{ rpc: string; capability?: Capability; call: (c: Client<'UnitWorker'>, name: string, bound: number) => Promise<Answer> }> = [
  { rpc: 'Start', call: (c, name) => answer(() => c.Start({ name }, { timeoutMs: 5000 })) },
  { rpc: 'Stop', call: (c, name) => answer(() => c.Stop({ name }, { timeoutMs: 5000 })) },
  { rpc: 'Status', call: (c, name) => answer(() => c.Status({ name }, { timeoutMs: 5000 })) },
  { rpc: 'ResetFailed', call: (c, name) => answer(() => c.ResetFailed({ name }, { timeoutMs: 5000 })) },
  { rpc: 'Unload', call: (c, name) => answer(() => c.Unload({ name }, { timeoutMs: 5000 })) },
  { rpc: 'Reload', capability: 'can_reload', call: (c, name) => answer(() => c.Reload({ name }, { timeoutMs: 5000 })) },
  // SIGCONT: harmless to whatever runs.
  { rpc: 'Kill', capability: 'can_kill', call: (c, name) => answer(() => c.Kill({ name, signal: 18, whom: 'all' }, { timeoutMs: 5000 })) },
  { rpc: 'Logs', capability: 'has_logs', call: (c, name, bound) => streamAnswer(c.Logs({ name, lines: 1, follow: false }), bound) },
];

/** Each RPC on a unit the worker does not hold answers NOT_FOUND (optional RPCs only when capable). */
export async function checkNotFound(ctx: Context): Promise<void> {
  const name = unknownUnit(ctx.describe.type);
  for (const { rpc, capability, call } of UNIT_RPCS) {
    if (capability && !ctx.describe.capabilities?.[capability]) continue;
    const a = await call(ctx.client, name, ctx.timeoutMs);
    if (a.status === 'NOT_FOUND') ctx.checks.pass(`not-found.${rpc}`, `${rpc} of ${name} answered NOT_FOUND`);
    else ctx.checks.fail(`not-found.${rpc}`, `${rpc} of ${name}, a unit the worker does not hold, answered ${describeAnswer(a)} instead of NOT_FOUND`);
  }
}

/** Each request that names no unit (Load included) answers INVALID_ARGUMENT. */
export async function checkInvalidArgument(ctx: Context): Promise<void> {
  const calls = [
    { rpc: 'Load', call: (c: Client<'UnitWorker'>) => answer(() => c.Load({ name: '', sections: [] }, { timeoutMs: 5000 })) },
    ...UNIT_RPCS.filter((r) => !r.capability || ctx.describe.capabilities?.[r.capability])
      .map((r) => ({ rpc: r.rpc, call: (c: Client<'UnitWorker'>) => r.call(c, '', ctx.timeoutMs) })),
  ];
  for (const { rpc, call } of calls) {
    const a = await call(ctx.client);
    if (a.status === 'INVALID_ARGUMENT') ctx.checks.pass(`invalid-argument.${rpc}`, `${rpc} with an empty name answered INVALID_ARGUMENT`);
    else ctx.checks.fail(`invalid-argument.${rpc}`, `${rpc} with an empty name answered ${describeAnswer(a)} instead of INVALID_ARGUMENT`);
  }
}

/**
 * Reexec when can_reexec: answers the same pid, ends the open Watch stream (the image that served
 * it is gone), and the worker answers Describe again with the same pid. The kit then opens a new
 * client and Watch stream, as the core must.
 */
async function reexecAnswer(ctx: Context): Promise<Answer> {
  const a = await answer(async () => {
    const watch = ctx.watch;
    const reply = await ctx.client.Reexec({ exec_path: '' }, { timeoutMs: 5000 });
    if (reply.pid !== ctx.describe.pid) throw new Error(`Reexec answered pid ${reply.pid}, Describe said ${ctx.describe.pid}`);
    await watch.waitFor(() => false, watch.mark(), ctx.timeoutMs);
    if (watch.ended === null) throw new Error(`Reexec answered, but the open Watch stream did not end within ${ctx.timeoutMs} ms`);
    const after = await awaitDescribe(ctx.subject.socketPath, ctx.timeoutMs);
    if (after.pid !== ctx.describe.pid) throw new Error(`after Reexec Describe says pid ${after.pid}, not ${ctx.describe.pid}`);
    reconnect(ctx);
  });
  return a.status === 'UNKNOWN' ? { status: 'FAILED', message: a.message } : a;
}

/** Each capability against its RPC, asked about a loaded unit (or an unknown one when none is loaded). */
export async function checkCapabilities(ctx: Context): Promise<void> {
  const caps = ctx.describe.capabilities;
  const name = ctx.units[0]?.name ?? unknownUnit(ctx.describe.type);
  const rpcs: Array<{ capability: Capability; rpc: string; call: () => Promise<Answer> }> = [
    ...UNIT_RPCS.filter((r) => r.capability).map((r) => ({ capability: r.capability!, rpc: r.rpc, call: () => r.call(ctx.client, name, ctx.timeoutMs) })),
    { capability: 'can_reexec', rpc: 'Reexec', call: () => (caps?.can_reexec ? reexecAnswer(ctx) : answer(() => ctx.client.Reexec({ exec_path: '' }, { timeoutMs: 5000 }))) },
  ];
  for (const { capability, rpc, call } of rpcs) {
    const declared = caps?.[capability] ?? false;
    const a = await call();
    const check = `capability.${capability}`;
    if (!declared) {
      if (a.status === 'UNIMPLEMENTED' && a.message.trim() !== '') ctx.checks.pass(check, `${capability} is false and ${rpc} answers UNIMPLEMENTED ("${a.message}")`);
      else if (a.status === 'UNIMPLEMENTED') ctx.checks.fail(check, `${capability} is false and ${rpc} answers UNIMPLEMENTED, but with no message`);
      else ctx.checks.fail(check, `${capability} is false, but ${rpc} answered ${describeAnswer(a)} instead of UNIMPLEMENTED`);
    } else if (a.status === 'UNIMPLEMENTED') {
      ctx.checks.fail(check, `${capability} is true, but ${rpc} answered ${describeAnswer(a)}`);
    } else if (rpc === 'Reexec' && a.status !== 'OK') {
      ctx.checks.fail(check, `can_reexec is true, but Reexec failed: ${describeAnswer(a)}`);
    } else {
      ctx.checks.pass(check, `${capability} is true and ${rpc} is implemented (answered ${describeAnswer(a)})`);
    }
  }
}
