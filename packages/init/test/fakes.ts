// Test doubles for the seam: a manual clock and a silent logger that keeps what it was told.
import type { Clock } from '../src/sys-seam';

/** A clock whose time moves only when the test says so; timers fire in time order. */
export class ManualClock implements Clock {
  private time = 0;
  private seq = 0;
  private timers: { at: number; seq: number; fn: () => void }[] = [];

  now(): number {
    return this.time;
  }

  after(ms: number, fn: () => void): () => void {
    const timer = { at: this.time + ms, seq: this.seq++, fn };
    this.timers.push(timer);
    return () => { this.timers = this.timers.filter((t) => t !== timer); };
  }

  /** Moves time forward by ms, firing due timers and letting promise callbacks run between them. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      await flush();
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.time = next.at;
      next.fn();
    }
    this.time = until;
    await flush();
  }

  pending(): number {
    return this.timers.length;
  }
}

/** Lets queued promise callbacks run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export interface LogLine { level: string; message: string; meta?: object }

export function memoryLog(): { lines: LogLine[]; info(m: string, meta?: object): void; warn(m: string, meta?: object): void; error(m: string, meta?: object): void } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (message, meta) => { lines.push({ level: 'info', message, meta }); },
    warn: (message, meta) => { lines.push({ level: 'warn', message, meta }); },
    error: (message, meta) => { lines.push({ level: 'error', message, meta }); },
  };
}
