// reboot(2)'s command mapping, RebootArgument= included. A real reboot cannot run in a test, so
// the native call is never made here: rebootCall() is the whole decision (command, whether the
// argument makes it LINUX_REBOOT_CMD_RESTART2, what is refused first), and mount.c's Reboot was
// checked by reading it: with an argument it refuses any command but RESTART2 and calls
// syscall(SYS_reboot, MAGIC1, MAGIC2, LINUX_REBOOT_CMD_RESTART2, argument), since glibc's
// reboot() cannot pass the string. The constant's value is checked against the kernel header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REBOOT_ARGUMENT_MAX, rebootCall } from '../src/index';
import { native } from '../src/native';

test('a reboot with a RebootArgument= becomes LINUX_REBOOT_CMD_RESTART2 carrying it; without one, a plain restart', () => {
  assert.deepEqual(rebootCall('reboot', 'recovery'), { constant: 'RB_RESTART2', argument: 'recovery' });
  assert.deepEqual(rebootCall('reboot'), { constant: 'RB_AUTOBOOT' });
  assert.deepEqual(rebootCall('reboot', ''), { constant: 'RB_AUTOBOOT' });
  assert.deepEqual(rebootCall('poweroff'), { constant: 'RB_POWER_OFF' });
});

test('an argument to another command, or one the kernel would cut, is refused before any system call', () => {
  assert.throws(() => rebootCall('poweroff', 'recovery'), /only for reboot/);
  assert.throws(() => rebootCall('reboot', 'x'.repeat(REBOOT_ARGUMENT_MAX + 1)), /at most 255 bytes/);
  assert.throws(() => rebootCall('reboot', 'a\0b'), /without NUL/);
  assert.throws(() => rebootCall('restart' as never), /unknown reboot command/);
});

test('the addon exports LINUX_REBOOT_CMD_RESTART2 with the kernel value 0xA1B2C3D4', () => {
  assert.equal(native().constants.RB_RESTART2 >>> 0, 0xa1b2c3d4);
});
