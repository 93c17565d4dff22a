// PollLimitIntervalSec=/PollLimitBurst= (systemd.socket(5), systemd 255): a transient limit on
// how often the readability of one listening fd is acted on. Each fd has its own window, which
// starts at its first event; an event beyond the burst within the window is not acted on, the fd
// is not polled until the window has passed, and then it is polled again (what arrived
// meanwhile is still pending, so it fires at once). Unlike the trigger limit, nothing fails.
import type { Logger } from '@sysmaster/worker-kit';
import type { SocketOs } from './os';

export interface PollLimit {
  /** 0 (or a burst of 0) disables the limit. */
  intervalUsec: number;
  burst: number;
}

export class PollLimiter {
  private readonly windows = new Map<number, { begin: number; count: number }>();

  constructor(private readonly unit: string, private readonly os: SocketOs, private readonly log: Logger) {}

  /** pollReadable(fd) under the limit: `onReadable` runs once, maybe after a pause. Returns cancel. */
  poll(fd: number, limit: PollLimit, onReadable: () => void): () => void {
    let cancel = this.os.pollReadable(fd, () => {
      const pauseMs = this.overLimit(fd, limit);
      if (pauseMs === 0) { onReadable(); return; }
      this.log.warn(`${this.unit}: poll limit hit on fd ${fd} (more than ${limit.burst} events in ${limit.intervalUsec / 1e6}s); pausing it for ${pauseMs} ms`, { unit: this.unit });
      cancel = this.os.setTimer(pauseMs, () => { cancel = this.poll(fd, limit, onReadable); });
    });
    return () => cancel();
  }

  /** Forgets an fd's window (it was closed). */
  forget(fd: number): void {
    this.windows.delete(fd);
  }

  /** 0 when this event may be acted on, else how long (ms) until the window ends. */
  private overLimit(fd: number, limit: PollLimit): number {
    if (limit.intervalUsec <= 0 || limit.burst <= 0) return 0;
    const now = this.os.now();
    let window = this.windows.get(fd);
    if (window === undefined || now - window.begin >= limit.intervalUsec) {
      window = { begin: now, count: 0 };
      this.windows.set(fd, window);
    }
    window.count++;
    if (window.count <= limit.burst) return 0;
    return Math.max(1, Math.ceil((window.begin + limit.intervalUsec - now) / 1000));
  }
}
