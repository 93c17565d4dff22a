/*
 * Shared helpers of the @sysmaster/sys addon: argument extraction and errors.
 *
 * Every failing system call throws a JS Error carrying `errno` (positive number), `code` (the
 * libuv/POSIX name such as "ENOENT"), `syscall` and, for spawn, `step`; the TypeScript layer
 * (src/errors.ts) turns it into a SysError. A wrong argument type throws a TypeError that names
 * the argument, so bad input never reaches a system call.
 */
#ifndef SYSMASTER_SYS_COMMON_H
#define SYSMASTER_SYS_COMMON_H

#define _GNU_SOURCE
#include <node_api.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Evaluate a napi call; on failure return NULL from the enclosing function (an exception is
 * pending or is raised from the last napi error). */
#define NAPI_CALL(env, call)                                        \
  do {                                                              \
    if ((call) != napi_ok) {                                        \
      sm_throw_last_napi_error(env);                                \
      return NULL;                                                  \
    }                                                               \
  } while (0)

void sm_throw_last_napi_error(napi_env env);

/* Throw Error{code, errno, syscall[, step]} for errno value `err`. Returns NULL for chaining. */
napi_value sm_throw_errno(napi_env env, int err, const char *syscall, const char *step);

/* Throw a TypeError naming what was wrong. Returns NULL. */
napi_value sm_throw_type(napi_env env, const char *message);

/* Fetch exactly up to `max` arguments; `*argc` receives the count given. */
bool sm_args(napi_env env, napi_callback_info info, size_t max, napi_value *argv, size_t *argc);

/* Typed readers: return false after throwing a TypeError mentioning `what`. */
bool sm_get_int32(napi_env env, napi_value v, const char *what, int32_t *out);
bool sm_get_uint32(napi_env env, napi_value v, const char *what, uint32_t *out);
bool sm_get_bool(napi_env env, napi_value v, const char *what, bool *out);
/* A malloc'd NUL-terminated copy of a JS string; strings containing NUL are refused. */
char *sm_get_string(napi_env env, napi_value v, const char *what);
/* A malloc'd NULL-terminated array of malloc'd strings from a JS string array, with `extra`
 * spare NULL slots at the end for the caller. Free with sm_free_strv. */
char **sm_get_strv(napi_env env, napi_value v, const char *what, size_t extra, size_t *count);
void sm_free_strv(char **v);

/* Property helpers: `*present` false when the property is undefined or null. */
bool sm_prop(napi_env env, napi_value obj, const char *key, napi_value *out, bool *present);

napi_value sm_undefined(napi_env env);
napi_value sm_int(napi_env env, int64_t v);

/* Registration of each file's functions onto `exports`. */
typedef struct { const char *name; napi_callback fn; } sm_fn;
bool sm_register(napi_env env, napi_value exports, const sm_fn *fns, size_t n);
bool sm_set_int(napi_env env, napi_value obj, const char *key, int64_t value);

bool sm_init_spawn(napi_env env, napi_value exports);
bool sm_init_reap(napi_env env, napi_value exports);
bool sm_init_fd(napi_env env, napi_value exports);
bool sm_init_sock(napi_env env, napi_value exports);
bool sm_init_listen_files(napi_env env, napi_value exports);
bool sm_init_poll(napi_env env, napi_value exports);
bool sm_init_mount(napi_env env, napi_value exports);
bool sm_init_notify(napi_env env, napi_value exports);

#endif
