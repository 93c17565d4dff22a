/*
 * mount(2), umount2(2), sync(2) and reboot(2): what init needs to bring up the API filesystems
 * and to perform the last step of shutdown. Node has none of them, and shelling out to mount(8)
 * or reboot(8) is not possible as PID 1 before /usr is known to be there. Flag and command
 * constants are exported so the TypeScript layer maps names to this kernel's values.
 */
#include "common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/reboot.h>

static napi_value Mount(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  size_t argc;
  if (!sm_args(env, info, 5, argv, &argc)) return NULL;
  if (argc < 4) return sm_throw_type(env, "mount(source, target, fstype, flags[, data]) needs 4 arguments");
  uint32_t flags;
  if (!sm_get_uint32(env, argv[3], "flags", &flags)) return NULL;
  char *source = sm_get_string(env, argv[0], "source");
  char *target = source ? sm_get_string(env, argv[1], "target") : NULL;
  char *fstype = target ? sm_get_string(env, argv[2], "fstype") : NULL;
  char *data = NULL;
  napi_value result = NULL;
  if (!fstype) goto out;
  if (argc > 4) {
    napi_valuetype t;
    napi_typeof(env, argv[4], &t);
    if (t != napi_undefined && t != napi_null && !(data = sm_get_string(env, argv[4], "data"))) goto out;
  }
  if (mount(source, target, fstype[0] ? fstype : NULL, flags, data) < 0)
    sm_throw_errno(env, errno, "mount", NULL);
  else
    result = sm_undefined(env);
out:
  free(source);
  free(target);
  free(fstype);
  free(data);
  return result;
}

static napi_value Umount(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  size_t argc;
  if (!sm_args(env, info, 2, argv, &argc)) return NULL;
  uint32_t flags = 0;
  if (argc > 1 && !sm_get_uint32(env, argv[1], "flags", &flags)) return NULL;
  char *target = sm_get_string(env, argc ? argv[0] : NULL, "target");
  if (!target) return NULL;
  int r = umount2(target, (int)flags);
  int err = errno;
  free(target);
  if (r < 0) return sm_throw_errno(env, err, "umount2", NULL);
  return sm_undefined(env);
}

static napi_value Sync(napi_env env, napi_callback_info info) {
  (void)info;
  sync();
  return sm_undefined(env);
}

/*
 * reboot(command[, argument]). With an argument (RebootArgument=, read by init from
 * /run/sysmaster/reboot-param) the command must be LINUX_REBOOT_CMD_RESTART2, which glibc's
 * reboot() cannot pass: the raw system call takes the magic numbers and the string, which the
 * kernel copies (up to 255 bytes) and hands to the reboot handler (firmware or bootloader modes
 * such as "recovery"). A successful restart does not return.
 */
static napi_value Reboot(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  size_t argc;
  int32_t cmd;
  if (!sm_args(env, info, 2, argv, &argc)) return NULL;
  if (!sm_get_int32(env, argc ? argv[0] : NULL, "command", &cmd)) return NULL;
  if (argc < 2) {
    if (reboot(cmd) < 0) return sm_throw_errno(env, errno, "reboot", NULL);
    return sm_undefined(env);
  }
  if ((uint32_t)cmd != (uint32_t)LINUX_REBOOT_CMD_RESTART2) return sm_throw_type(env, "reboot: an argument needs LINUX_REBOOT_CMD_RESTART2");
  char *argument = sm_get_string(env, argv[1], "argument");
  if (!argument) return NULL;
  long r = syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART2, argument);
  int err = errno;
  free(argument);
  if (r < 0) return sm_throw_errno(env, err, "reboot", NULL);
  return sm_undefined(env);
}

bool sm_init_mount(napi_env env, napi_value exports) {
  static const sm_fn fns[] = {{"mount", Mount}, {"umount", Umount}, {"sync", Sync}, {"reboot", Reboot}};
  if (!sm_register(env, exports, fns, sizeof fns / sizeof fns[0])) return false;
  napi_value c;
  if (napi_create_object(env, &c) != napi_ok) return false;
  static const struct { const char *name; int64_t value; } constants[] = {
    {"MS_RDONLY", MS_RDONLY},         {"MS_NOSUID", MS_NOSUID},
    {"MS_NODEV", MS_NODEV},           {"MS_NOEXEC", MS_NOEXEC},
    {"MS_RELATIME", MS_RELATIME},     {"MS_STRICTATIME", MS_STRICTATIME},
    {"MS_BIND", MS_BIND},             {"MS_REC", MS_REC},
    {"MS_MOVE", MS_MOVE},             {"MS_REMOUNT", MS_REMOUNT},
    {"MS_PRIVATE", MS_PRIVATE},       {"MS_SLAVE", MS_SLAVE},
    {"MS_SHARED", MS_SHARED},         {"MS_UNBINDABLE", MS_UNBINDABLE},
    {"MNT_FORCE", MNT_FORCE},         {"MNT_DETACH", MNT_DETACH},
    {"MNT_EXPIRE", MNT_EXPIRE},
    /* reboot(2) commands as the int glibc's reboot() takes (some exceed INT32_MAX unsigned) */
    {"RB_POWER_OFF", (int32_t)LINUX_REBOOT_CMD_POWER_OFF},
    {"RB_AUTOBOOT", (int32_t)LINUX_REBOOT_CMD_RESTART},
    {"RB_RESTART2", (int32_t)LINUX_REBOOT_CMD_RESTART2},
    {"RB_HALT_SYSTEM", (int32_t)LINUX_REBOOT_CMD_HALT},
    {"RB_KEXEC", (int32_t)LINUX_REBOOT_CMD_KEXEC},
    {"RB_ENABLE_CAD", (int32_t)LINUX_REBOOT_CMD_CAD_ON},
    {"RB_DISABLE_CAD", (int32_t)LINUX_REBOOT_CMD_CAD_OFF},
  };
  for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++)
    if (!sm_set_int(env, c, constants[i].name, constants[i].value)) return false;
  return napi_set_named_property(env, exports, "constants", c) == napi_ok;
}
