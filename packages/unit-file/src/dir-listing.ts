// Directory listings for the search path, cached by the directory's modification time.
//
// Loading one unit looks into every directory of the search path several times (fragment,
// drop-in and .wants/.requires folders, and a scan for alias links). Listing the same folders
// again for each of N units made loading N units quadratic (1,000 units: ~0.9 s, most of it in
// readdir). A listing is kept with the folder's mtime (nanoseconds) and reused while one stat
// says the folder is unchanged: any entry added, removed or renamed changes the mtime, so a
// cached listing is never stale about names. What an entry points to is not cached.
import { readdirSync, statSync } from 'node:fs';

export interface Listing {
  /** Every entry name, sorted. */
  names: string[];
  /** The names that are symbolic links (the only candidates for aliases). */
  symlinks: string[];
  /** The names that are directories. */
  directories: ReadonlySet<string>;
}

interface Cached extends Listing { mtimeNs: bigint; ino: bigint }

const cache = new Map<string, Cached>();
const MAX_CACHED = 10_000;

/**
 * The listing of `path`; null when it does not exist or is not a directory. Other errors are
 * thrown (the caller reports them as problems).
 */
export function listDirectory(path: string): Listing | null {
  let stat;
  try {
    // Most folders asked for (drop-in and .wants/ folders) do not exist: no exception for those.
    stat = statSync(path, { bigint: true, throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
  }
  if (!stat?.isDirectory()) {
    cache.delete(path);
    return null;
  }
  const hit = cache.get(path);
  if (hit && hit.mtimeNs === stat.mtimeNs && hit.ino === stat.ino) return hit;
  const entries = readdirSync(path, { withFileTypes: true });
  const names = entries.map((e) => e.name).sort();
  const listing: Cached = {
    names,
    symlinks: entries.filter((e) => e.isSymbolicLink()).map((e) => e.name).sort(),
    directories: new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name)),
    mtimeNs: stat.mtimeNs,
    ino: stat.ino,
  };
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(path, listing);
  return listing;
}
