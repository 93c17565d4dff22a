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
import fs from 'node:fs';
import path from 'node:path';
import { open, type RootDatabase } from 'lmdb';

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
  close(): void;
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
  }
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
    close: () => {
      void db.close();
    },
  };
}

/** A store in memory, for tests and as the fallback when lmdb cannot open its files. */
export function memoryStore(bootId = 'memory'): CoreStore {
  let boot: BootRecord = { bootId, enqueued: false, completed: false };
  let next = 1;
  let stopped = new Set<string>();
  let presets = false;
  return {
    boot: () => ({ ...boot }),
    setBoot: (record) => { boot = { ...record }; },
    takeJobId: () => next++,
    userStopped: () => new Set(stopped),
    setUserStopped: (units) => { stopped = new Set(units); },
    presetsApplied: () => presets,
    setPresetsApplied: () => { presets = true; },
    close: () => undefined,
  };
}
