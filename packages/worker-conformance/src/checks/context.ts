// What every check sees: the worker under test, the current client and Watch recorder (both
// replaced when a check reconnects or restarts the worker), what Describe said, the unit
// fixtures, where results go, and the bound on how long a state change may take.
import { connect, type Client, type DescribeResponse__Output } from '@sysmaster/proto';
import type { Checks } from '../report';
import type { Subject } from '../subject';
import type { UnitFixture } from '../unit-requests';
import { WatchLog } from '../watch-log';

export interface Context {
  subject: Subject;
  client: Client<'UnitWorker'>;
  describe: DescribeResponse__Output;
  units: UnitFixture[];
  checks: Checks;
  /** How long a Start or Stop may take to show on Watch (ms). */
  timeoutMs: number;
  /** A folder for the broken copies of units. */
  scratchDir: string;
  /** The Watch stream of the current client. */
  watch: WatchLog;
  /** Every Watch recorder opened in this run, for the checks over all events. */
  watches: WatchLog[];
  /** The units the kit started, which cleanup stops again. */
  started: Set<string>;
}

/** Replaces the context's client and Watch recorder by fresh ones (the old ones are closed). */
export function reconnect(ctx: Context): void {
  ctx.watch.close();
  ctx.client.close();
  ctx.client = connect('UnitWorker', ctx.subject.socketPath);
  ctx.watch = new WatchLog(ctx.client);
  ctx.watches.push(ctx.watch);
}

/** A unit name the worker cannot hold. */
export function unknownUnit(type: string): string {
  return `sm-verify-no-such-unit.${type}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
