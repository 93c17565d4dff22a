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
// instead of queueing a second restart. Job writes are asynchronous puts, which lmdb commits
// together at the end of the event-loop turn (one transaction: all or none of them).
import fs from 'node:fs';
import path from 'node:path';
import { open, type RootDatabase } from 'lmdb';
import type { JobView } from './manager-core';
import type { JobRecord } from './job/journal';

/** How many finished jobs and answered request ids the store keeps. */
const FINISHED_KEPT = 1024;
const REQUESTS_KEPT = 1024;

interface BootRecord {
  bootId: string;
  enqueued: boolean;
  completed: boolean;
}

/** The store seam (memoryStore() in tests). */
export interface CoreStore {
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

/** Opens (creating) the lmdb store in `dir`; `presetMarker` is the file that outlives reboots. */
export function openStore(dir: string, bootId = currentBootId(), presetMarker: string | null = null): CoreStore {
  fs.mkdirSync(dir, { recursive: true });
  const db: RootDatabase<unknown, string> = open<unknown, string>({ path: path.join(dir, 'core.mdb'), compression: false });
  const stored = db.get('boot') as BootRecord | undefined;
  if (!stored || stored.bootId !== bootId) {
    db.putSync('boot', { bootId, enqueued: false, completed: false } satisfies BootRecord);
    db.putSync('userStopped', []);
    db.transactionSync(() => {
      for (const key of db.getKeys()) if (/^(job|done|request)\//.test(key)) db.removeSync(key);
    });
  }
  const finishedOrder: number[] = [];
  const requestOrder: number[] = [];
  for (const { value } of db.getRange({ start: 'done/', end: 'done0' })) finishedOrder.push((value as JobView).id);
  finishedOrder.sort((a, b) => a - b);
  for (const { value } of db.getRange({ start: 'request/', end: 'request0' })) requestOrder.push((value as { seq: number }).seq);
  requestOrder.sort((a, b) => a - b);
  let requestSeq = requestOrder.at(-1) ?? 0;
  let nextId = typeof db.get('nextJobId') === 'number' ? (db.get('nextJobId') as number) : 1;
  return {
    boot: () => db.get('boot') as BootRecord,
    setBoot: (record) => db.putSync('boot', record),
    takeJobId: () => {
      const id = nextId++;
      db.putSync('nextJobId', nextId);
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
    jobs: () => ({
      installed: [...db.getRange({ start: 'job/', end: 'job0' })].map((e) => e.value as JobRecord).sort((a, b) => a.id - b.id),
      finished: finishedOrder.map((id) => db.get(`done/${id}`) as JobView | undefined).filter((v): v is JobView => v !== undefined),
    }),
    writeJobs: (installed, finished) => {
      for (const record of installed) void db.put(`job/${record.id}`, record);
      for (const view of finished) {
        void db.remove(`job/${view.id}`);
        void db.put(`done/${view.id}`, view);
        finishedOrder.push(view.id);
      }
      pruneOldest(db, 'done/', FINISHED_KEPT, finishedOrder);
    },
    request: (id) => (db.get(`request/${id}`) as { jobIds: number[] } | undefined)?.jobIds,
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
    flush: async () => {
      await db.flushed;
    },
    close: () => db.close(),
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
    flush: async () => undefined,
    close: async () => undefined,
  };
}
