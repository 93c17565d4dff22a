// The file-descriptor store of a service (FDSTORE=1, systemd.service(5) FileDescriptorStoreMax=).
//
// A service hands fds to the manager to get them back at its next start (as LISTEN_FDS, named in
// LISTEN_FDNAMES): a daemon restarted after a crash or an upgrade keeps its listening sockets and
// open connections. The worker holds them; so that they also survive a crash of the worker
// itself, every change of the store starts a tiny holder process (`sleep infinity` with the fds
// at 3, 4, …, outside the unit's cgroup) and ends the previous one. The holder's pid and the fd
// names are part of the unit's persisted runtime; a new worker copies the fds back from the
// holder with pidfd_getfd(2) (restore()). Holders are @sysmaster/sys's fd holders, named
// `sm-fdstore` in argv[0]: a holder that is gone, or a pid reused by another process, loses the
// store with a warning (the name no longer matches), and is never signalled when it is ended.
//
// The store is kept across automatic restarts and restarts requested by a job (the Stop carries
// UnitRequest.restart), and released when the unit comes to rest after any other stop or failure
// (systemd's FileDescriptorStorePreserve=no, the default).
import type { Logger } from '@sysmaster/worker-kit';
import type { ServiceOs } from './os';

export interface StoredFd { fd: number; name: string }

/** What the persisted runtime keeps of the store. */
export interface SavedFdStore { holderPid: number; names: string[] }

export class FdStore {
  private entries: StoredFd[] = [];
  private holderPid = 0;

  constructor(private readonly os: ServiceOs, private readonly log: Logger, private readonly unit: string) {}

  get size(): number { return this.entries.length; }
  get fds(): number[] { return this.entries.map((e) => e.fd); }
  get names(): string[] { return this.entries.map((e) => e.name); }
  saved(): SavedFdStore { return { holderPid: this.holderPid, names: this.names }; }

  /** Keeps as many of `fds` as `max` allows under `name`; the caller closes the rest (returned). */
  add(fds: number[], name: string, max: number): number[] {
    const room = Math.max(0, max - this.entries.length);
    const kept = fds.slice(0, room);
    if (kept.length < fds.length) this.log.warn(`${this.unit}: FileDescriptorStoreMax=${max} reached; closing ${fds.length - kept.length} fd(s)`);
    if (kept.length === 0) return fds;
    for (const fd of kept) this.entries.push({ fd, name });
    this.persist();
    return fds.slice(room);
  }

  /** Closes and forgets every stored fd named `name`. */
  remove(name: string): void {
    const gone = this.entries.filter((e) => e.name === name);
    if (gone.length === 0) return;
    for (const e of gone) this.os.closeFd(e.fd);
    this.entries = this.entries.filter((e) => e.name !== name);
    this.persist();
  }

  /** Closes every stored fd and ends the holder. */
  release(): void {
    if (this.entries.length > 0) this.log.info(`${this.unit}: releasing ${this.entries.length} stored fd(s)`);
    for (const e of this.entries) this.os.closeFd(e.fd);
    this.entries = [];
    this.endHolder();
  }

  /** Takes the store back from the holder a previous worker left. */
  restore(saved: SavedFdStore | undefined): void {
    if (!saved || saved.holderPid <= 0 || saved.names.length === 0) return;
    try {
      const fds = this.os.retrieveFds(saved.holderPid, saved.names.length);
      this.entries = fds.map((fd, i) => ({ fd, name: saved.names[i] ?? 'stored' }));
      this.holderPid = saved.holderPid;
      this.log.info(`${this.unit}: took back ${fds.length} stored fd(s) from holder ${saved.holderPid}`);
    } catch (error) {
      this.log.warn(`${this.unit}: the fd store held by pid ${saved.holderPid} is lost: ${(error as Error).message}`);
    }
  }

  /** Forgets the holder without ending it (the worker exits; the next one takes the store back). */
  detach(): void {
    this.entries = [];
    this.holderPid = 0;
  }

  private persist(): void {
    this.endHolder();
    try {
      this.holderPid = this.os.spawnFdHolder(this.fds);
    } catch (error) {
      this.log.warn(`${this.unit}: cannot start a holder for the fd store (it will not survive a worker crash): ${(error as Error).message}`);
    }
  }

  private endHolder(): void {
    if (this.holderPid > 0) this.os.endFdHolder(this.holderPid);
    this.holderPid = 0;
  }
}
