// The raw binding of build/Release/sys.node (src/*.c) and its lazy loader. Only this package's
// modules use it; callers use the wrapped functions of index.ts, which turn native errors into
// SysError and names (mount flags, reboot commands) into this kernel's numbers.
import path from 'node:path';
import type { AcceptedConnection, ExecContext, ListenSpec, NotifyMessage, PeerCredentials } from './types';

/** A child's end as the native reap() reports it: -1 marks "not this kind" for code/signal. */
export interface NativeExit {
  pid: number;
  code: number;
  signal: number;
  core: boolean;
}

/** A socket option of listen() the kernel refused: the ListenSpec field, errno and its name. */
interface NativeRefusal {
  option: string;
  errno: number;
  code: string;
}

declare const pollHandleBrand: unique symbol;
/** An opaque uv_poll watch returned by pollStart(); valid until it fires or is stopped. */
interface PollHandle {
  readonly [pollHandleBrand]: true;
}

export interface NativeConstants {
  MS_RDONLY: number; MS_NOSUID: number; MS_NODEV: number; MS_NOEXEC: number;
  MS_RELATIME: number; MS_STRICTATIME: number; MS_BIND: number; MS_REC: number;
  MS_MOVE: number; MS_REMOUNT: number; MS_PRIVATE: number; MS_SLAVE: number;
  MS_SHARED: number; MS_UNBINDABLE: number;
  MNT_FORCE: number; MNT_DETACH: number; MNT_EXPIRE: number;
  RB_POWER_OFF: number; RB_AUTOBOOT: number; RB_RESTART2: number; RB_HALT_SYSTEM: number; RB_KEXEC: number;
  RB_ENABLE_CAD: number; RB_DISABLE_CAD: number;
}

export interface NativeBinding {
  spawn(ctx: ExecContext): number;
  execve(path: string, argv: string[], env: string[]): never;
  /** The pid of one exited, unreaped child (waitid WNOWAIT), 0 when none. */
  waitPeek(): number;
  /** Reap pid if it has exited; null when it has not or is not our child. */
  reap(pid: number): NativeExit | null;
  setChildSubreaper(): void;
  setCloexec(fd: number, on: boolean): void;
  setNonblock(fd: number, on: boolean): void;
  markFdsCloexec(from: number): void;
  closeFd(fd: number): void;
  dupFd(fd: number): number;
  /** The fd, and the options the kernel refused (the socket exists without them). */
  listen(spec: ListenSpec): { fd: number; refused: NativeRefusal[] };
  mkfifo(path: string, mode: number): number;
  /** F_SETPIPE_SZ; the size the kernel set. */
  setPipeSize(fd: number, bytes: number): number;
  openSpecial(path: string, writable: boolean): number;
  /** maxMessages and messageSize 0: the kernel's defaults. */
  openMessageQueue(name: string, mode: number, maxMessages: number, messageSize: number): number;
  unlinkMessageQueue(name: string): void;
  peerCredentials(fd: number): PeerCredentials;
  accept(fd: number): AcceptedConnection | null;
  loopbackUp(): boolean;
  /** One-shot UV_READABLE watch; closes fd after firing or stopping when ownsFd. */
  pollStart(fd: number, ownsFd: boolean, callback: () => void): PollHandle;
  pollStop(handle: PollHandle): void;
  pidfdOpen(pid: number): number;
  /** pidfd_getfd(2): a copy (CLOEXEC) of fd `targetfd` of the process behind `pidfd`. */
  pidfdGetfd(pidfd: number, targetfd: number): number;
  /** A bound AF_UNIX datagram socket with SO_PASSCRED (non-blocking, CLOEXEC, mode 0777). */
  notifySocket(path: string): number;
  /** One queued datagram with its sender's credentials and fds, null when none is queued. */
  recvNotify(fd: number): NotifyMessage | null;
  mount(source: string, target: string, fstype: string, flags: number, data?: string): void;
  umount(target: string, flags: number): void;
  sync(): void;
  /** reboot(2); with an argument, command must be RB_RESTART2 (the raw system call). */
  reboot(command: number, argument?: string): void;
  constants: NativeConstants;
}

/** Where node-gyp puts the addon, relative to src/ and dist/ alike. */
const ADDON_PATH = path.join(__dirname, '..', 'build', 'Release', 'sys.node');

let binding: NativeBinding | undefined;

/** The addon, loaded on first use so that importing types or cgroup2Root() never needs it. */
export function native(): NativeBinding {
  if (binding) return binding;
  try {
    const module = { exports: {} };
    process.dlopen(module, ADDON_PATH);
    binding = module.exports as NativeBinding;
  } catch (cause) {
    throw new Error(
      `@sysmaster/sys: cannot load the native addon ${ADDON_PATH}; run pnpm install ` +
        `(or: cd packages/sys && npm_config_nodedir=/usr npx node-gyp rebuild)`,
      { cause },
    );
  }
  return binding;
}
