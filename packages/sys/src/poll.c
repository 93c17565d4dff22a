/*
 * One-shot readiness watches on the Node event loop: pidfd_open and uv_poll.
 *
 * Node can neither open a pidfd (the only race-free way to learn that a process which is not
 * our child has exited: adopted daemons after a worker restart, init's watch on the core) nor
 * wait for a listening socket to become readable without accepting on it (Accept=no socket
 * activation). pollStart(fd, ownsFd, callback) registers a uv_poll for UV_READABLE on the
 * loop Node runs; on the first event it stops the poll, calls the callback once, and closes
 * the handle (and the fd when ownsFd). pollStop(handle) cancels a watch that has not fired.
 * One-shot, because readiness is level-triggered: a pending connection nobody accepts would
 * otherwise fire on every loop iteration. The TypeScript layer guarantees pollStop is never
 * called on a watch that already fired (the handle is freed once closed).
 *
 * Note: uv_poll_init sets O_NONBLOCK on the fd's open file description; spawn() clears it on
 * fds it passes to a service.
 */
#include "common.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <uv.h>

typedef struct {
  uv_poll_t poll;
  napi_env env;
  napi_ref callback;
  napi_async_context async;
  int fd;
  bool owns_fd;
  bool closing;
} watch;

static void on_close(uv_handle_t *handle) {
  watch *w = handle->data;
  if (w->owns_fd) close(w->fd);
  napi_handle_scope scope;
  if (napi_open_handle_scope(w->env, &scope) == napi_ok) {
    napi_delete_reference(w->env, w->callback);
    napi_async_destroy(w->env, w->async);
    napi_close_handle_scope(w->env, scope);
  }
  free(w);
}

static void watch_close(watch *w) {
  if (w->closing) return;
  w->closing = true;
  uv_poll_stop(&w->poll);
  uv_close((uv_handle_t *)&w->poll, on_close);
}

static void on_poll(uv_poll_t *handle, int status, int events) {
  (void)status;
  (void)events;
  watch *w = handle->data;
  if (w->closing) return;
  uv_poll_stop(handle);
  napi_env env = w->env;
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) == napi_ok) {
    napi_value cb, recv, result;
    if (napi_get_reference_value(env, w->callback, &cb) == napi_ok && cb) {
      napi_get_global(env, &recv); /* napi_make_callback needs an object receiver */
      if (napi_make_callback(env, w->async, recv, cb, 0, NULL, &result) != napi_ok) {
        bool pending = false;
        napi_is_exception_pending(env, &pending);
        if (pending) {
          napi_value error;
          napi_get_and_clear_last_exception(env, &error);
          napi_fatal_exception(env, error); /* -> process 'uncaughtException' */
        }
      }
    }
    napi_close_handle_scope(env, scope);
  }
  watch_close(w);
}

static napi_value PollStart(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  size_t argc;
  if (!sm_args(env, info, 3, argv, &argc)) return NULL;
  int32_t fd;
  bool owns;
  if (!sm_get_int32(env, argc > 0 ? argv[0] : NULL, "fd", &fd)) return NULL;
  if (!sm_get_bool(env, argc > 1 ? argv[1] : NULL, "ownsFd", &owns)) return NULL;
  napi_valuetype t;
  if (argc < 3 || napi_typeof(env, argv[2], &t) != napi_ok || t != napi_function)
    return sm_throw_type(env, "callback must be a function");
  uv_loop_t *loop;
  NAPI_CALL(env, napi_get_uv_event_loop(env, &loop));
  watch *w = calloc(1, sizeof *w);
  if (!w) return sm_throw_errno(env, ENOMEM, "malloc", NULL);
  w->env = env;
  w->fd = fd;
  w->owns_fd = owns;
  int r = uv_poll_init(loop, &w->poll, fd);
  if (r < 0) {
    free(w);
    return sm_throw_errno(env, -r, "uv_poll_init", NULL);
  }
  w->poll.data = w;
  napi_value name;
  napi_create_string_utf8(env, "sysmaster:poll", NAPI_AUTO_LENGTH, &name);
  if (napi_create_reference(env, argv[2], 1, &w->callback) != napi_ok ||
      napi_async_init(env, NULL, name, &w->async) != napi_ok) {
    w->owns_fd = false; /* the caller still owns the fd when we fail */
    if (w->callback) napi_delete_reference(env, w->callback);
    w->callback = NULL;
    uv_close((uv_handle_t *)&w->poll, (uv_close_cb)free);
    sm_throw_last_napi_error(env);
    return NULL;
  }
  r = uv_poll_start(&w->poll, UV_READABLE, on_poll);
  if (r < 0) {
    w->owns_fd = false;
    watch_close(w);
    return sm_throw_errno(env, -r, "uv_poll_start", NULL);
  }
  napi_value handle;
  NAPI_CALL(env, napi_create_external(env, w, NULL, NULL, &handle));
  return handle;
}

static napi_value PollStop(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc;
  if (!sm_args(env, info, 1, argv, &argc)) return NULL;
  napi_valuetype t;
  if (argc < 1 || napi_typeof(env, argv[0], &t) != napi_ok || t != napi_external)
    return sm_throw_type(env, "pollStop() needs a handle from pollStart()");
  void *data;
  NAPI_CALL(env, napi_get_value_external(env, argv[0], &data));
  watch_close(data);
  return sm_undefined(env);
}

static napi_value PidfdOpen(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc;
  int32_t pid;
  if (!sm_args(env, info, 1, argv, &argc)) return NULL;
  if (!sm_get_int32(env, argc ? argv[0] : NULL, "pid", &pid)) return NULL;
  if (pid <= 0) return sm_throw_type(env, "pid must be a positive integer");
  long fd = syscall(SYS_pidfd_open, pid, 0);
  if (fd < 0) return sm_throw_errno(env, errno, "pidfd_open", NULL);
  return sm_int(env, fd);
}

bool sm_init_poll(napi_env env, napi_value exports) {
  static const sm_fn fns[] = {
    {"pollStart", PollStart}, {"pollStop", PollStop}, {"pidfdOpen", PidfdOpen}};
  return sm_register(env, exports, fns, sizeof fns / sizeof fns[0]);
}
