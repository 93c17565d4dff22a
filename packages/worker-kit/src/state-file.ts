// Durable JSON state. A worker persists the runtime state of its units so that a new worker,
// started after the old one was killed at any instant, finds a consistent picture. The write is
// atomic: the document goes to a temporary file in the same folder, which is fsync'ed and then
// renamed over the old one (rename is atomic within a filesystem), and the folder is fsync'ed so
// the rename itself is durable. A reader therefore sees the old or the new document, never a mix.
import fs from 'node:fs';
import path from 'node:path';
import { SysmasterError } from '@sysmaster/proto';

/** Writes `value` as JSON to `file` atomically (temp + fsync + rename), creating the folder. */
export function writeJsonAtomic(file: string, value: unknown): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(value));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  try {
    const dirFd = fs.openSync(dir, 'r');
    try { fs.fsyncSync(dirFd); } finally { fs.closeSync(dirFd); }
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic.
  }
}

/**
 * Reads the JSON document at `file`; undefined when the file does not exist. A file that is not
 * valid JSON throws ERR_SYSTEM naming the file (the caller decides whether to start empty).
 */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SysmasterError('ERR_SYSTEM', `cannot read state file ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SysmasterError('ERR_SYSTEM', `state file ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * A state file written on change. `markDirty()` coalesces every change made in one turn of the
 * event loop into one atomic write (so a burst of 1000 unit changes costs one fsync); `flush()`
 * writes at once (used before exiting). A write error is reported, never thrown into the loop.
 */
export class DurableJsonFile {
  private pending = false;

  constructor(
    readonly file: string,
    private readonly snapshot: () => unknown,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** The stored document, or undefined when there is none. */
  read(): unknown {
    return readJsonFile(this.file);
  }

  /** Schedules a write of the current snapshot at the end of this turn of the event loop. */
  markDirty(): void {
    if (this.pending) return;
    this.pending = true;
    setImmediate(() => this.flush());
  }

  /** Writes the current snapshot now. */
  flush(): void {
    this.pending = false;
    try {
      writeJsonAtomic(this.file, this.snapshot());
    } catch (error) {
      this.onError(error);
    }
  }
}
