// One run of the conformance kit against one worker, the checks in this order:
//   1. Describe (type, pid, version), then Load of the given units (load.valid);
//   2. a first Watch stream's snapshot; NOT_FOUND, INVALID_ARGUMENT and the capability table;
//   3. broken copies of a unit (load.unknown-key, load.bad-value, unload.inactive);
//   4. Stop of inactive units (stop.idempotent), Start of every unit (watch.start), then List
//      and Status against Watch;
//   5. a core restart (restart.core), garbage on the socket (socket.garbage), a worker restart
//      (restart.worker), then Stop of every unit (watch.stop: re-adopted units stop too);
//   6. every active_state seen on any Watch stream (watch.active-states).
// A check that throws fails with the error and the run carries on; the units the kit started
// are stopped at the end, and a worker the kit spawned is stopped and its folders removed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOWN_STATES, SysmasterError, connect } from '@sysmaster/proto';
import { Checks, type Report } from './report';
import { attachSubject, readRegistration, spawnSubject, type Subject } from './subject';
import { checkUnitType, readUnitFixture, type UnitFixture } from './unit-requests';
import { WatchLog } from './watch-log';
import type { Context } from './checks/context';
import { checkCapabilities, checkDescribe, checkInvalidArgument, checkNotFound } from './checks/requests';
import { checkBrokenUnits, checkLoadValid } from './checks/load';
import { checkActiveStates, checkListAndStatus, checkSnapshot, checkStart, checkStop, checkStopIdempotent } from './checks/lifecycle';
import { checkCoreRestart, checkGarbage, checkWorkerRestart } from './checks/restart';

export interface VerifyOptions {
  /** A registration file: the kit starts the worker itself in a private runtime. */
  registration?: string;
  /** The socket of a worker already running (when no registration is given). */
  socket?: string;
  /** With `socket`: the type it must describe itself as (default: the socket's file name). */
  type?: string;
  /** Unit files of the type to exercise. */
  unitFiles?: string[];
  /** How long a state change may take to show on Watch (ms, default 10,000). */
  timeoutMs?: number;
}

/** Opens the worker under test; unit files of another type are refused before anything is started. */
async function openSubject(options: VerifyOptions): Promise<Subject> {
  const registration = options.registration ? readRegistration(options.registration) : null;
  if (!registration && !options.socket) throw new SysmasterError('ERR_INVALID_ARGUMENT', 'either a registration file or a socket is needed');
  const type = registration?.type ?? attachSubject(options.socket!, options.type).expectedType;
  for (const file of options.unitFiles ?? []) checkUnitType(file, type);
  return registration ? spawnSubject(registration) : attachSubject(options.socket!, options.type);
}

/** Runs `check`; an error it throws becomes a failed check named `name`. */
async function guarded(ctx: Context, name: string, check: () => unknown): Promise<void> {
  try {
    await check();
  } catch (error) {
    ctx.checks.fail(name, `the check could not run: ${(error as Error).message}`);
  }
}

/** Stops what the kit started and waits (within the bound) until each is down. */
async function stopStarted(ctx: Context): Promise<void> {
  for (const name of ctx.started) {
    try {
      const s = await ctx.client.Status({ name }, { timeoutMs: 2000 });
      if (DOWN_STATES.has(s.active_state)) continue;
      await ctx.client.Stop({ name }, { timeoutMs: 2000 });
      const end = Date.now() + ctx.timeoutMs;
      while (Date.now() < end && !DOWN_STATES.has((await ctx.client.Status({ name }, { timeoutMs: 2000 })).active_state)) {
        await new Promise((r) => setTimeout(r, 50));
      }
    } catch {
      // The worker is gone or refuses: nothing more the kit can do for this unit.
    }
  }
}

async function runChecks(ctx: Context): Promise<void> {
  checkDescribe(ctx);
  await guarded(ctx, 'load.valid', () => checkLoadValid(ctx));
  // A fresh stream, so that its snapshot covers the units just loaded.
  ctx.watch.close();
  ctx.watch = new WatchLog(ctx.client);
  ctx.watches.push(ctx.watch);
  await guarded(ctx, 'watch.snapshot', () => checkSnapshot(ctx));
  await guarded(ctx, 'not-found', () => checkNotFound(ctx));
  await guarded(ctx, 'invalid-argument', () => checkInvalidArgument(ctx));
  await guarded(ctx, 'capability', () => checkCapabilities(ctx));
  await guarded(ctx, 'load.broken', () => checkBrokenUnits(ctx));
  await guarded(ctx, 'stop.idempotent', () => checkStopIdempotent(ctx));
  await guarded(ctx, 'watch.start', () => checkStart(ctx));
  await guarded(ctx, 'list.matches-watch', () => checkListAndStatus(ctx));
  await guarded(ctx, 'restart.core', () => checkCoreRestart(ctx));
  await guarded(ctx, 'socket.garbage', () => checkGarbage(ctx));
  await guarded(ctx, 'restart.worker', () => checkWorkerRestart(ctx));
  await guarded(ctx, 'watch.stop', () => checkStop(ctx));
  checkActiveStates(ctx);
}

/**
 * Runs every check against the worker `options` names and reports each. Rejects only when the
 * worker cannot be reached at all or a unit file is unusable (not of the type, does not parse).
 */
export async function verifyWorker(options: VerifyOptions): Promise<Report> {
  const subject = await openSubject(options);
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-verify-units-'));
  const client = connect('UnitWorker', subject.socketPath);
  let ctx: Context | null = null;
  try {
    const describe = await client.Describe({}, { timeoutMs: 5000 });
    const units: UnitFixture[] = (options.unitFiles ?? []).map((f) => readUnitFixture(f, subject.expectedType, describe.sections));
    ctx = {
      subject, client, describe, units, checks: new Checks(), timeoutMs: options.timeoutMs ?? 10_000, scratchDir,
      watch: new WatchLog(client), watches: [], started: new Set(),
    };
    ctx.watches.push(ctx.watch);
    await runChecks(ctx);
    const checks = ctx.checks.results;
    return { type: describe.type || subject.expectedType, socket: subject.socketPath, checks, passed: checks.every((c) => c.status !== 'fail') };
  } finally {
    if (ctx) {
      await stopStarted(ctx);
      for (const w of ctx.watches) w.close();
      ctx.client.close();
    }
    client.close();
    await subject.close();
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}
