// The listening fds of the socket units that activate a service (Accept=no socket activation).
//
// The socket worker keeps each listening socket unit's fds in an fd holder process and leaves a
// record per unit in $SYSMASTER_RUNTIME_DIR/sockets/<unit>.json (format and reasons:
// packages/worker-socket/src/handover.ts):
//   { "unit": "echo.socket", "service": "echo.service", "holderPid": 1234, "names": ["echo.socket"] }
// Right before the main process of a service is spawned, socketFdsFor() collects the fds of every
// record that names the service (or whose socket the service's Sockets= lists), in the order of the socket units' names, by copying them out of
// each holder with @sysmaster/sys's takeFdsFromHolder(), which checks that the holder's argv[0]
// is still "sm-socket-fds@<unit>" (a reused pid is not trusted). They go first in LISTEN_FDS, before the
// fd store's, as systemd orders them; LISTEN_FDNAMES carries their names. The copies are this
// worker's to close once the service has its own (release()); spawn() clears O_NONBLOCK on the
// fds it passes, which the socket worker's poll had set on the shared open file description.
// A holder that is gone or unreadable costs that socket's fds, with a warning; the service
// still starts. A record may name the service by an alias (Debian's syslog.socket says
// syslog.service, which `enable` makes an alias of rsyslog.service): a record naming another
// unit counts when that name resolves, in the unit search path, to this service (UnitIds
// remembers the answers until the next Load). No record, or only records naming the service
// itself, costs no look-up.
import fs from 'node:fs';
import path from 'node:path';
import { runtimePaths } from '@sysmaster/proto';
import * as sys from '@sysmaster/sys';
import { defaultUnitPath, loadUnitSource } from '@sysmaster/unit-file';
import type { Logger } from '@sysmaster/worker-kit';

export interface SocketFds {
  fds: number[];
  names: string[];
  /** Closes this worker's copies (call after the spawn, whether it worked or not). */
  release(): void;
}

interface Record_ { unit: string; service: string; holderPid: number; names: string[] }

/** The real name (id) of a unit name, following alias symlinks in the unit search path. */
export type UnitIdResolver = (name: string) => string;
const searchPathId: UnitIdResolver = (name) => loadUnitSource(name, defaultUnitPath()).id;

/**
 * The search path's answers, remembered per name until forget(). An alias appears or goes with
 * `enable`/`disable` and takes effect at a daemon-reload, when the core Loads every unit again
 * (systemd too resolves a socket's Service= when it loads units): the service worker forgets at
 * each Load, rather than loading the files of every record's service at every spawn.
 */
export class UnitIds {
  private readonly known = new Map<string, string>();

  constructor(private readonly lookUp: UnitIdResolver = searchPathId) {}

  readonly resolve: UnitIdResolver = (name) => {
    let id = this.known.get(name);
    if (id === undefined) {
      id = this.lookUp(name);
      this.known.set(name, id);
    }
    return id;
  };

  forget(): void {
    this.known.clear();
  }
}

function records(dir: string, service: string, resolve: UnitIdResolver, sockets: readonly string[]): Record_[] {
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
  } catch {
    return [];
  }
  const out: Record_[] = [];
  for (const file of files) {
    try {
      const r = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Partial<Record_>;
      const named = typeof r.unit === 'string' && sockets.includes(r.unit);
      if (!named && (typeof r.service !== 'string' || (r.service !== service && resolve(r.service) !== service))) continue;
      if (typeof r.unit === 'string' && typeof r.holderPid === 'number' && Array.isArray(r.names)) {
        out.push({ unit: r.unit, service, holderPid: r.holderPid, names: r.names.map(String) });
      }
    } catch { /* a record being replaced or removed: skip it */ }
  }
  return out;
}

/** argv[0] of the fd holder of a socket unit (the socket worker's handover.ts names it so). */
function holderName(unit: string): string {
  return `sm-socket-fds@${unit}`;
}

/** The socket fds for `service`'s main process, or null when no listening socket names it. */
export function socketFdsFor(service: string, log: Logger, dir = path.join(runtimePaths().dir, 'sockets'),
  resolve: UnitIdResolver = searchPathId, sockets: readonly string[] = []): SocketFds | null {
  const fds: number[] = [];
  const names: string[] = [];
  for (const record of records(dir, service, resolve, sockets)) {
    if (record.holderPid <= 0) continue;
    try {
      const copies = sys.takeFdsFromHolder(record.holderPid, holderName(record.unit), record.names.length);
      fds.push(...copies);
      names.push(...record.names);
    } catch (error) {
      log.warn(`${service}: cannot take the listening fds of ${record.unit}: ${(error as Error).message}`, { unit: service });
    }
  }
  if (fds.length === 0) return null;
  log.info(`${service}: passing ${fds.length} socket fd(s) (${[...new Set(names)].join(', ')})`, { unit: service });
  return {
    fds, names,
    release: () => {
      for (const fd of fds) {
        try { sys.closeFd(fd); } catch { /* already closed */ }
      }
    },
  };
}

/** The fds (and names) of a main process: the sockets' first, then the fd store's (systemd's order). */
export function passedFds(sockets: SocketFds | null, store: { fds: number[]; names: string[] }): { fds?: number[]; fdNames?: string[] } {
  const fds = [...(sockets?.fds ?? []), ...store.fds];
  if (fds.length === 0) return {};
  return { fds, fdNames: [...(sockets?.names ?? []), ...store.names] };
}
