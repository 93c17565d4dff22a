// The worker outlives the core, and the core outlives the worker (docs/conventions.md "Worker
// registration"): a new core that connects afresh finds every unit as the old one left it, a
// worker killed with SIGKILL and started again from its registration reports its units as before
// (for a type with processes, the same main process: re-adopted, not restarted), and bytes that
// are not gRPC on the socket do not take the worker down.
import crypto from 'node:crypto';
import net from 'node:net';
import { connect, type UnitStatus__Output } from '@sysmaster/proto';
import { answer, describeAnswer } from '../rpc-status';
import { WatchLog } from '../watch-log';
import { snapshotProblems, stateOf } from './lifecycle';
import { reconnect, type Context } from './context';


/** Compares the new snapshot with the states before, for `names` (all when omitted). */
function compare(before: UnitStatus__Output[], after: Map<string, UnitStatus__Output>, samePid: boolean, names?: Set<string>): string[] {
  const problems: string[] = [];
  for (const old of before) {
    if (names && !names.has(old.name)) continue;
    const now = after.get(old.name);
    if (!now) { problems.push(`${old.name} is missing`); continue; }
    if (now.active_state !== old.active_state) problems.push(`${old.name} was ${stateOf(old)}, now ${stateOf(now)}`);
    else if (samePid && old.main_pid > 0 && now.main_pid !== old.main_pid) problems.push(`${old.name} had main pid ${old.main_pid}, now ${now.main_pid}`);
  }
  return problems;
}

/** Closes every channel as a dying core would and reconnects: the new snapshot equals the old state. */
export async function checkCoreRestart(ctx: Context): Promise<void> {
  const before = (await ctx.client.List({}, { timeoutMs: 5000 })).units;
  reconnect(ctx);
  const problems = await snapshotProblems(ctx.watch, before, ctx.timeoutMs);
  const snapshot = new Map(ctx.watch.events.slice(0, before.length).map((s) => [s.name, s]));
  problems.push(...compare(before, snapshot, true).map((p) => `after reconnecting, ${p}`));
  for (const old of before) {
    const now = snapshot.get(old.name);
    if (now && now.sub_state !== old.sub_state && old.active_state === now.active_state) problems.push(`${old.name} went from ${stateOf(old)} to ${stateOf(now)}`);
  }
  ctx.checks.expect('restart.core', problems, `a new client's snapshot equals the state of all ${before.length} unit(s); nothing was stopped`);
}

/** Writes `bytes` on a fresh connection to the socket, gives the worker a moment to read them, and closes it. */
function sendRaw(socketPath: string, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    const done = (): void => { socket.destroy(); resolve(); };
    socket.on('error', done);
    socket.on('close', done);
    socket.on('connect', () => socket.write(bytes, () => setTimeout(done, 100)));
    setTimeout(done, 1000).unref();
  });
}

/** Random bytes, then an HTTP/2 preface followed by garbage frames: Describe still answers, from the same pid. */
export async function checkGarbage(ctx: Context): Promise<void> {
  const pid = ctx.describe.pid;
  await sendRaw(ctx.subject.socketPath, crypto.randomBytes(4096));
  await sendRaw(ctx.subject.socketPath, Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), crypto.randomBytes(2048)]));
  const fresh = connect('UnitWorker', ctx.subject.socketPath);
  try {
    const a = await answer(async () => {
      const d = await fresh.Describe({}, { timeoutMs: 3000 });
      if (d.pid !== pid) throw new Error(`Describe now answers from pid ${d.pid}, not ${pid}: the worker was replaced`);
    });
    const problems = a.status === 'OK' ? [] : [`after garbage on the socket Describe answered ${describeAnswer(a)}`];
    if (ctx.watch.ended !== null) problems.push(`the open Watch stream ended: ${ctx.watch.ended}`);
    ctx.checks.expect('socket.garbage', problems, 'after random bytes and a broken HTTP/2 connection, Describe still answers from the same pid and Watch stays open');
  } finally {
    fresh.close();
  }
}

/** SIGKILL, start again from the registration, re-Load as the core would: started units are reported as before. */
export async function checkWorkerRestart(ctx: Context): Promise<void> {
  if (!ctx.subject.respawnable) return ctx.checks.skip('restart.worker', 'the worker was not started by the kit (--socket); give --registration to test its restart');
  if (ctx.started.size === 0) return ctx.checks.skip('restart.worker', 'no unit was started, so there is nothing to survive a restart');
  const before = (await ctx.client.List({}, { timeoutMs: 5000 })).units;
  const oldPid = ctx.describe.pid;
  ctx.watch.close();
  ctx.client.close();
  await ctx.subject.killAndRespawn();
  ctx.client = connect('UnitWorker', ctx.subject.socketPath);
  ctx.describe = await ctx.client.Describe({}, { timeoutMs: 5000 });
  const problems: string[] = [];
  if (ctx.describe.pid === oldPid) problems.push(`Describe still says pid ${oldPid} after that process was killed`);
  for (const unit of ctx.units) {
    const a = await answer(() => ctx.client.Load(unit.request, { timeoutMs: 10_000 }));
    if (a.status !== 'OK') problems.push(`re-Load of ${unit.name} answered ${describeAnswer(a)}`);
  }
  ctx.watch = new WatchLog(ctx.client);
  ctx.watches.push(ctx.watch);
  const held = (await ctx.client.List({}, { timeoutMs: 5000 })).units;
  problems.push(...await snapshotProblems(ctx.watch, held, ctx.timeoutMs));
  const snapshot = new Map(ctx.watch.events.slice(0, held.length).map((s) => [s.name, s]));
  const samePid = ctx.describe.capabilities?.has_processes ?? false;
  problems.push(...compare(before, snapshot, samePid, ctx.started).map((p) => `after the restart, ${p}`));
  const states = [...ctx.started].map((n) => `${n} ${stateOf(snapshot.get(n))}${samePid ? ` pid ${snapshot.get(n)?.main_pid ?? 0}` : ''}`);
  ctx.checks.expect('restart.worker', problems, `killed pid ${oldPid}, started pid ${ctx.describe.pid}; it reports ${states.join(', ')} as before`);
}
