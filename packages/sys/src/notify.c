/*
 * The sd_notify(3) socket: an AF_UNIX datagram socket with SO_PASSCRED, and recvmsg with
 * SCM_CREDENTIALS and SCM_RIGHTS.
 *
 * Node cannot receive on a unix datagram socket at all, and the unix-dgram package cannot tell
 * who sent a datagram; the service manager must know the sender (it routes a message to its unit
 * by the sender's cgroup and enforces NotifyAccess= by its pid) and must take the fds a service
 * passes (FDSTORE=1, and systemd-notify's BARRIER=1 pipe, which must be closed at once or
 * systemd-notify waits 5 s). notifySocket(path) binds the socket (non-blocking, CLOEXEC, stale
 * socket inode unlinked first, chmod 0777 so services running as any user can send).
 * recvNotify(fd) reads one datagram: null when none is queued (EAGAIN), else {pid, uid, gid,
 * data, fds, truncated}. Received fds arrive CLOEXEC (MSG_CMSG_CLOEXEC), so none leaks into a
 * spawned process before the caller decides what to keep; the caller owns and must close them.
 * A datagram larger than the buffer, or with more fds than fit, is reported truncated; its fds
 * that did arrive are still returned (to be closed).
 *
 * pidfdGetfd(pidfd, targetfd) duplicates an fd of another process (pidfd_getfd(2), Linux 5.6):
 * how a new worker takes back the file-descriptor store that a holder process keeps for it.
 */
#include "common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

/* systemd's limits: a notify message is at most PIPE_BUF bytes and carries at most 768 fds. */
#define NOTIFY_BUFFER_MAX 4096
#define NOTIFY_FD_MAX 768

#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

static napi_value NotifySocket(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc;
  if (!sm_args(env, info, 1, argv, &argc)) return NULL;
  char *address = sm_get_string(env, argc ? argv[0] : NULL, "path");
  if (!address) return NULL;
  struct sockaddr_un addr;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  size_t len = strlen(address);
  if (len == 0 || len >= sizeof addr.sun_path || address[0] != '/') {
    free(address);
    return sm_throw_type(env, "path must be an absolute path of 1..107 bytes");
  }
  memcpy(addr.sun_path, address, len);
  napi_value result = NULL;
  int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  const char *failed = NULL;
  int one = 1;
  struct stat st;
  if (fd < 0) failed = "socket";
  else if (setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof one) < 0) failed = "setsockopt";
  else if (lstat(address, &st) == 0 && S_ISSOCK(st.st_mode) && unlink(address) < 0 && errno != ENOENT) failed = "unlink";
  else if (bind(fd, (struct sockaddr *)&addr, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len + 1)) < 0) failed = "bind";
  else if (chmod(address, 0777) < 0) failed = "chmod";
  if (failed) {
    int err = errno;
    if (fd >= 0) close(fd);
    sm_throw_errno(env, err, failed, NULL);
  } else {
    result = sm_int(env, fd);
  }
  free(address);
  return result;
}

static napi_value RecvNotify(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc;
  int32_t fd;
  if (!sm_args(env, info, 1, argv, &argc)) return NULL;
  if (!sm_get_int32(env, argc ? argv[0] : NULL, "fd", &fd)) return NULL;

  static char buffer[NOTIFY_BUFFER_MAX + 1];
  /* Room for the credentials and NOTIFY_FD_MAX fds; a union keeps it aligned for cmsghdr. */
  static union {
    struct cmsghdr align;
    char bytes[CMSG_SPACE(sizeof(struct ucred)) + CMSG_SPACE(sizeof(int) * NOTIFY_FD_MAX)];
  } control;
  struct iovec iov = {.iov_base = buffer, .iov_len = NOTIFY_BUFFER_MAX};
  struct msghdr msg = {
      .msg_iov = &iov, .msg_iovlen = 1, .msg_control = &control, .msg_controllen = sizeof control};
  ssize_t n;
  do {
    n = recvmsg(fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC | MSG_TRUNC);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      napi_value null;
      napi_get_null(env, &null);
      return null;
    }
    return sm_throw_errno(env, errno, "recvmsg", NULL);
  }
  bool truncated = (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0 || n > NOTIFY_BUFFER_MAX;
  size_t length = n > NOTIFY_BUFFER_MAX ? NOTIFY_BUFFER_MAX : (size_t)n;

  napi_value result, fds;
  NAPI_CALL(env, napi_create_object(env, &result));
  NAPI_CALL(env, napi_create_array(env, &fds));
  int64_t pid = 0, uid = -1, gid = -1;
  uint32_t nfds = 0;
  for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET) continue;
    if (c->cmsg_type == SCM_CREDENTIALS && c->cmsg_len == CMSG_LEN(sizeof(struct ucred))) {
      struct ucred cred;
      memcpy(&cred, CMSG_DATA(c), sizeof cred);
      pid = cred.pid;
      uid = cred.uid;
      gid = cred.gid;
    } else if (c->cmsg_type == SCM_RIGHTS) {
      size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      for (size_t i = 0; i < count; i++) {
        int received;
        memcpy(&received, CMSG_DATA(c) + i * sizeof(int), sizeof received);
        napi_value v = sm_int(env, received);
        if (napi_set_element(env, fds, nfds++, v) != napi_ok) close(received);
      }
    }
  }
  napi_value data;
  NAPI_CALL(env, napi_create_string_utf8(env, buffer, length, &data));
  napi_value flag;
  napi_get_boolean(env, truncated, &flag);
  sm_set_int(env, result, "pid", pid);
  sm_set_int(env, result, "uid", uid);
  sm_set_int(env, result, "gid", gid);
  napi_set_named_property(env, result, "data", data);
  napi_set_named_property(env, result, "fds", fds);
  napi_set_named_property(env, result, "truncated", flag);
  return result;
}

static napi_value PidfdGetfd(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  size_t argc;
  int32_t pidfd, target;
  if (!sm_args(env, info, 2, argv, &argc)) return NULL;
  if (!sm_get_int32(env, argc > 0 ? argv[0] : NULL, "pidfd", &pidfd)) return NULL;
  if (!sm_get_int32(env, argc > 1 ? argv[1] : NULL, "targetfd", &target)) return NULL;
  long fd = syscall(SYS_pidfd_getfd, pidfd, target, 0);
  if (fd < 0) return sm_throw_errno(env, errno, "pidfd_getfd", NULL);
  return sm_int(env, fd);
}

bool sm_init_notify(napi_env env, napi_value exports) {
  static const sm_fn fns[] = {
      {"notifySocket", NotifySocket}, {"recvNotify", RecvNotify}, {"pidfdGetfd", PidfdGetfd}};
  return sm_register(env, exports, fns, sizeof fns / sizeof fns[0]);
}
