// Durable JSON state. A worker persists the runtime state of its units so that a new worker,
// started after the old one was killed at any instant, finds a consistent picture. The write is
// atomic: the document goes to a temporary file in the same folder, which is fsync'ed and then
// renamed over the old one (rename is atomic within a filesystem), and the folder is fsync'ed so
// the rename itself is durable. A reader therefore sees the old or the new document, never a mix.
import fs from 'node:fs';
import path from 'node:path';
import { SysmasterError } from '@sysmaster/proto';

/**
 * Writes `value` as JSON to `file` atomically (temp + fsync + rename), creating the folder.
 * `syncDir: false` leaves the folder's fsync to the caller (one for a batch of files).
 */
export function writeJsonAtomic(file: string, value: unknown, options: { syncDir?: boolean } = {}): void {
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
  if (options.syncDir !== false) syncDirectory(dir);
}

/** fsync of a folder, so the renames in it are durable. */
function syncDirectory(dir: string): void {
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
 * Durable records, one JSON file per key in one folder: the runtime state of each unit of a
 * worker. `markDirty(key)` coalesces the changes of one turn of the event loop and writes only
 * the records that changed (each atomically, then one fsync of the folder), so the cost of a
 * change does not grow with the number of units (a single document rewritten on every change
 * made a boot of 1,000 services quadratic). `flush()` writes at once (used before exiting).
 * A record whose snapshot is undefined is deleted. Write errors are reported, never thrown.
 */
export class DurableJsonRecords {
  private readonly dirty = new Set<string>();
  private scheduled = false;

  constructor(
    readonly dir: string,
    private readonly snapshot: (key: string) => unknown,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Every stored record by key; a record that cannot be read is reported and skipped. */
  readAll(): Map<string, unknown> {
    const out = new Map<string, unknown>();
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.onError(error);
      return out;
    }
    for (const name of names) {
      if (name.startsWith('.')) {
        fs.rmSync(path.join(this.dir, name), { force: true }); // a temp file of a write cut short
        continue;
      }
      if (!name.endsWith('.json')) continue;
      try {
        out.set(decodeURIComponent(name.slice(0, -'.json'.length)), readJsonFile(path.join(this.dir, name)));
      } catch (error) {
        this.onError(error);
      }
    }
    return out;
  }

  /** Schedules a write of this record at the end of this turn of the event loop. */
  markDirty(key: string): void {
    this.dirty.add(key);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes every dirty record now. */
  flush(): void {
    this.scheduled = false;
    if (this.dirty.size === 0) return;
    const keys = [...this.dirty];
    this.dirty.clear();
    for (const key of keys) {
      const file = path.join(this.dir, `${encodeURIComponent(key)}.json`);
      try {
        const value = this.snapshot(key);
        if (value === undefined) fs.rmSync(file, { force: true });
        else writeJsonAtomic(file, value, { syncDir: false });
      } catch (error) {
        this.onError(error);
      }
    }
    syncDirectory(this.dir);
  }
}
