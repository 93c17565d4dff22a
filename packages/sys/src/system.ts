// Whole-system calls for init: mount/umount, sync, reboot (see mount.c).
import { native, type NativeConstants } from './native';
import { sys } from './errors';
import type { RebootCommand } from './types';

export type MountFlag =
  | 'ro' | 'nosuid' | 'nodev' | 'noexec' | 'relatime' | 'strictatime' | 'bind' | 'rec' | 'move'
  | 'remount' | 'private' | 'slave' | 'shared' | 'unbindable';

const MOUNT_FLAGS: Record<MountFlag, keyof NativeConstants> = {
  ro: 'MS_RDONLY', nosuid: 'MS_NOSUID', nodev: 'MS_NODEV', noexec: 'MS_NOEXEC',
  relatime: 'MS_RELATIME', strictatime: 'MS_STRICTATIME', bind: 'MS_BIND', rec: 'MS_REC',
  move: 'MS_MOVE', remount: 'MS_REMOUNT', private: 'MS_PRIVATE', slave: 'MS_SLAVE',
  shared: 'MS_SHARED', unbindable: 'MS_UNBINDABLE',
};

const UMOUNT_FLAGS: Record<'force' | 'detach' | 'expire', keyof NativeConstants> = {
  force: 'MNT_FORCE', detach: 'MNT_DETACH', expire: 'MNT_EXPIRE',
};

const REBOOT_COMMANDS: Record<RebootCommand, keyof NativeConstants> = {
  poweroff: 'RB_POWER_OFF', reboot: 'RB_AUTOBOOT', halt: 'RB_HALT_SYSTEM', kexec: 'RB_KEXEC',
  'cad-on': 'RB_ENABLE_CAD', 'cad-off': 'RB_DISABLE_CAD',
};

function flagBits<K extends string>(table: Record<K, keyof NativeConstants>, names: readonly K[], what: string): number {
  const c = native().constants;
  let bits = 0;
  for (const name of names) {
    const constant = Object.hasOwn(table, name) ? table[name] : undefined;
    if (constant === undefined) throw new TypeError(`unknown ${what} flag ${JSON.stringify(name)}`);
    bits |= c[constant];
  }
  return bits >>> 0;
}

/** mount(2). fstype "" passes NULL (bind, move, propagation changes). */
export function mount(source: string, target: string, fstype: string, flags: MountFlag[], data?: string): void {
  const bits = flagBits(MOUNT_FLAGS, flags, 'mount');
  sys(() => native().mount(source, target, fstype, bits, data));
}

/** umount2(2). */
export function umount(target: string, flags: Array<'force' | 'detach' | 'expire'> = []): void {
  const bits = flagBits(UMOUNT_FLAGS, flags, 'umount');
  sys(() => native().umount(target, bits));
}

/** sync(2). */
export function sync(): void {
  native().sync();
}

/** The longest RebootArgument= the kernel takes whole (it copies 256 bytes with the NUL). */
export const REBOOT_ARGUMENT_MAX = 255;

/**
 * The reboot(2) call for a command and an optional argument: a reboot with a non-empty
 * argument is LINUX_REBOOT_CMD_RESTART2 carrying it; an argument to any other command, or one
 * the kernel would cut, is refused before anything happens.
 */
export function rebootCall(command: RebootCommand, argument?: string): { constant: keyof NativeConstants; argument?: string } {
  const constant = Object.hasOwn(REBOOT_COMMANDS, command) ? REBOOT_COMMANDS[command] : undefined;
  if (constant === undefined) throw new TypeError(`unknown reboot command ${JSON.stringify(command)}`);
  if (argument === undefined || argument === '') return { constant };
  if (command !== 'reboot') throw new TypeError(`reboot(2) takes an argument only for reboot, not ${command}`);
  if (Buffer.byteLength(argument) > REBOOT_ARGUMENT_MAX || argument.includes('\0')) {
    throw new TypeError(`reboot argument must be at most ${REBOOT_ARGUMENT_MAX} bytes without NUL`);
  }
  return { constant: 'RB_RESTART2', argument };
}

/**
 * reboot(2) with the LINUX_REBOOT_CMD_* of command, or LINUX_REBOOT_CMD_RESTART2 with the
 * argument (RebootArgument=). Returns only on failure (by throwing) or for cad-on/off.
 */
export function reboot(command: RebootCommand, argument?: string): void {
  const call = rebootCall(command, argument);
  const value = native().constants[call.constant];
  sys(() => (call.argument === undefined ? native().reboot(value) : native().reboot(value, call.argument)));
}
