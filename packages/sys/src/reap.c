/*
 * The native half of the SIGCHLD reaper, and PR_SET_CHILD_SUBREAPER.
 *
 * Node offers no waitid/waitpid: libuv only waits for the pids it spawned, so a Node PID 1 or
 * subreaper accumulates zombies, and a blind waitpid(-1) would steal libuv's children (their
 * 'exit' events would never fire). The TypeScript reaper (src/reaper.ts) therefore peeks with
 * waitid(P_ALL, WEXITED|WNOHANG|WNOWAIT), which reports a dead child without reaping it, and
 * reaps only the pids libuv does not own, with waitid(P_PID, pid, WEXITED|WNOHANG).
 */
#include "common.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>

/* waitPeek(): the pid of one exited, unreaped child, or 0 when none is ready (or no child). */
static napi_value WaitPeek(napi_env env, napi_callback_info info) {
  (void)info;
  siginfo_t si;
  memset(&si, 0, sizeof si);
  int r;
  do r = waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT);
  while (r < 0 && errno == EINTR);
  if (r < 0) {
    if (errno == ECHILD) return sm_int(env, 0);
    return sm_throw_errno(env, errno, "waitid", NULL);
  }
  return sm_int(env, si.si_pid);
}

/* reap(pid): reap that pid if it has exited. Returns null when it has not (or is not our
 * child), else {pid, code, signal, core} with code/signal numbers (-1 for "not this kind"). */
static napi_value Reap(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc;
  if (!sm_args(env, info, 1, argv, &argc)) return NULL;
  int32_t pid;
  if (!sm_get_int32(env, argc ? argv[0] : NULL, "pid", &pid)) return NULL;
  if (pid <= 0) return sm_throw_type(env, "pid must be a positive integer");
  siginfo_t si;
  memset(&si, 0, sizeof si);
  int r;
  do r = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG);
  while (r < 0 && errno == EINTR);
  napi_value result;
  if (r < 0) {
    if (errno == ECHILD) {
      napi_get_null(env, &result);
      return result;
    }
    return sm_throw_errno(env, errno, "waitid", NULL);
  }
  if (si.si_pid == 0) {
    napi_get_null(env, &result);
    return result;
  }
  NAPI_CALL(env, napi_create_object(env, &result));
  bool exited = si.si_code == CLD_EXITED;
  sm_set_int(env, result, "pid", si.si_pid);
  sm_set_int(env, result, "code", exited ? si.si_status : -1);
  sm_set_int(env, result, "signal", exited ? -1 : si.si_status);
  napi_value core;
  napi_get_boolean(env, si.si_code == CLD_DUMPED, &core);
  napi_set_named_property(env, result, "core", core);
  return result;
}

static napi_value SetChildSubreaper(napi_env env, napi_callback_info info) {
  (void)info;
  if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
    return sm_throw_errno(env, errno, "prctl", NULL);
  return sm_undefined(env);
}

bool sm_init_reap(napi_env env, napi_value exports) {
  static const sm_fn fns[] = {
    {"waitPeek", WaitPeek}, {"reap", Reap}, {"setChildSubreaper", SetChildSubreaper}};
  return sm_register(env, exports, fns, sizeof fns / sizeof fns[0]);
}
