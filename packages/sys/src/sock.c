/*
 * Listening sockets created natively, FIFOs, and peer credentials.
 *
 * Node cannot hold a listening socket without accepting on it (net.Server always accepts, so
 * Accept=no activation is impossible), cannot create AF_UNIX datagram or seqpacket sockets at
 * all, and has no SO_PEERCRED. listen() does socket()+bind()+listen() (no listen for dgram),
 * removing a stale socket inode at a unix path first (never a regular file) and applying the
 * requested mode to it; the fd is CLOEXEC unless the caller wants it inherited across execve.
 *
 * The socket options of systemd.socket(5) are applied between socket() and bind(), because some
 * only take effect there (IPV6_V6ONLY, SO_REUSEPORT, IP_FREEBIND): each optional spec field maps
 * to one setsockopt; an absent field leaves the kernel's default. mkfifo() makes a FIFO
 * (ListenFIFO=) and opens it read-write and non-blocking, so opening never waits for a writer
 * and the FIFO never reports end-of-file while the manager holds it. accept() takes one
 * connection off a listening socket (Accept=yes) as a blocking CLOEXEC fd, with the local and
 * peer addresses a service instance is named after.
 */
#include "common.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#ifndef IPV6_FREEBIND
#define IPV6_FREEBIND 78 /* linux/in6.h; glibc's netinet/in.h lacks it */
#endif
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <netinet/tcp.h>
#include <fcntl.h>

static napi_value fail_close(napi_env env, int fd, const char *syscall) {
  int err = errno;
  if (fd >= 0) close(fd);
  return sm_throw_errno(env, err, syscall, NULL);
}

static bool get_opt_uint(napi_env env, napi_value spec, const char *key, uint32_t def, uint32_t *out) {
  napi_value v;
  bool has;
  *out = def;
  if (!sm_prop(env, spec, key, &v, &has)) return false;
  if (!has) return true;
  char what[48];
  snprintf(what, sizeof what, "ListenSpec.%s", key);
  return sm_get_uint32(env, v, what, out);
}

/* One optional setsockopt: `key` absent -> nothing; a bool or a number -> the int value. */
static bool opt_sockopt(napi_env env, napi_value spec, const char *key, int fd, int level, int name, bool *failed) {
  napi_value v;
  bool has;
  if (!sm_prop(env, spec, key, &v, &has)) return false;
  if (!has) return true;
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok) return false;
  int value;
  if (t == napi_boolean) {
    bool b;
    if (!sm_get_bool(env, v, key, &b)) return false;
    value = b ? 1 : 0;
  } else {
    uint32_t u;
    char what[48];
    snprintf(what, sizeof what, "ListenSpec.%s", key);
    if (!sm_get_uint32(env, v, what, &u)) return false;
    value = (int)u;
  }
  if (setsockopt(fd, level, name, &value, sizeof value) < 0) *failed = true;
  return true;
}

typedef struct { const char *key; int level, name; bool inet_only, inet6_only, stream_inet_only; } sockopt_row;

/* The setsockopt of each optional ListenSpec field, applied before bind(). */
static const sockopt_row SOCKOPTS[] = {
  {"reusePort", SOL_SOCKET, SO_REUSEPORT, true, false, false},
  {"freeBind", IPPROTO_IP, IP_FREEBIND, true, false, false},
  {"v6Only", IPPROTO_IPV6, IPV6_V6ONLY, false, true, false},
  {"keepAlive", SOL_SOCKET, SO_KEEPALIVE, false, false, false},
  {"noDelay", IPPROTO_TCP, TCP_NODELAY, false, false, true},
  {"passCredentials", SOL_SOCKET, SO_PASSCRED, false, false, false},
  {"receiveBuffer", SOL_SOCKET, SO_RCVBUF, false, false, false},
  {"sendBuffer", SOL_SOCKET, SO_SNDBUF, false, false, false},
};

static bool apply_sockopts(napi_env env, napi_value spec, int fd, int domain, int sock_type, bool *failed) {
  for (size_t i = 0; i < sizeof SOCKOPTS / sizeof SOCKOPTS[0]; i++) {
    const sockopt_row *r = &SOCKOPTS[i];
    bool inet = domain == AF_INET || domain == AF_INET6;
    if (r->inet_only && !inet) continue;
    if (r->inet6_only && domain != AF_INET6) continue;
    if (r->stream_inet_only && !(inet && sock_type == SOCK_STREAM)) continue;
    int level = r->level, name = r->name;
    /* An IPv6 socket has its own option for the same flag: IPV6_FREEBIND (78), not IP_FREEBIND (15). */
    if (name == IP_FREEBIND && domain == AF_INET6) { level = IPPROTO_IPV6; name = IPV6_FREEBIND; }
    if (!opt_sockopt(env, spec, r->key, fd, level, name, failed)) return false;
    if (*failed) return true;
  }
  return true;
}

static napi_value Listen(napi_env env, napi_callback_info info) {
  napi_value argv[1], v;
  size_t argc;
  bool has;
  if (!sm_args(env, info, 1, argv, &argc)) return NULL;
  if (argc < 1) return sm_throw_type(env, "listen() needs a ListenSpec");

  char *family = NULL, *type = NULL, *address = NULL;
  napi_value result = NULL;
  if (!sm_prop(env, argv[0], "family", &v, &has) ||
      !(family = sm_get_string(env, v, "ListenSpec.family")))
    goto out;
  if (!sm_prop(env, argv[0], "type", &v, &has) || !(type = sm_get_string(env, v, "ListenSpec.type")))
    goto out;
  if (!sm_prop(env, argv[0], "address", &v, &has) ||
      !(address = sm_get_string(env, v, "ListenSpec.address")))
    goto out;
  uint32_t port, backlog, mode;
  bool inheritable = false;
  if (!get_opt_uint(env, argv[0], "port", 0, &port) ||
      !get_opt_uint(env, argv[0], "backlog", SOMAXCONN, &backlog) ||
      !get_opt_uint(env, argv[0], "mode", 0666, &mode))
    goto out;
  if (!sm_prop(env, argv[0], "inheritable", &v, &has)) goto out;
  if (has && !sm_get_bool(env, v, "ListenSpec.inheritable", &inheritable)) goto out;

  int sock_type;
  if (strcmp(type, "stream") == 0) sock_type = SOCK_STREAM;
  else if (strcmp(type, "dgram") == 0) sock_type = SOCK_DGRAM;
  else if (strcmp(type, "seqpacket") == 0) sock_type = SOCK_SEQPACKET;
  else {
    sm_throw_type(env, "ListenSpec.type must be stream, dgram or seqpacket");
    goto out;
  }
  if (port > 65535) {
    sm_throw_type(env, "ListenSpec.port must be <= 65535");
    goto out;
  }

  union {
    struct sockaddr sa;
    struct sockaddr_un un;
    struct sockaddr_in in;
    struct sockaddr_in6 in6;
  } addr;
  memset(&addr, 0, sizeof addr);
  socklen_t addrlen;
  int domain;
  bool unix_path = false;
  if (strcmp(family, "unix") == 0) {
    domain = AF_UNIX;
    addr.un.sun_family = AF_UNIX;
    size_t len = strlen(address);
    if (len == 0 || len >= sizeof addr.un.sun_path) {
      sm_throw_type(env, "ListenSpec.address of a unix socket must be 1..107 bytes");
      goto out;
    }
    if (address[0] == '@') {
      /* abstract namespace: a leading NUL, the name, and no terminator counted */
      memcpy(addr.un.sun_path + 1, address + 1, len - 1);
      addrlen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);
    } else {
      memcpy(addr.un.sun_path, address, len);
      addrlen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len + 1);
      unix_path = true;
    }
  } else if (strcmp(family, "inet") == 0) {
    domain = AF_INET;
    addr.in.sin_family = AF_INET;
    addr.in.sin_port = htons((uint16_t)port);
    addr.in.sin_addr.s_addr = htonl(INADDR_ANY);
    if (address[0] && inet_pton(AF_INET, address, &addr.in.sin_addr) != 1) {
      sm_throw_type(env, "ListenSpec.address is not an IPv4 address");
      goto out;
    }
    addrlen = sizeof addr.in;
  } else if (strcmp(family, "inet6") == 0) {
    domain = AF_INET6;
    addr.in6.sin6_family = AF_INET6;
    addr.in6.sin6_port = htons((uint16_t)port);
    addr.in6.sin6_addr = in6addr_any;
    if (address[0] && inet_pton(AF_INET6, address, &addr.in6.sin6_addr) != 1) {
      sm_throw_type(env, "ListenSpec.address is not an IPv6 address");
      goto out;
    }
    addrlen = sizeof addr.in6;
  } else {
    sm_throw_type(env, "ListenSpec.family must be unix, inet or inet6");
    goto out;
  }

  int fd = socket(domain, sock_type | (inheritable ? 0 : SOCK_CLOEXEC), 0);
  if (fd < 0) {
    fail_close(env, -1, "socket");
    goto out;
  }
  if (domain != AF_UNIX) {
    int one = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) {
      fail_close(env, fd, "setsockopt");
      goto out;
    }
  }
  bool opt_failed = false;
  if (!apply_sockopts(env, argv[0], fd, domain, sock_type, &opt_failed)) {
    close(fd);
    goto out;
  }
  if (opt_failed) {
    fail_close(env, fd, "setsockopt");
    goto out;
  }
  if (unix_path) {
    struct stat st;
    if (lstat(address, &st) == 0 && S_ISSOCK(st.st_mode) && unlink(address) < 0 && errno != ENOENT) {
      fail_close(env, fd, "unlink");
      goto out;
    }
  }
  if (bind(fd, &addr.sa, addrlen) < 0) {
    fail_close(env, fd, "bind");
    goto out;
  }
  if (unix_path && chmod(address, (mode_t)(mode & 07777)) < 0) {
    fail_close(env, fd, "chmod");
    goto out;
  }
  if (sock_type != SOCK_DGRAM && listen(fd, (int)backlog) < 0) {
    fail_close(env, fd, "listen");
    goto out;
  }
  result = sm_int(env, fd);

out:
  free(family);
  free(type);
  free(address);
  return result;
}

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

static napi_value PeerCredentials(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc;
  int32_t fd;
  if (!sm_args(env, info, 1, argv, &argc)) return NULL;
  if (!sm_get_int32(env, argc ? argv[0] : NULL, "fd", &fd)) return NULL;
  struct ucred cred;
  socklen_t len = sizeof cred;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0)
    return sm_throw_errno(env, errno, "getsockopt", NULL);
  napi_value result;
  NAPI_CALL(env, napi_create_object(env, &result));
  sm_set_int(env, result, "pid", cred.pid);
  sm_set_int(env, result, "uid", cred.uid);
  sm_set_int(env, result, "gid", cred.gid);
  return result;
}

/* "inet"/"inet6"/"unix"/"other" and the text of an address; a v4-mapped IPv6 address reads as IPv4. */
static bool set_address(napi_env env, napi_value obj, const char *prefix, const struct sockaddr_storage *ss) {
  char text[INET6_ADDRSTRLEN] = "";
  char key[32];
  unsigned port = 0;
  const char *family = "other";
  if (ss->ss_family == AF_INET) {
    const struct sockaddr_in *in = (const struct sockaddr_in *)ss;
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
    port = ntohs(in->sin_port);
    family = "inet";
  } else if (ss->ss_family == AF_INET6) {
    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
    if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) {
      inet_ntop(AF_INET, &in6->sin6_addr.s6_addr[12], text, sizeof text);
      family = "inet";
    } else {
      inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
      family = "inet6";
    }
    port = ntohs(in6->sin6_port);
  } else if (ss->ss_family == AF_UNIX) {
    family = "unix";
  }
  napi_value v;
  snprintf(key, sizeof key, "%sFamily", prefix);
  if (napi_create_string_utf8(env, family, NAPI_AUTO_LENGTH, &v) != napi_ok || napi_set_named_property(env, obj, key, v) != napi_ok) return false;
  snprintf(key, sizeof key, "%sAddress", prefix);
  if (napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &v) != napi_ok || napi_set_named_property(env, obj, key, v) != napi_ok) return false;
  snprintf(key, sizeof key, "%sPort", prefix);
  return sm_set_int(env, obj, key, port);
}

/*
 * accept4(fd, SOCK_CLOEXEC): the connection is blocking whatever the listening fd's mode, as a
 * service that reads its stdin expects. null when nothing is queued (EAGAIN on a non-blocking
 * listening fd) or the connection was reset before it was taken (ECONNABORTED).
 */
static napi_value Accept(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc;
  int32_t fd;
  if (!sm_args(env, info, 1, argv, &argc)) return NULL;
  if (!sm_get_int32(env, argc ? argv[0] : NULL, "fd", &fd)) return NULL;
  int conn;
  do conn = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
  while (conn < 0 && errno == EINTR);
  napi_value result;
  if (conn < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ECONNABORTED) {
      NAPI_CALL(env, napi_get_null(env, &result));
      return result;
    }
    return sm_throw_errno(env, errno, "accept4", NULL);
  }
  struct sockaddr_storage local, peer;
  socklen_t local_len = sizeof local, peer_len = sizeof peer;
  memset(&local, 0, sizeof local);
  memset(&peer, 0, sizeof peer);
  if (getsockname(conn, (struct sockaddr *)&local, &local_len) < 0) return fail_close(env, conn, "getsockname");
  if (getpeername(conn, (struct sockaddr *)&peer, &peer_len) < 0) return fail_close(env, conn, "getpeername");
  if (napi_create_object(env, &result) != napi_ok || !sm_set_int(env, result, "fd", conn) ||
      !set_address(env, result, "local", &local) || !set_address(env, result, "peer", &peer)) {
    close(conn);
    sm_throw_last_napi_error(env);
    return NULL;
  }
  return result;
}

/*
 * Brings the loopback interface up (SIOCSIFFLAGS IFF_UP on "lo"), as systemd's PID 1 does: at
 * boot nothing else does it, and 127.0.0.1 (which the kernel assigns to lo when it comes up) is
 * what local daemons listen on. Returns true when it was down and is now up.
 */
static napi_value LoopbackUp(napi_env env, napi_callback_info info) {
  (void)info;
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return sm_throw_errno(env, errno, "socket", NULL);
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
  if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
    int err = errno;
    close(fd);
    return sm_throw_errno(env, err, "ioctl", NULL);
  }
  bool changed = false;
  if (!(ifr.ifr_flags & IFF_UP)) {
    ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
    if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0) {
      int err = errno;
      close(fd);
      return sm_throw_errno(env, err, "ioctl", NULL);
    }
    changed = true;
  }
  close(fd);
  napi_value result;
  NAPI_CALL(env, napi_get_boolean(env, changed, &result));
  return result;
}

bool sm_init_sock(napi_env env, napi_value exports) {
  static const sm_fn fns[] = {{"listen", Listen}, {"mkfifo", Mkfifo}, {"peerCredentials", PeerCredentials}, {"accept", Accept}, {"loopbackUp", LoopbackUp}};
  return sm_register(env, exports, fns, sizeof fns / sizeof fns[0]);
}
