/*
 * The things a socket unit listens on that are files, not sockets (systemd.socket(5)).
 *
 * - mkfifo() (ListenFIFO=) makes a FIFO unless one is there and opens it read-write and
 *   non-blocking, so opening never waits for a writer and the FIFO never reports end-of-file
 *   while the manager holds it; setPipeSize() is PipeSize= (F_SETPIPE_SZ).
 * - openSpecial() (ListenSpecial=) opens an existing character device or a file of /proc or
 *   /sys, read-only or (Writable=) read-write, non-blocking, without following a symlink and
 *   without becoming a controlling tty. Anything but a regular file or a character device is
 *   EEXIST, as systemd refuses it (a FIFO belongs in ListenFIFO=). The fd is then added to a
 *   throw-away epoll set: a file the kernel cannot poll (an ordinary file on disk, /dev/null)
 *   would never wake the socket, and epoll_ctl's EPERM says so at start rather than at the
 *   first poll.
 * - openMessageQueue() (ListenMessageQueue=) opens a POSIX message queue read-only and
 *   non-blocking (mq_open O_RDONLY|O_NONBLOCK|O_CREAT), creating it with the mode and, when both
 *   are given, mq_maxmsg/mq_msgsize. The kernel applies the umask to the mode. A queue that
 *   already exists with another mode or owner is EEXIST: it is not the one this unit describes
 *   (systemd checks the same). On Linux a queue descriptor is an fd (always CLOEXEC), so it is
 *   polled, held and passed like a socket. unlinkMessageQueue() is RemoveOnStop=.
 */
#include "common.h"

#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <unistd.h>

/* mkfifo(path, mode) unless a FIFO is there already, then open it O_RDWR|O_NONBLOCK|O_CLOEXEC. */
static napi_value Mkfifo(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  size_t argc;
  uint32_t mode;
  if (!sm_args(env, info, 2, argv, &argc)) return NULL;
  if (!sm_get_uint32(env, argc > 1 ? argv[1] : NULL, "mode", &mode)) return NULL;
  char *address = sm_get_string(env, argc ? argv[0] : NULL, "path");
  if (!address) return NULL;
  napi_value result = NULL;
  struct stat st;
  const char *failed = NULL;
  int fd = -1;
  if (lstat(address, &st) == 0 && !S_ISFIFO(st.st_mode)) { errno = EEXIST; failed = "mkfifo"; }
  else if (mkfifo(address, (mode_t)(mode & 07777)) < 0 && errno != EEXIST) failed = "mkfifo";
  else if (chmod(address, (mode_t)(mode & 07777)) < 0) failed = "chmod";
  else if ((fd = open(address, O_RDWR | O_NONBLOCK | O_CLOEXEC)) < 0) failed = "open";
  if (failed) sm_throw_errno(env, errno, failed, NULL);
  else result = sm_int(env, fd);
  free(address);
  return result;
}

/* setPipeSize(fd, bytes): F_SETPIPE_SZ; returns the size the kernel made it (a page multiple). */
static napi_value SetPipeSize(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  size_t argc;
  int32_t fd;
  uint32_t bytes;
  if (!sm_args(env, info, 2, argv, &argc)) return NULL;
  if (!sm_get_int32(env, argc > 0 ? argv[0] : NULL, "fd", &fd)) return NULL;
  if (!sm_get_uint32(env, argc > 1 ? argv[1] : NULL, "bytes", &bytes)) return NULL;
  if (bytes > INT32_MAX) return sm_throw_type(env, "bytes must be below 2 GiB");
  int size = fcntl(fd, F_SETPIPE_SZ, (int)bytes);
  if (size < 0) return sm_throw_errno(env, errno, "fcntl", NULL);
  return sm_int(env, size);
}

/* Fails with EPERM (epoll_ctl) when the kernel cannot poll fd. */
static bool pollable(int fd) {
  int ep = epoll_create1(EPOLL_CLOEXEC);
  if (ep < 0) return false;
  struct epoll_event ev = {.events = EPOLLIN};
  int r = epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  int err = errno;
  close(ep);
  errno = err;
  return r == 0;
}

/* openSpecial(path, writable): see the header. */
static napi_value OpenSpecial(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  size_t argc;
  bool writable;
  if (!sm_args(env, info, 2, argv, &argc)) return NULL;
  if (!sm_get_bool(env, argc > 1 ? argv[1] : NULL, "writable", &writable)) return NULL;
  char *path = sm_get_string(env, argc ? argv[0] : NULL, "path");
  if (!path) return NULL;
  int fd = open(path, (writable ? O_RDWR : O_RDONLY) | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW);
  free(path);
  if (fd < 0) return sm_throw_errno(env, errno, "open", NULL);
  struct stat st;
  const char *failed = NULL;
  if (fstat(fd, &st) < 0) failed = "fstat";
  else if (!S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode)) { errno = EEXIST; failed = "open"; }
  else if (!pollable(fd)) failed = "epoll_ctl";
  if (!failed) return sm_int(env, fd);
  int err = errno;
  close(fd);
  return sm_throw_errno(env, err, failed, NULL);
}

/* openMessageQueue(name, mode, maxMessages, messageSize): see the header; 0/0 = the kernel's defaults. */
static napi_value OpenMessageQueue(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  size_t argc;
  uint32_t mode, max_messages, message_size;
  if (!sm_args(env, info, 4, argv, &argc)) return NULL;
  if (!sm_get_uint32(env, argc > 1 ? argv[1] : NULL, "mode", &mode) ||
      !sm_get_uint32(env, argc > 2 ? argv[2] : NULL, "maxMessages", &max_messages) ||
      !sm_get_uint32(env, argc > 3 ? argv[3] : NULL, "messageSize", &message_size))
    return NULL;
  char *name = sm_get_string(env, argc ? argv[0] : NULL, "name");
  if (!name) return NULL;
  struct mq_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.mq_maxmsg = max_messages;
  attr.mq_msgsize = message_size;
  mode_t mask = umask(0);
  umask(mask);
  mqd_t q = mq_open(name, O_RDONLY | O_NONBLOCK | O_CREAT, (mode_t)(mode & 0777),
                    max_messages > 0 && message_size > 0 ? &attr : NULL);
  free(name);
  if (q == (mqd_t)-1) return sm_throw_errno(env, errno, "mq_open", NULL);
  struct stat st;
  if (fstat(q, &st) < 0) {
    int err = errno;
    close(q);
    return sm_throw_errno(env, err, "fstat", NULL);
  }
  if ((st.st_mode & 0777) != (mode & 0777 & ~mask) || st.st_uid != geteuid() || st.st_gid != getegid()) {
    close(q);
    return sm_throw_errno(env, EEXIST, "mq_open", NULL);
  }
  return sm_int(env, q);
}

/* unlinkMessageQueue(name): mq_unlink, a queue that is gone already is not an error. */
static napi_value UnlinkMessageQueue(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc;
  if (!sm_args(env, info, 1, argv, &argc)) return NULL;
  char *name = sm_get_string(env, argc ? argv[0] : NULL, "name");
  if (!name) return NULL;
  int r = mq_unlink(name);
  int err = errno;
  free(name);
  if (r < 0 && err != ENOENT) return sm_throw_errno(env, err, "mq_unlink", NULL);
  return sm_undefined(env);
}

bool sm_init_listen_files(napi_env env, napi_value exports) {
  static const sm_fn fns[] = {{"mkfifo", Mkfifo},
                              {"setPipeSize", SetPipeSize},
                              {"openSpecial", OpenSpecial},
                              {"openMessageQueue", OpenMessageQueue},
                              {"unlinkMessageQueue", UnlinkMessageQueue}};
  return sm_register(env, exports, fns, sizeof fns / sizeof fns[0]);
}
