// The time index of a unit's log, for `sctl logs --since`.
//
// A service writes its log file itself (so that no manager crash can break its output), so the
// bytes carry no time. The worker does not touch the data path; it only watches the file and
// records "SIZE USEC" lines in LOG.idx: at time USEC the log held SIZE bytes, so every byte
// before SIZE was written at or before USEC, and every byte after the previous entry's size was
// written after that entry's time. Marks are taken when a process of the unit starts and at most
// every 100 ms while the file changes (a flood of output costs one stat per 100 ms), and a last
// one when the unit goes inactive. The core's Logs reads the index to start at the first byte
// written at or after --since, with the mark interval as its precision. A worker that is down
// records nothing meanwhile; its successor's marks still bound the lines correctly, only less
// finely. A log that shrank (truncated by an administrator) starts a new index.

/** What the index needs from the operating system (the real one is node:fs). */
export interface LogIndexOs {
  fileSize(path: string): number | null;
  appendFile(path: string, text: string): void;
  removeFile(path: string): void;
  /** Calls onChange when the file changes; returns a function that stops watching. */
  watchFile(path: string, onChange: () => void): () => void;
  now(): number;
  after(ms: number, fn: () => void): () => void;
}

const INDEX_SUFFIX = '.idx';
const MARK_INTERVAL_MS = 100;

export class LogIndex {
  private lastSize = -1;
  private stopWatching: (() => void) | null = null;
  private cancelTimer: (() => void) | null = null;

  constructor(private readonly logPath: string, private readonly os: LogIndexOs) {}

  /** Records the log's size now, unless it did not change since the last mark. */
  mark(): void {
    const size = this.os.fileSize(this.logPath);
    if (size === null || size === this.lastSize) return;
    try {
      if (size < this.lastSize) this.os.removeFile(this.logPath + INDEX_SUFFIX);
      this.os.appendFile(this.logPath + INDEX_SUFFIX, `${size} ${this.os.now()}\n`);
      this.lastSize = size;
    } catch {
      // The index is a convenience: a failed mark only makes --since coarser.
    }
  }

  /** Marks now, then follows the file while the unit runs (creating it, so it can be watched). */
  follow(): void {
    if (this.os.fileSize(this.logPath) === null) {
      try {
        this.os.appendFile(this.logPath, ''); // what the child's own open would create
      } catch {
        // no log folder yet: the start's own open reports that
      }
    }
    this.mark();
    if (this.stopWatching) return;
    try {
      this.stopWatching = this.os.watchFile(this.logPath, () => this.schedule());
    } catch {
      this.stopWatching = null; // no file yet or no inotify: marks at starts and stops still bound
    }
  }

  /** Stops following; `final` takes a last mark (the unit went inactive). */
  stop(final = true): void {
    this.stopWatching?.();
    this.stopWatching = null;
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (final) this.mark();
  }

  private schedule(): void {
    if (this.cancelTimer) return;
    this.cancelTimer = this.os.after(MARK_INTERVAL_MS, () => {
      this.cancelTimer = null;
      this.mark();
    });
  }
}
