// The core's persisted runtime state (docs/architecture.md "Persistence"): what a new core needs
// after a crash or a re-exec so that it starts nothing twice. lmdb is crash-safe (copy-on-write B-tree, each put a
// committed transaction), so a SIGKILL at any instant leaves the previous or the new value.
//
// Keys: 'boot' — the kernel boot id this state belongs to and whether the boot transaction was
// enqueued and completed (a store from an earlier boot is discarded); 'nextJobId';
// 'userStopped' — units stopped by a user request since boot (a re-run of an interrupted boot
// transaction does not pull them in again); 'presetsApplied' — the presets ran once (first boot).
// That one outlives a new boot id, and, since /run is lost at reboot, is mirrored by a marker
// file under the configuration folder: presets never again override a user's choice.
// 'job/ID' — each installed job (job/journal.ts's JobRecord), removed when it ends; 'done/ID' —
// the last FINISHED_KEPT finished jobs, so a client that waits on a job across a core crash
// still learns its result; 'request/ID' — the jobs a client request id was answered with
// (UnitJobRequest.request_id), the last REQUESTS_KEPT, so a retried request is answered again
// instead of queueing a second restart; 'startLimit/UNIT' — a unit's counted starts and whether
// it hit its start limit (job/start-limit.ts). Job and start-limit writes are asynchronous puts, which lmdb commits
// together at the end of the event-loop turn (one transaction: all or none of them).
import fs from 'node:fs';
import path from 'node:path';
import { open, type RootDatabase } from 'lmdb';
import type { JobView } from './manager-core';
import { isJobRecord, isJobView, type JobRecord } from './job/journal';
import type { StartLimitRecord, StartLimitRecords } from './job/start-limit';

/**
 * The layout revision of the store. 1: boot, nextJobId, userStopped, presetsApplied (no version
 * key); 2: adds the job journal and request ids. An older store is taken over as it is; a newer
 * one (a downgrade) is not understood: it is reported and cleared, keeping only presetsApplied, and
 * the running system is what the next core learns from (its workers' List).
 */
const STORE_VERSION = 2;

/** How many finished jobs and answered request ids the store keeps. */
const FINISHED_KEPT = 1024;
const REQUESTS_KEPT = 1024;

interface BootRecord {
  bootId: string;
  enqueued: boolean;
  completed: boolean;
}

/** The store seam (memoryStore() in tests). */
export interface CoreStore extends StartLimitRecords {
  boot(): BootRecord;
  setBoot(record: BootRecord): void;
  /** Returns the next job id and persists the one after it. */
  takeJobId(): number;
  userStopped(): Set<string>;
  setUserStopped(units: Set<string>): void;
  /** Whether the presets were applied (at first boot); never reset. */
  presetsApplied(): boolean;
  setPresetsApplied(): void;
  /** The jobs that were installed when the previous core ended, and the last finished ones. */
  jobs(): { installed: JobRecord[]; finished: JobView[] };
  /** Writes installed jobs' new records, and moves ended jobs to the finished ones. */
  writeJobs(installed: JobRecord[], finished: JobView[]): void;
  /** The job ids a request id was answered with, or undefined. */
  request(id: string): number[] | undefined;
  /** Records (durably, before the answer is sent) the job ids a request id was answered with. */
  setRequest(id: string, jobIds: number[]): void;
  /** Resolves once every write made so far is committed (before a re-exec). */
  flush(): Promise<void>;
  /** Commits what is pending and closes the database; resolves when it is closed. */
  close(): Promise<void>;
}

/** Keeps the newest `keep` keys of a prefix whose suffix is an increasing number. */
function pruneOldest(db: RootDatabase<unknown, string>, prefix: string, keep: number, order: number[]): void {
  while (order.length > keep) void db.remove(`${prefix}${order.shift()!}`);
}

/** The kernel's boot id, so state from a previous boot is never mistaken for this one. */
function currentBootId(): string {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'unknown';
  }
}

/**
 * Opens the store in `dir`; a file lmdb cannot open (torn by a full disk, garbage, another
 * format) is moved aside as core.mdb.corrupt-TIME and a new one made; when even that fails, a
 * memory store. `report` hears every such decision.
 */
export function openStoreSafely(dir: string, report: (message: string) => void, presetMarker: string | null = null, bootId = currentBootId()): CoreStore {
  try {
    return openStore(dir, bootId, presetMarker, report);
  } catch (error) {
    const file = path.join(dir, 'core.mdb');
    const aside = `${file}.corrupt-${Date.now()}`;
    report(`the state store ${file} cannot be opened (${(error as Error).message}); it is moved to ${aside} and rebuilt from the running system`);
    try {
      fs.renameSync(file, aside);
      fs.rmSync(`${file}-lock`, { force: true });
      return openStore(dir, bootId, presetMarker, report);
    } catch (again) {
      report(`cannot make a new state store in ${dir} (${(again as Error).message}); state is kept in memory only`);
      return memoryStore();
    }
  }
}

/** LMDB's meta-page magic (0xBEEFC0DE), at the start of the meta data after the page header. */
const LMDB_MAGIC = 0xbeefc0de;

/**
 * Whether `file` is absent or starts with an LMDB meta page: lmdb maps the file and trusts its
 * meta page, so garbage there crashes the process (SIGSEGV) instead of failing the open.
 */
function looksLikeLmdb(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return true; // absent: lmdb makes it
  }
  try {
    const head = Buffer.alloc(32);
    const n = fs.readSync(fd, head, 0, 32, 0);
    if (n === 0) return true;
    return n === 32 && (head.readUInt32LE(24) === LMDB_MAGIC || head.readUInt32LE(16) === LMDB_MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether every key but the ones that outlive everything may be dropped from a store of `version`. */
function understood(version: unknown): boolean {
  return version === undefined || (typeof version === 'number' && version <= STORE_VERSION);
}

/** Opens (creating) the lmdb store in `dir`; `presetMarker` is the file that outlives reboots. */
export function openStore(dir: string, bootId = currentBootId(), presetMarker: string | null = null, report: (message: string) => void = () => undefined): CoreStore {
  return guarded(openLmdbStore(dir, bootId, presetMarker, report), bootId, report);
}

/**
 * What a store call answers when the store fails (lmdb's errors, a full /run: ENOSPC): reads say
 * "nothing recorded" in the direction that starts nothing — the boot counts as done, the presets
 * as applied — and writes are dropped; the core carries on with what it holds in memory.
 */
function fallbackOf(method: keyof CoreStore, bootId: string): unknown {
  switch (method) {
    case 'boot': return { bootId, enqueued: true, completed: true };
    case 'userStopped': return new Set<string>();
    case 'presetsApplied': return true;
    case 'jobs': return { installed: [], finished: [] };
    case 'startLimits': return new Map();
    case 'flush': case 'close': return Promise.resolve();
    default: return undefined;
  }
}

/** The store with every call that throws reported once per method and answered by fallbackOf. */
function guarded(store: CoreStore, bootId: string, report: (message: string) => void): CoreStore {
  const out: Record<string, unknown> = {};
  const reported = new Set<string>();
  for (const [method, call] of Object.entries(store) as Array<[keyof CoreStore, (...args: unknown[]) => unknown]>) {
    out[method] = (...args: unknown[]): unknown => {
      try {
        return call(...args);
      } catch (error) {
        if (!reported.has(method)) report(`the state store failed in ${method} (${(error as Error).message}); the core carries on without it`);
        reported.add(method);
        return fallbackOf(method, bootId);
      }
    };
  }
  return out as unknown as CoreStore;
}

function openLmdbStore(dir: string, bootId: string, presetMarker: string | null, report: (message: string) => void): CoreStore {
  fs.mkdirSync(dir, { recursive: true });
  if (!looksLikeLmdb(path.join(dir, 'core.mdb'))) throw new Error('its first page is not an LMDB meta page');
  const db: RootDatabase<unknown, string> = open<unknown, string>({ path: path.join(dir, 'core.mdb'), compression: false });
  const version = db.get('storeVersion');
  if (!understood(version)) {
    report(`the state store is of layout ${String(version)}, newer than this core's ${STORE_VERSION}: it is cleared (presets applied are kept) and rebuilt from the running system`);
    db.transactionSync(() => {
      for (const key of db.getKeys()) if (key !== 'presetsApplied') db.removeSync(key);
    });
  }
  if (version !== STORE_VERSION) db.putSync('storeVersion', STORE_VERSION);
  const stored = db.get('boot') as BootRecord | undefined;
  if (!stored || stored.bootId !== bootId) {
    db.putSync('boot', { bootId, enqueued: false, completed: false } satisfies BootRecord);
    db.putSync('userStopped', []);
    db.transactionSync(() => {
      for (const key of db.getKeys()) if (/^(job|done|request|startLimit)\//.test(key)) db.removeSync(key);
    });
  }
  const finishedOrder: number[] = [];
  const requestOrder: number[] = [];
  for (const { value } of db.getRange({ start: 'done/', end: 'done0' })) if (isJobView(value)) finishedOrder.push(value.id);
  finishedOrder.sort((a, b) => a - b);
  for (const { value } of db.getRange({ start: 'request/', end: 'request0' })) {
    const seq = (value as { seq?: unknown } | undefined)?.seq;
    if (typeof seq === 'number') requestOrder.push(seq);
  }
  requestOrder.sort((a, b) => a - b);
  let requestSeq = requestOrder.at(-1) ?? 0;
  let nextId = typeof db.get('nextJobId') === 'number' ? (db.get('nextJobId') as number) : 1;
  // Asynchronous writes that failed (ENOSPC on a full /run, lmdb's errors) are made again every
  // half second, newest value per key, until they succeed; flush() waits for them (at most 5 s).
  const retry = new Map<string, unknown>();
  let retryTimer: NodeJS.Timeout | null = null;
  /** Writes not settled yet: what flush() waits for (lmdb's own `flushed` may wait for a later batch). */
  const pending = new Set<Promise<unknown>>();
  const write = (key: string, value: unknown): void => {
    retry.delete(key);
    const done: Promise<unknown> = value === undefined ? db.remove(key) : db.put(key, value);
    pending.add(done);
    done.then(() => { pending.delete(done); }, (error: unknown) => {
      pending.delete(done);
      if (!retry.has(key)) retry.set(key, value);
      if (retry.size === 1) report(`the state store cannot write (${(error as Error).message}); retrying`);
      retryTimer ??= setTimeout(() => {
        retryTimer = null;
        for (const [k, v] of [...retry]) write(k, v);
      }, 500);
    });
  };
  return {
    boot: () => db.get('boot') as BootRecord,
    setBoot: (record) => db.putSync('boot', record),
    takeJobId: () => {
      const id = nextId++;
      try {
        db.putSync('nextJobId', nextId);
      } catch (error) {
        report(`the state store cannot keep the next job id (${(error as Error).message}); ids go on from memory`);
      }
      return id;
    },
    userStopped: () => new Set((db.get('userStopped') as string[] | undefined) ?? []),
    setUserStopped: (units) => db.putSync('userStopped', [...units].sort()),
    presetsApplied: () => db.get('presetsApplied') === true || (presetMarker !== null && fs.existsSync(presetMarker)),
    setPresetsApplied: () => {
      db.putSync('presetsApplied', true);
      if (presetMarker === null) return;
      try {
        fs.mkdirSync(path.dirname(presetMarker), { recursive: true });
        fs.writeFileSync(presetMarker, 'Presets were applied at first boot; delete this file to apply them again at the next boot.\n');
      } catch {
        // A read-only /etc: the store still remembers it for this boot.
      }
    },
    jobs: () => {
      const records = [...db.getRange({ start: 'job/', end: 'job0' })].map((e) => e.value);
      const installed = records.filter(isJobRecord).sort((a, b) => a.id - b.id);
      if (installed.length < records.length) report(`${records.length - installed.length} job record(s) in the store are malformed and were skipped`);
      return { installed, finished: finishedOrder.map((id) => db.get(`done/${id}`)).filter(isJobView) };
    },
    writeJobs: (installed, finished) => {
      for (const record of installed) write(`job/${record.id}`, record);
      for (const view of finished) {
        write(`job/${view.id}`, undefined);
        write(`done/${view.id}`, view);
        finishedOrder.push(view.id);
      }
      pruneOldest(db, 'done/', FINISHED_KEPT, finishedOrder);
    },
    request: (id) => {
      const ids = (db.get(`request/${id}`) as { jobIds?: unknown } | undefined)?.jobIds;
      return Array.isArray(ids) && ids.every((n) => typeof n === 'number') ? ids : undefined;
    },
    setRequest: (id, jobIds) => {
      db.putSync(`request/${id}`, { seq: ++requestSeq, jobIds });
      requestOrder.push(requestSeq);
      if (requestOrder.length > REQUESTS_KEPT) {
        const cutoff = requestOrder.shift()!;
        for (const { key, value } of db.getRange({ start: 'request/', end: 'request0' })) {
          if ((value as { seq: number }).seq <= cutoff) void db.remove(key);
        }
      }
    },
    startLimits: () => {
      const out = new Map<string, StartLimitRecord>();
      for (const { key, value } of db.getRange({ start: 'startLimit/', end: 'startLimit0' })) {
        const r = value as Partial<StartLimitRecord> | undefined;
        if (Array.isArray(r?.starts) && r.starts.every((n) => typeof n === 'number') && typeof r.hit === 'boolean') out.set(key.slice('startLimit/'.length), { starts: r.starts, hit: r.hit });
      }
      return out;
    },
    setStartLimit: (unit, record) => write(`startLimit/${unit}`, record ?? undefined),
    flush: async () => {
      await Promise.allSettled([...pending]);
      const deadline = Date.now() + 5_000;
      while (retry.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    },
    close: () => {
      if (retryTimer) clearTimeout(retryTimer);
      return db.close();
    },
  };
}

/** A store in memory, for tests and as the fallback when lmdb cannot open its files. */
export function memoryStore(bootId = 'memory'): CoreStore {
  let boot: BootRecord = { bootId, enqueued: false, completed: false };
  let next = 1;
  let stopped = new Set<string>();
  let presets = false;
  const installedJobs = new Map<number, JobRecord>();
  const finishedJobs = new Map<number, JobView>();
  const requests = new Map<string, number[]>();
  const limits = new Map<string, StartLimitRecord>();
  return {
    boot: () => ({ ...boot }),
    setBoot: (record) => { boot = { ...record }; },
    takeJobId: () => next++,
    userStopped: () => new Set(stopped),
    setUserStopped: (units) => { stopped = new Set(units); },
    presetsApplied: () => presets,
    setPresetsApplied: () => { presets = true; },
    jobs: () => ({ installed: [...installedJobs.values()].sort((a, b) => a.id - b.id), finished: [...finishedJobs.values()] }),
    writeJobs: (installed, finished) => {
      for (const record of installed) installedJobs.set(record.id, { ...record });
      for (const view of finished) {
        installedJobs.delete(view.id);
        finishedJobs.set(view.id, { ...view });
      }
      for (const id of finishedJobs.keys()) if (finishedJobs.size > FINISHED_KEPT) finishedJobs.delete(id);
    },
    request: (id) => requests.get(id),
    setRequest: (id, jobIds) => {
      requests.set(id, [...jobIds]);
      for (const key of requests.keys()) if (requests.size > REQUESTS_KEPT) requests.delete(key);
    },
    startLimits: () => new Map([...limits].map(([u, r]) => [u, { starts: [...r.starts], hit: r.hit }])),
    setStartLimit: (unit, record) => {
      if (record === null) limits.delete(unit);
      else limits.set(unit, { starts: [...record.starts], hit: record.hit });
    },
    flush: async () => undefined,
    close: async () => undefined,
  };
}
