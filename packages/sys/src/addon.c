/*
 * Entry point of the @sysmaster/sys addon and the helpers every other file shares.
 *
 * The addon exists because Node has no binding for the system calls a service manager needs
 * (fork+exec with a full exec context, waitid peeks, prctl, reboot, mount, pidfd, raw sockets);
 * each concern lives in its own file (spawn.c, reap.c, fd.c, sock.c, listen-files.c, poll.c,
 * mount.c, notify.c) and registers its functions here. Errors are thrown as JS Errors with errno/code/syscall.
 */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

void sm_throw_last_napi_error(napi_env env) {
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (pending) return;
  const napi_extended_error_info *info = NULL;
  napi_get_last_error_info(env, &info);
  napi_throw_error(env, "ERR_NAPI",
                   info && info->error_message ? info->error_message : "N-API call failed");
}

napi_value sm_throw_errno(napi_env env, int err, const char *syscall, const char *step) {
  char message[256];
  if (step)
    snprintf(message, sizeof message, "%s failed at step %s: %s", syscall, step, uv_strerror(-err));
  else
    snprintf(message, sizeof message, "%s failed: %s", syscall, uv_strerror(-err));
  napi_value msg, error, v;
  if (napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &msg) != napi_ok) return NULL;
  if (napi_create_error(env, NULL, msg, &error) != napi_ok) return NULL;
  const char *name = uv_err_name(-err);
  if (napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &v) == napi_ok)
    napi_set_named_property(env, error, "code", v);
  if (napi_create_int32(env, err, &v) == napi_ok) napi_set_named_property(env, error, "errno", v);
  if (napi_create_string_utf8(env, syscall, NAPI_AUTO_LENGTH, &v) == napi_ok)
    napi_set_named_property(env, error, "syscall", v);
  if (step && napi_create_string_utf8(env, step, NAPI_AUTO_LENGTH, &v) == napi_ok)
    napi_set_named_property(env, error, "step", v);
  napi_throw(env, error);
  return NULL;
}

napi_value sm_throw_type(napi_env env, const char *message) {
  napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", message);
  return NULL;
}

static bool type_error(napi_env env, const char *what, const char *expected) {
  char message[256];
  snprintf(message, sizeof message, "%s must be %s", what, expected);
  sm_throw_type(env, message);
  return false;
}

bool sm_args(napi_env env, napi_callback_info info, size_t max, napi_value *argv, size_t *argc) {
  size_t n = max;
  if (napi_get_cb_info(env, info, &n, argv, NULL, NULL) != napi_ok) {
    sm_throw_last_napi_error(env);
    return false;
  }
  if (argc) *argc = n < max ? n : max;
  return true;
}

static bool is_type(napi_env env, napi_value v, napi_valuetype want) {
  napi_valuetype t;
  return v && napi_typeof(env, v, &t) == napi_ok && t == want;
}

bool sm_get_int32(napi_env env, napi_value v, const char *what, int32_t *out) {
  if (!is_type(env, v, napi_number)) return type_error(env, what, "a number");
  double d;
  napi_get_value_double(env, v, &d);
  if (d != (double)(int32_t)d) return type_error(env, what, "a 32-bit integer");
  *out = (int32_t)d;
  return true;
}

bool sm_get_uint32(napi_env env, napi_value v, const char *what, uint32_t *out) {
  if (!is_type(env, v, napi_number)) return type_error(env, what, "a number");
  double d;
  napi_get_value_double(env, v, &d);
  if (d < 0 || d != (double)(uint32_t)d) return type_error(env, what, "an unsigned 32-bit integer");
  *out = (uint32_t)d;
  return true;
}

bool sm_get_bool(napi_env env, napi_value v, const char *what, bool *out) {
  if (!is_type(env, v, napi_boolean)) return type_error(env, what, "a boolean");
  napi_get_value_bool(env, v, out);
  return true;
}

char *sm_get_string(napi_env env, napi_value v, const char *what) {
  if (!is_type(env, v, napi_string)) {
    type_error(env, what, "a string");
    return NULL;
  }
  size_t len = 0;
  napi_get_value_string_utf8(env, v, NULL, 0, &len);
  char *s = malloc(len + 1);
  if (!s) {
    sm_throw_errno(env, 12 /* ENOMEM */, "malloc", NULL);
    return NULL;
  }
  napi_get_value_string_utf8(env, v, s, len + 1, &len);
  if (strlen(s) != len) {
    free(s);
    type_error(env, what, "a string without NUL characters");
    return NULL;
  }
  return s;
}

char **sm_get_strv(napi_env env, napi_value v, const char *what, size_t extra, size_t *count) {
  bool is_array = false;
  if (!v || napi_is_array(env, v, &is_array) != napi_ok || !is_array) {
    type_error(env, what, "an array of strings");
    return NULL;
  }
  uint32_t n = 0;
  napi_get_array_length(env, v, &n);
  char **out = calloc((size_t)n + extra + 1, sizeof(char *));
  if (!out) {
    sm_throw_errno(env, 12, "malloc", NULL);
    return NULL;
  }
  for (uint32_t i = 0; i < n; i++) {
    napi_value item;
    if (napi_get_element(env, v, i, &item) != napi_ok) {
      sm_free_strv(out);
      sm_throw_last_napi_error(env);
      return NULL;
    }
    out[i] = sm_get_string(env, item, what);
    if (!out[i]) {
      sm_free_strv(out);
      return NULL;
    }
  }
  if (count) *count = n;
  return out;
}

void sm_free_strv(char **v) {
  if (!v) return;
  for (char **p = v; *p; p++) free(*p);
  free(v);
}

bool sm_prop(napi_env env, napi_value obj, const char *key, napi_value *out, bool *present) {
  *present = false;
  if (!is_type(env, obj, napi_object)) {
    char what[96];
    snprintf(what, sizeof what, "the value holding \"%.40s\"", key);
    return type_error(env, what, "an object");
  }
  if (napi_get_named_property(env, obj, key, out) != napi_ok) {
    sm_throw_last_napi_error(env);
    return false;
  }
  napi_valuetype t;
  napi_typeof(env, *out, &t);
  *present = t != napi_undefined && t != napi_null;
  return true;
}

napi_value sm_undefined(napi_env env) {
  napi_value v;
  napi_get_undefined(env, &v);
  return v;
}

napi_value sm_int(napi_env env, int64_t value) {
  napi_value v;
  napi_create_int64(env, value, &v);
  return v;
}

bool sm_set_int(napi_env env, napi_value obj, const char *key, int64_t value) {
  return napi_set_named_property(env, obj, key, sm_int(env, value)) == napi_ok;
}

bool sm_register(napi_env env, napi_value exports, const sm_fn *fns, size_t n) {
  for (size_t i = 0; i < n; i++) {
    napi_value fn;
    if (napi_create_function(env, fns[i].name, NAPI_AUTO_LENGTH, fns[i].fn, NULL, &fn) != napi_ok)
      return false;
    if (napi_set_named_property(env, exports, fns[i].name, fn) != napi_ok) return false;
  }
  return true;
}

static napi_value Init(napi_env env, napi_value exports) {
  if (!sm_init_spawn(env, exports) || !sm_init_reap(env, exports) || !sm_init_fd(env, exports) ||
      !sm_init_sock(env, exports) || !sm_init_listen_files(env, exports) || !sm_init_poll(env, exports) ||
      !sm_init_mount(env, exports) || !sm_init_notify(env, exports)) {
    sm_throw_last_napi_error(env);
    return NULL;
  }
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
