// SysError: a failed system call of the addon, with the syscall, errno and its POSIX name; a
// SysmasterError with the stable code ERR_SYSTEM.
import { constants } from 'node:os';
import { SysmasterError } from '@sysmaster/errors';

const errnoNames = new Map<number, string>(
  Object.entries(constants.errno).map(([name, value]) => [value, name]),
);

/**
 * A system call failed (code ERR_SYSTEM). `errno` is the kernel's positive errno value,
 * `errnoName` its name ('ENOENT'), `syscall` the call that failed; `step` is set by spawn() and
 * names the exec context step that failed in the child ('chdir', 'setuid', 'cgroup', 'execve', …).
 */
export class SysError extends SysmasterError {
  syscall: string;
  errno: number;
  errnoName: string;
  step?: string;

  constructor(message: string, fields: { syscall: string; errno: number; code?: string; step?: string }) {
    super('ERR_SYSTEM', message);
    this.name = 'SysError';
    this.syscall = fields.syscall;
    this.errno = fields.errno;
    this.errnoName = fields.code ?? errnoNames.get(fields.errno) ?? `E${fields.errno}`;
    if (fields.step !== undefined) this.step = fields.step;
  }
}

/** Whether `error` is a failed system call with errno `name` ('ENOENT', 'EAFNOSUPPORT', …). */
export function isErrno(error: unknown, name: string): boolean {
  return error instanceof SysError && error.errnoName === name;
}

interface NativeErrorShape {
  message: string;
  errno: number;
  syscall: string;
  code?: unknown;
  step?: unknown;
}

function isNativeError(e: unknown): e is Error & NativeErrorShape {
  return (
    e instanceof Error &&
    typeof (e as Partial<NativeErrorShape>).errno === 'number' &&
    typeof (e as Partial<NativeErrorShape>).syscall === 'string'
  );
}

/** Run a native call, turning its errno errors into SysError (TypeErrors pass unchanged). */
export function sys<T>(call: () => T): T {
  try {
    return call();
  } catch (e) {
    if (!isNativeError(e) || e instanceof SysError) throw e;
    const code = typeof e.code === 'string' && /^E[A-Z0-9]+$/.test(e.code) ? e.code : undefined;
    const fields: { syscall: string; errno: number; code?: string; step?: string } = {
      syscall: e.syscall,
      errno: e.errno,
    };
    if (code !== undefined) fields.code = code;
    if (typeof e.step === 'string') fields.step = e.step;
    throw new SysError(e.message, fields);
  }
}
