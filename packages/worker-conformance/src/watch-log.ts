// A recorder of one Watch stream: every UnitStatus in arrival order, so a check can ask "did
// this unit report one of these states after that point, within this bound?" and read the
// snapshot (the first messages) apart from the changes.
import { grpc, type Client, type UnitStatus__Output } from '@sysmaster/proto';

type Waiter = () => void;

export class WatchLog {
  readonly events: UnitStatus__Output[] = [];
  /** Why the stream ended, null while it is open. */
  ended: string | null = null;
  private readonly stream: grpc.ClientReadableStream<UnitStatus__Output>;
  private readonly waiters = new Set<Waiter>();

  constructor(client: Client<'UnitWorker'>) {
    this.stream = client.Watch({});
    this.stream.on('data', (status: UnitStatus__Output) => {
      this.events.push(status);
      for (const w of [...this.waiters]) w();
    });
    const end = (why: string): void => {
      if (this.ended === null) this.ended = why;
      for (const w of [...this.waiters]) w();
    };
    this.stream.on('error', (error: Error) => end(error.message));
    this.stream.on('end', () => end('end of stream'));
  }

  /** The index the next event will have: a mark to look for events after. */
  mark(): number {
    return this.events.length;
  }

  /** The first event at or after `from` that satisfies `ok`, or null after `timeoutMs` (or the end of the stream). */
  waitFor(ok: (s: UnitStatus__Output) => boolean, from: number, timeoutMs: number): Promise<UnitStatus__Output | null> {
    return new Promise((resolve) => {
      const check: Waiter = () => {
        const found = this.events.slice(from).find(ok);
        if (found || this.ended !== null) {
          this.waiters.delete(check);
          clearTimeout(timer);
          resolve(found ?? null);
        }
      };
      const timer = setTimeout(() => { this.waiters.delete(check); resolve(this.events.slice(from).find(ok) ?? null); }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** Waits until at least `count` events arrived (or `timeoutMs`), then `quietMs` more, and returns how many there are. */
  async settle(count: number, timeoutMs: number, quietMs = 100): Promise<number> {
    await new Promise<void>((resolve) => {
      const check: Waiter = () => {
        if (this.events.length >= count || this.ended !== null) { this.waiters.delete(check); clearTimeout(timer); resolve(); }
      };
      const timer = setTimeout(() => { this.waiters.delete(check); resolve(); }, timeoutMs);
      this.waiters.add(check);
      check();
    });
    await new Promise((r) => setTimeout(r, quietMs));
    return this.events.length;
  }

  /** The last event of each unit. */
  latest(): Map<string, UnitStatus__Output> {
    const out = new Map<string, UnitStatus__Output>();
    for (const e of this.events) out.set(e.name, e);
    return out;
  }

  close(): void {
    if (this.ended === null) this.ended = 'closed by the kit';
    this.stream.cancel();
  }
}
