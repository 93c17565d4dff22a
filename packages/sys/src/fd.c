/*
 * File-descriptor flags Node does not expose: FD_CLOEXEC and O_NONBLOCK on an arbitrary fd,
 * close_range(CLOSE_RANGE_CLOEXEC) over every inherited fd at start, and a plain close(2) for
 * fds created natively (sockets, pidfds) that Node's fs.closeSync would also close but without
 * the errno detail we report; dup (F_DUPFD_CLOEXEC) to hand a listening socket from libuv, which
 * closes its own fd when it stops accepting, to the next image of a re-executing worker.
 */
#include "common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

static bool get_fd_bool(napi_env env, napi_callback_info info, int32_t *fd, bool *on) {
  napi_value argv[2];
  size_t argc;
  if (!sm_args(env, info, 2, argv, &argc)) return false;
  if (!sm_get_int32(env, argc > 0 ? argv[0] : NULL, "fd", fd)) return false;
  if (!sm_get_bool(env, argc > 1 ? argv[1] : NULL, "on", on)) return false;
  return true;
}

static napi_value SetCloexec(napi_env env, napi_callback_info info) {
  int32_t fd;
  bool on;
  if (!get_fd_bool(env, info, &fd, &on)) return NULL;
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0) return sm_throw_errno(env, errno, "fcntl", NULL);
  flags = on ? (flags | FD_CLOEXEC) : (flags & ~FD_CLOEXEC);
  if (fcntl(fd, F_SETFD, flags) < 0) return sm_throw_errno(env, errno, "fcntl", NULL);
  return sm_undefined(env);
}

static napi_value SetNonblock(napi_env env, napi_callback_info info) {
  int32_t fd;
  bool on;
  if (!get_fd_bool(env, info, &fd, &on)) return NULL;
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0) return sm_throw_errno(env, errno, "fcntl", NULL);
  flags = on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
  if (fcntl(fd, F_SETFL, flags) < 0) return sm_throw_errno(env, errno, "fcntl", NULL);
  return sm_undefined(env);
}

/* markFdsCloexec(from): close_range(from, ~0U, CLOSE_RANGE_CLOEXEC); on kernels without it,
 * walk /proc/self/fd. */
static napi_value MarkFdsCloexec(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc;
  if (!sm_args(env, info, 1, argv, &argc)) return NULL;
  int32_t from = 3;
  if (argc > 0 && !sm_get_int32(env, argv[0], "from", &from)) return NULL;
  if (from < 0) return sm_throw_type(env, "from must be >= 0");
  if (syscall(SYS_close_range, (unsigned)from, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return sm_undefined(env);
  if (errno != ENOSYS && errno != EINVAL) return sm_throw_errno(env, errno, "close_range", NULL);
  DIR *dir = opendir("/proc/self/fd");
  if (!dir) return sm_throw_errno(env, errno, "opendir", NULL);
  int self = dirfd(dir);
  struct dirent *entry;
  while ((entry = readdir(dir)) != NULL) {
    char *end;
    long fd = strtol(entry->d_name, &end, 10);
    if (*end || end == entry->d_name || fd < from || fd == self) continue;
    int flags = fcntl((int)fd, F_GETFD);
    if (flags >= 0) fcntl((int)fd, F_SETFD, flags | FD_CLOEXEC);
  }
  closedir(dir);
  return sm_undefined(env);
}

static napi_value CloseFd(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc;
  int32_t fd;
  if (!sm_args(env, info, 1, argv, &argc)) return NULL;
  if (!sm_get_int32(env, argc ? argv[0] : NULL, "fd", &fd)) return NULL;
  if (close(fd) < 0 && errno != EINTR) return sm_throw_errno(env, errno, "close", NULL);
  return sm_undefined(env);
}

static napi_value DupFd(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc;
  int32_t fd;
  if (!sm_args(env, info, 1, argv, &argc)) return NULL;
  if (!sm_get_int32(env, argc ? argv[0] : NULL, "fd", &fd)) return NULL;
  int copy = fcntl(fd, F_DUPFD_CLOEXEC, 3);
  if (copy < 0) return sm_throw_errno(env, errno, "fcntl", "F_DUPFD_CLOEXEC");
  return sm_int(env, copy);
}

bool sm_init_fd(napi_env env, napi_value exports) {
  static const sm_fn fns[] = {{"setCloexec", SetCloexec},
                              {"setNonblock", SetNonblock},
                              {"markFdsCloexec", MarkFdsCloexec},
                              {"closeFd", CloseFd},
                              {"dupFd", DupFd}};
  return sm_register(env, exports, fns, sizeof fns / sizeof fns[0]);
}
