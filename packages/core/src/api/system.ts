// The operating-system seam of the API layer: what it asks of the kernel and of the unit-name
// grammar. serveApi() binds the real implementations (@sysmaster/sys, @sysmaster/unit-file);
// tests pass fakes, so the handlers run over real sockets without the native addon.
import type net from 'node:net';
import type * as Sys from '@sysmaster/sys';
import type * as UnitFile from '@sysmaster/unit-file';
import { defaultInstallContext } from '../install';
import type { InstallContext } from '../install';

export interface ApiSystem {
  /** The uid of the process at the other end of an accepted Unix socket, null when unknown. */
  peerUid(socket: net.Socket): number | null;
  /** The cgroup v2 hierarchy root (absolute path), null when the system has none. */
  cgroup2Root(): string | null;
  /** Where /proc is mounted (for /proc/PID/cmdline). */
  procRoot: string;
  /**
   * "sshd" → "sshd.service", "demo.flag" → "demo.flag" when flag is one of `types` (the registered
   * unit types); throws an Error saying why for a malformed name.
   */
  normalizeUnitName(name: string, types: ReadonlySet<string>): string;
  /** Where unit files are searched and enablement links written ([Install] RPCs). */
  install: InstallContext;
}

/**
 * The file descriptor under an accepted net.Socket. Node keeps it on the private libuv handle;
 * this is the one place that reaches into it, and it returns null rather than guess.
 */
function socketFd(socket: net.Socket): number | null {
  const handle: unknown = Reflect.get(socket, '_handle');
  if (typeof handle !== 'object' || handle === null) return null;
  const fd: unknown = Reflect.get(handle, 'fd');
  return typeof fd === 'number' && fd >= 0 ? fd : null;
}

/**
 * The real seam: SO_PEERCRED and cgroup2Root from the addon, the name grammar from unit-file.
 * Required here rather than imported at the top so that the handlers load (and are tested)
 * without the native addon; a CommonJS require, since import() in a Node16 CommonJS module goes
 * through the ESM loader.
 */
export function realSystem(): ApiSystem {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const sys = require('@sysmaster/sys') as typeof Sys;
  const unitFile = require('@sysmaster/unit-file') as typeof UnitFile;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return {
    peerUid(socket) {
      const fd = socketFd(socket);
      if (fd === null) return null;
      try {
        return sys.peerCredentials(fd).uid;
      } catch {
        return null;
      }
    },
    cgroup2Root: () => sys.cgroup2Root(),
    procRoot: '/proc',
    normalizeUnitName: (name, types) => unitFile.normalizeUnitName(name, { types }),
    install: defaultInstallContext(unitFile.defaultUnitPath()),
  };
}
