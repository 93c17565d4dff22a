/*
 * Listening sockets created natively, FIFOs, and peer credentials.
 *
 * Node cannot hold a listening socket without accepting on it (net.Server always accepts, so
 * Accept=no activation is impossible), cannot create AF_UNIX datagram or seqpacket sockets nor
 * AF_NETLINK ones at all, and has no SO_PEERCRED. listen() does socket()+bind()+listen() (no
 * listen for dgram and raw), removing a stale socket inode at a unix path first (never a regular
 * file) and applying the requested mode to it; the fd is CLOEXEC unless the caller wants it
 * inherited across execve. A netlink socket (ListenNetlink=) is AF_NETLINK SOCK_RAW of the given
 * netlink family, bound to the given multicast group mask.
 *
 * The socket options of systemd.socket(5) are applied between socket() and bind(), because some
 * only take effect there (IPV6_V6ONLY, SO_REUSEPORT, IP_FREEBIND, IP_TRANSPARENT,
 * SO_BINDTODEVICE): each optional spec field maps to one setsockopt (the SOCKOPTS table); an
 * absent field leaves the kernel's default. An option the kernel refuses is returned in
 * `refused` rather than failing the socket, as systemd warns and goes on. (The Listen kinds that
 * are files, FIFOs among them, are in listen-files.c.) accept() takes one
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

#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <netinet/tcp.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <uv.h>

#ifndef IPV6_FREEBIND
#define IPV6_FREEBIND 78 /* linux/in6.h; glibc's netinet/in.h lacks it */
#endif
#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

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

/* The families a SOCKOPTS column is for. */
enum { FAM_UNIX, FAM_INET, FAM_INET6, FAM_NETLINK, FAMILIES };

typedef struct { int level, name; } optname;
#define NA {-1, -1}
#define SOL(name) {SOL_SOCKET, name}
#define TCP(name) {IPPROTO_TCP, name}

typedef struct {
  const char *key;      /* the ListenSpec field: a boolean or a non-negative number */
  bool tcp_only;        /* only on stream sockets of inet/inet6 */
  bool fatal;           /* a refusal fails listen(); otherwise the socket is made without it */
  optname on[FAMILIES]; /* the option in each family; NA where it means nothing (skipped) */
} sockopt_row;

/*
 * The setsockopt of each optional ListenSpec field, applied before bind() (IPV6_V6ONLY,
 * SO_REUSEPORT, IP_FREEBIND and IP_TRANSPARENT only work there; the others are inherited by
 * accepted connections either way). An option is skipped on a family where it means nothing
 * (TCP_NODELAY on a unix socket; SO_PASSCRED on TCP, which kernels since 6.16 refuse with
 * EOPNOTSUPP). Where it applies and the kernel refuses it (SO_MARK without CAP_NET_ADMIN, an
 * out-of-range value), systemd logs a warning and keeps the socket: so does listen(), reporting
 * it in `refused` — except BindIPv6Only= (v6Only), whose failure is fatal in systemd too.
 */
static const sockopt_row SOCKOPTS[] = {
  /* key               tcp    fatal   unix               inet                          inet6                              netlink */
  {"v6Only",            false, true,  {NA,               NA,                           {IPPROTO_IPV6, IPV6_V6ONLY},       NA}},
  {"reusePort",         false, false, {NA,               SOL(SO_REUSEPORT),            SOL(SO_REUSEPORT),                 NA}},
  {"freeBind",          false, false, {NA,               {IPPROTO_IP, IP_FREEBIND},    {IPPROTO_IPV6, IPV6_FREEBIND},     NA}},
  {"transparent",       false, false, {NA,               {IPPROTO_IP, IP_TRANSPARENT}, {IPPROTO_IPV6, IPV6_TRANSPARENT},  NA}},
  {"broadcast",         false, false, {NA,               SOL(SO_BROADCAST),            SOL(SO_BROADCAST),                 NA}},
  {"keepAlive",         false, false, {SOL(SO_KEEPALIVE), SOL(SO_KEEPALIVE),           SOL(SO_KEEPALIVE),                 NA}},
  {"keepAliveTime",     true,  false, {NA,               TCP(TCP_KEEPIDLE),            TCP(TCP_KEEPIDLE),                 NA}},
  {"keepAliveInterval", true,  false, {NA,               TCP(TCP_KEEPINTVL),           TCP(TCP_KEEPINTVL),                NA}},
  {"keepAliveProbes",   true,  false, {NA,               TCP(TCP_KEEPCNT),             TCP(TCP_KEEPCNT),                  NA}},
  {"noDelay",           true,  false, {NA,               TCP(TCP_NODELAY),             TCP(TCP_NODELAY),                  NA}},
  {"deferAccept",       true,  false, {NA,               TCP(TCP_DEFER_ACCEPT),        TCP(TCP_DEFER_ACCEPT),             NA}},
  {"passCredentials",   false, false, {SOL(SO_PASSCRED), NA,                           NA,                                SOL(SO_PASSCRED)}},
  {"passSecurity",      false, false, {SOL(SO_PASSSEC),  NA,                           NA,                                SOL(SO_PASSSEC)}},
  {"passPacketInfo",    false, false, {NA,               {IPPROTO_IP, IP_PKTINFO},     {IPPROTO_IPV6, IPV6_RECVPKTINFO},  {SOL_NETLINK, NETLINK_PKTINFO}}},
  /* IP_TOS on an inet6 socket sets the TOS of its IPv4(-mapped) traffic, as systemd sets it.
   * IP_TOS also resets SO_PRIORITY (to the TOS precedence), so Priority= comes after it and wins. */
  {"ipTos",             false, false, {NA,               {IPPROTO_IP, IP_TOS},         {IPPROTO_IP, IP_TOS},              NA}},
  {"priority",          false, false, {SOL(SO_PRIORITY), SOL(SO_PRIORITY),             SOL(SO_PRIORITY),                  SOL(SO_PRIORITY)}},
  {"ipTtl",             false, false, {NA,               {IPPROTO_IP, IP_TTL},         {IPPROTO_IPV6, IPV6_UNICAST_HOPS}, NA}},
  {"mark",              false, false, {SOL(SO_MARK),     SOL(SO_MARK),                 SOL(SO_MARK),                      SOL(SO_MARK)}},
  {"receiveBuffer",     false, false, {SOL(SO_RCVBUF),   SOL(SO_RCVBUF),               SOL(SO_RCVBUF),                    SOL(SO_RCVBUF)}},
  {"sendBuffer",        false, false, {SOL(SO_SNDBUF),   SOL(SO_SNDBUF),               SOL(SO_SNDBUF),                    SOL(SO_SNDBUF)}},
};

/* The value of an optional boolean-or-number field; false (exception pending) on a wrong type. */
static bool opt_int(napi_env env, napi_value spec, const char *key, bool *has, int *value) {
  napi_value v;
  if (!sm_prop(env, spec, key, &v, has)) return false;
  if (!*has) return true;
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok) return false;
  char what[48];
  snprintf(what, sizeof what, "ListenSpec.%s", key);
  if (t == napi_boolean) {
    bool b;
    if (!sm_get_bool(env, v, what, &b)) return false;
    *value = b ? 1 : 0;
    return true;
  }
  uint32_t u;
  if (!sm_get_uint32(env, v, what, &u)) return false;
  *value = (int)u;
  return true;
}

/* Records a refused option in `refused` ({option, errno, code}). */
static bool add_refused(napi_env env, napi_value refused, const char *key, int err) {
  napi_value entry, v;
  uint32_t n;
  if (napi_get_array_length(env, refused, &n) != napi_ok || napi_create_object(env, &entry) != napi_ok) return false;
  if (napi_create_string_utf8(env, key, NAPI_AUTO_LENGTH, &v) != napi_ok || napi_set_named_property(env, entry, "option", v) != napi_ok) return false;
  if (!sm_set_int(env, entry, "errno", err)) return false;
  if (napi_create_string_utf8(env, uv_err_name(-err), NAPI_AUTO_LENGTH, &v) != napi_ok || napi_set_named_property(env, entry, "code", v) != napi_ok) return false;
  return napi_set_element(env, refused, n, entry) == napi_ok;
}

/* A setsockopt that failed: fatal (errno kept in *fatal_err) or recorded in `refused`. */
static bool option_failed(napi_env env, napi_value refused, const char *key, bool fatal, int *fatal_err) {
  int err = errno;
  if (fatal) { *fatal_err = err; return true; }
  return add_refused(env, refused, key, err);
}

/*
 * SO_BINDTODEVICE (inet only, fatal as in systemd: the socket would otherwise take traffic from
 * every interface) and SO_TIMESTAMP/SO_TIMESTAMPNS ("us"/"ns"), the two options that are not
 * integers in ListenSpec.
 */
static bool apply_string_options(napi_env env, napi_value spec, int fd, int fam, napi_value refused, int *fatal_err) {
  napi_value v;
  bool has;
  if (!sm_prop(env, spec, "bindToDevice", &v, &has)) return false;
  if (has && (fam == FAM_INET || fam == FAM_INET6)) {
    char *dev = sm_get_string(env, v, "ListenSpec.bindToDevice");
    if (!dev) return false;
    int r = setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, dev, (socklen_t)strlen(dev));
    free(dev);
    if (r < 0) return option_failed(env, refused, "bindToDevice", true, fatal_err);
  }
  if (!sm_prop(env, spec, "timestamping", &v, &has)) return false;
  if (!has) return true;
  char *mode = sm_get_string(env, v, "ListenSpec.timestamping");
  if (!mode) return false;
  int name = strcmp(mode, "ns") == 0 ? SO_TIMESTAMPNS : strcmp(mode, "us") == 0 ? SO_TIMESTAMP : -1;
  free(mode);
  if (name < 0) { sm_throw_type(env, "ListenSpec.timestamping must be us or ns"); return false; }
  int one = 1;
  if (setsockopt(fd, SOL_SOCKET, name, &one, sizeof one) < 0) return option_failed(env, refused, "timestamping", false, fatal_err);
  return true;
}

/* Every option of `spec` that applies to this socket; false with an exception pending on bad input. */
static bool apply_sockopts(napi_env env, napi_value spec, int fd, int domain, int sock_type, napi_value refused, int *fatal_err) {
  int fam = domain == AF_UNIX ? FAM_UNIX : domain == AF_INET ? FAM_INET : domain == AF_INET6 ? FAM_INET6 : FAM_NETLINK;
  bool tcp = (fam == FAM_INET || fam == FAM_INET6) && sock_type == SOCK_STREAM;
  for (size_t i = 0; i < sizeof SOCKOPTS / sizeof SOCKOPTS[0] && *fatal_err == 0; i++) {
    const sockopt_row *r = &SOCKOPTS[i];
    const optname *o = &r->on[fam];
    if (o->level < 0 || (r->tcp_only && !tcp)) continue;
    bool has;
    int value;
    if (!opt_int(env, spec, r->key, &has, &value)) return false;
    if (has && setsockopt(fd, o->level, o->name, &value, sizeof value) < 0 &&
        !option_failed(env, refused, r->key, r->fatal, fatal_err))
      return false;
  }
  return *fatal_err != 0 || apply_string_options(env, spec, fd, fam, refused, fatal_err);
}

/* Where and what listen() binds: read from a ListenSpec. */
typedef struct {
  union {
    struct sockaddr sa;
    struct sockaddr_un un;
    struct sockaddr_in in;
    struct sockaddr_in6 in6;
    struct sockaddr_nl nl;
  } addr;
  socklen_t len;
  int domain, type, protocol;
  bool unix_path; /* a path in the file system (not abstract) */
} listen_target;

static bool unix_target(napi_env env, const char *address, listen_target *t) {
  size_t len = strlen(address);
  t->domain = AF_UNIX;
  t->addr.un.sun_family = AF_UNIX;
  if (len == 0 || len >= sizeof t->addr.un.sun_path) {
    sm_throw_type(env, "ListenSpec.address of a unix socket must be 1..107 bytes");
    return false;
  }
  if (address[0] == '@') {
    /* abstract namespace: a leading NUL, the name, and no terminator counted */
    memcpy(t->addr.un.sun_path + 1, address + 1, len - 1);
    t->len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);
  } else {
    memcpy(t->addr.un.sun_path, address, len);
    t->len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len + 1);
    t->unix_path = true;
  }
  return true;
}

static bool inet_target(napi_env env, const char *family, const char *address, uint32_t port, listen_target *t) {
  if (port > 65535) { sm_throw_type(env, "ListenSpec.port must be <= 65535"); return false; }
  if (strcmp(family, "inet") == 0) {
    t->domain = AF_INET;
    t->addr.in.sin_family = AF_INET;
    t->addr.in.sin_port = htons((uint16_t)port);
    t->addr.in.sin_addr.s_addr = htonl(INADDR_ANY);
    t->len = sizeof t->addr.in;
    if (address[0] && inet_pton(AF_INET, address, &t->addr.in.sin_addr) != 1) {
      sm_throw_type(env, "ListenSpec.address is not an IPv4 address");
      return false;
    }
    return true;
  }
  t->domain = AF_INET6;
  t->addr.in6.sin6_family = AF_INET6;
  t->addr.in6.sin6_port = htons((uint16_t)port);
  t->addr.in6.sin6_addr = in6addr_any;
  t->len = sizeof t->addr.in6;
  if (address[0] && inet_pton(AF_INET6, address, &t->addr.in6.sin6_addr) != 1) {
    sm_throw_type(env, "ListenSpec.address is not an IPv6 address");
    return false;
  }
  return true;
}

/* The family, type and address of `spec`; false with an exception pending when they are wrong. */
static bool read_target(napi_env env, napi_value spec, listen_target *t) {
  napi_value v;
  bool has, ok = false;
  char *family = NULL, *type = NULL, *address = NULL;
  uint32_t port, protocol, groups;
  memset(t, 0, sizeof *t);
  if (!sm_prop(env, spec, "family", &v, &has) || !(family = sm_get_string(env, v, "ListenSpec.family")) ||
      !sm_prop(env, spec, "type", &v, &has) || !(type = sm_get_string(env, v, "ListenSpec.type")) ||
      !sm_prop(env, spec, "address", &v, &has) || !(address = sm_get_string(env, v, "ListenSpec.address")) ||
      !get_opt_uint(env, spec, "port", 0, &port) || !get_opt_uint(env, spec, "protocol", 0, &protocol) ||
      !get_opt_uint(env, spec, "groups", 0, &groups))
    goto out;
  bool netlink = strcmp(family, "netlink") == 0;
  if (strcmp(type, "stream") == 0) t->type = SOCK_STREAM;
  else if (strcmp(type, "dgram") == 0) t->type = SOCK_DGRAM;
  else if (strcmp(type, "seqpacket") == 0) t->type = SOCK_SEQPACKET;
  else if (strcmp(type, "raw") == 0 && netlink) t->type = SOCK_RAW;
  else {
    sm_throw_type(env, "ListenSpec.type must be stream, dgram or seqpacket (raw for netlink)");
    goto out;
  }
  if (netlink) {
    /* AF_NETLINK: the protocol is the netlink family; nl_pid 0 lets the kernel pick the port id. */
    t->domain = AF_NETLINK;
    t->protocol = (int)protocol;
    t->addr.nl.nl_family = AF_NETLINK;
    t->addr.nl.nl_groups = groups;
    t->len = sizeof t->addr.nl;
    ok = true;
  } else if (strcmp(family, "unix") == 0) {
    ok = unix_target(env, address, t);
  } else if (strcmp(family, "inet") == 0 || strcmp(family, "inet6") == 0) {
    ok = inet_target(env, family, address, port, t);
  } else {
    sm_throw_type(env, "ListenSpec.family must be unix, inet, inet6 or netlink");
  }
out:
  free(family);
  free(type);
  free(address);
  return ok;
}

/* { fd, refused: [{ option, errno, code }] }, or NULL with an exception pending (the fd closed). */
static napi_value listen_result(napi_env env, int fd, napi_value refused) {
  napi_value result;
  if (napi_create_object(env, &result) != napi_ok || !sm_set_int(env, result, "fd", fd) ||
      napi_set_named_property(env, result, "refused", refused) != napi_ok) {
    close(fd);
    sm_throw_last_napi_error(env);
    return NULL;
  }
  return result;
}

static napi_value Listen(napi_env env, napi_callback_info info) {
  napi_value argv[1], v, refused;
  size_t argc;
  bool has, inheritable = false;
  if (!sm_args(env, info, 1, argv, &argc)) return NULL;
  if (argc < 1) return sm_throw_type(env, "listen() needs a ListenSpec");
  listen_target t;
  uint32_t backlog, mode;
  if (!read_target(env, argv[0], &t) ||
      !get_opt_uint(env, argv[0], "backlog", SOMAXCONN, &backlog) ||
      !get_opt_uint(env, argv[0], "mode", 0666, &mode) ||
      !sm_prop(env, argv[0], "inheritable", &v, &has) ||
      (has && !sm_get_bool(env, v, "ListenSpec.inheritable", &inheritable)))
    return NULL;
  NAPI_CALL(env, napi_create_array(env, &refused));

  int fd = socket(t.domain, t.type | (inheritable ? 0 : SOCK_CLOEXEC), t.protocol);
  if (fd < 0) return fail_close(env, -1, "socket");
  int one = 1;
  if ((t.domain == AF_INET || t.domain == AF_INET6) && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
    return fail_close(env, fd, "setsockopt");
  int fatal_err = 0;
  if (!apply_sockopts(env, argv[0], fd, t.domain, t.type, refused, &fatal_err)) {
    close(fd);
    return NULL;
  }
  if (fatal_err) {
    errno = fatal_err;
    return fail_close(env, fd, "setsockopt");
  }
  if (t.unix_path) {
    const char *address = t.addr.un.sun_path;
    struct stat st;
    if (lstat(address, &st) == 0 && S_ISSOCK(st.st_mode) && unlink(address) < 0 && errno != ENOENT)
      return fail_close(env, fd, "unlink");
  }
  if (bind(fd, &t.addr.sa, t.len) < 0) return fail_close(env, fd, "bind");
  if (t.unix_path && chmod(t.addr.un.sun_path, (mode_t)(mode & 07777)) < 0) return fail_close(env, fd, "chmod");
  if ((t.type == SOCK_STREAM || t.type == SOCK_SEQPACKET) && listen(fd, (int)backlog) < 0)
    return fail_close(env, fd, "listen");
  return listen_result(env, fd, refused);
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
  static const sm_fn fns[] = {{"listen", Listen}, {"peerCredentials", PeerCredentials}, {"accept", Accept}, {"loopbackUp", LoopbackUp}};
  return sm_register(env, exports, fns, sizeof fns / sizeof fns[0]);
}
