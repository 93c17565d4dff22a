/*
 * Reading a JS ExecContext (types.ts) into a spawn_ctx before forking: every string, array
 * and number the child will need is copied into C memory here, because the child of a
 * multi-threaded process may not allocate. Each bad field throws a TypeError naming it
 * ("ExecContext.rlimits: unknown resource \"x\"") so bad input never reaches a system call.
 */
#include "spawn.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *name; int resource; } rlimit_names[] = {
  {"as", RLIMIT_AS},           {"core", RLIMIT_CORE},       {"cpu", RLIMIT_CPU},
  {"data", RLIMIT_DATA},       {"fsize", RLIMIT_FSIZE},     {"locks", RLIMIT_LOCKS},
  {"memlock", RLIMIT_MEMLOCK}, {"msgqueue", RLIMIT_MSGQUEUE}, {"nice", RLIMIT_NICE},
  {"nofile", RLIMIT_NOFILE},   {"nproc", RLIMIT_NPROC},     {"rss", RLIMIT_RSS},
  {"rtprio", RLIMIT_RTPRIO},   {"rttime", RLIMIT_RTTIME},   {"sigpending", RLIMIT_SIGPENDING},
  {"stack", RLIMIT_STACK},
};

void sm_free_exec_context(spawn_ctx *c) {
  free(c->path);
  sm_free_strv(c->argv);
  if (c->envp) c->envp[c->envc] = NULL; /* the LISTEN_PID/WATCHDOG_PID slots are not malloc'd */
  sm_free_strv(c->envp);
  free(c->cwd);
  free(c->groups);
  free(c->rlimits);
  free(c->cgroup_procs);
  for (int i = 0; i < 3; i++) free(c->stdio[i].path);
  free(c->fds);
  free(c->fds_high);
}

static bool opt_int(napi_env env, napi_value obj, const char *key, bool *has, int32_t *out) {
  napi_value v;
  if (!sm_prop(env, obj, key, &v, has)) return false;
  if (!*has) return true;
  char what[64];
  snprintf(what, sizeof what, "ExecContext.%s", key);
  return sm_get_int32(env, v, what, out);
}

static bool opt_uint(napi_env env, napi_value obj, const char *key, bool *has, uint32_t *out) {
  napi_value v;
  if (!sm_prop(env, obj, key, &v, has)) return false;
  if (!*has) return true;
  char what[64];
  snprintf(what, sizeof what, "ExecContext.%s", key);
  return sm_get_uint32(env, v, what, out);
}

static bool parse_stdio(napi_env env, napi_value obj, const char *key, int index, stdio_spec *s) {
  napi_value v, f;
  bool has;
  char what[64];
  snprintf(what, sizeof what, "ExecContext.%s.kind", key);
  s->kind = index == 0 ? STDIO_NULL : STDIO_INHERIT;
  if (!sm_prop(env, obj, key, &v, &has)) return false;
  if (!has) return true;
  if (!sm_prop(env, v, "kind", &f, &has)) return false;
  char *kind = sm_get_string(env, f, what);
  if (!kind) return false;
  bool ok = true;
  if (strcmp(kind, "null") == 0) s->kind = STDIO_NULL;
  else if (strcmp(kind, "inherit") == 0) s->kind = STDIO_INHERIT;
  else if (strcmp(kind, "stdout") == 0 && index == 2) s->kind = STDIO_STDOUT;
  else if (strcmp(kind, "fd") == 0) {
    s->kind = STDIO_FD;
    snprintf(what, sizeof what, "ExecContext.%s.fd", key);
    int32_t fd;
    ok = sm_prop(env, v, "fd", &f, &has) && sm_get_int32(env, f, what, &fd);
    if (ok && fd < 0) ok = sm_throw_type(env, "ExecContext stdio fd must be >= 0") != NULL;
    s->fd = fd;
  } else if (strcmp(kind, "file") == 0) {
    s->kind = STDIO_FILE;
    snprintf(what, sizeof what, "ExecContext.%s.path", key);
    ok = sm_prop(env, v, "path", &f, &has) && (s->path = sm_get_string(env, f, what)) != NULL;
    char *mode = NULL;
    snprintf(what, sizeof what, "ExecContext.%s.mode", key);
    if (ok) ok = sm_prop(env, v, "mode", &f, &has) && (mode = sm_get_string(env, f, what)) != NULL;
    if (ok) {
      if (strcmp(mode, "read") == 0) s->flags = O_RDONLY;
      else if (strcmp(mode, "write") == 0) s->flags = O_WRONLY | O_CREAT;
      else if (strcmp(mode, "append") == 0) s->flags = O_WRONLY | O_CREAT | O_APPEND;
      else if (strcmp(mode, "truncate") == 0) s->flags = O_WRONLY | O_CREAT | O_TRUNC;
      else ok = sm_throw_type(env, "ExecContext stdio file mode must be read, write, append or truncate") != NULL;
    }
    free(mode);
  } else {
    snprintf(what, sizeof what, "ExecContext.%s.kind is not valid here", key);
    ok = sm_throw_type(env, what) != NULL;
  }
  free(kind);
  return ok;
}

/* cpuAffinity (CPU numbers), ioPriority (ioprio_set's value) and ignoreSigpipe. */
static bool parse_scheduling(napi_env env, napi_value obj, spawn_ctx *c) {
  napi_value v;
  bool has;
  if (!sm_prop(env, obj, "cpuAffinity", &v, &has)) return false;
  if (has) {
    bool is_array = false;
    napi_is_array(env, v, &is_array);
    if (!is_array) return sm_throw_type(env, "ExecContext.cpuAffinity must be an array of CPU numbers") != NULL;
    uint32_t n, cpu;
    napi_get_array_length(env, v, &n);
    CPU_ZERO(&c->cpu_affinity);
    for (uint32_t k = 0; k < n; k++) {
      napi_value e;
      napi_get_element(env, v, k, &e);
      if (!sm_get_uint32(env, e, "ExecContext.cpuAffinity[]", &cpu)) return false;
      if (cpu >= CPU_SETSIZE) return sm_throw_type(env, "ExecContext.cpuAffinity[]: CPU number too large") != NULL;
      CPU_SET(cpu, &c->cpu_affinity);
    }
    c->has_cpu_affinity = true;
  }
  int32_t ioprio;
  if (!opt_int(env, obj, "ioPriority", &c->has_ioprio, &ioprio)) return false;
  c->ioprio = ioprio;
  if (!sm_prop(env, obj, "ignoreSigpipe", &v, &has)) return false;
  if (has && !sm_get_bool(env, v, "ExecContext.ignoreSigpipe", &c->ignore_sigpipe)) return false;
  return true;
}

bool sm_parse_exec_context(napi_env env, napi_value obj, spawn_ctx *c) {
  napi_value v;
  bool has;
  napi_valuetype t;
  if (napi_typeof(env, obj, &t) != napi_ok || t != napi_object)
    return sm_throw_type(env, "spawn() needs an ExecContext object") != NULL;

  if (!sm_prop(env, obj, "path", &v, &has) || !(c->path = sm_get_string(env, v, "ExecContext.path")))
    return false;
  if (!sm_prop(env, obj, "argv", &v, &has) ||
      !(c->argv = sm_get_strv(env, v, "ExecContext.argv", 0, NULL)))
    return false;
  if (!sm_prop(env, obj, "env", &v, &has) ||
      !(c->envp = sm_get_strv(env, v, "ExecContext.env", 2, &c->envc)))
    return false;
  if (!sm_prop(env, obj, "cwd", &v, &has)) return false;
  if (has && !(c->cwd = sm_get_string(env, v, "ExecContext.cwd"))) return false;

  uint32_t u;
  int32_t i;
  if (!opt_uint(env, obj, "uid", &c->has_uid, &u)) return false;
  c->uid = (uid_t)u;
  if (!opt_uint(env, obj, "gid", &c->has_gid, &u)) return false;
  c->gid = (gid_t)u;
  if (!opt_uint(env, obj, "umask", &c->has_umask, &u)) return false;
  c->umask_value = (mode_t)(u & 0777);
  if (!opt_int(env, obj, "nice", &c->has_nice, &c->nice_value)) return false;
  if (!opt_int(env, obj, "oomScoreAdjust", &c->has_oom, &i)) return false;
  if (c->has_oom) c->oom_len = (size_t)snprintf(c->oom, sizeof c->oom, "%d", i);
  if (!parse_scheduling(env, obj, c)) return false;

  if (!sm_prop(env, obj, "groups", &v, &has)) return false;
  if (has) {
    bool is_array = false;
    napi_is_array(env, v, &is_array);
    if (!is_array) return sm_throw_type(env, "ExecContext.groups must be an array of numbers") != NULL;
    uint32_t n;
    napi_get_array_length(env, v, &n);
    c->groups = calloc(n + 1, sizeof(gid_t));
    c->ngroups = n;
    c->has_groups = true;
    for (uint32_t k = 0; k < n; k++) {
      napi_value e;
      napi_get_element(env, v, k, &e);
      if (!sm_get_uint32(env, e, "ExecContext.groups[]", &u)) return false;
      c->groups[k] = (gid_t)u;
    }
  } else if (c->has_uid) {
    c->has_groups = true; /* dropping to a uid clears the manager's supplementary groups */
    c->ngroups = 0;
  }

  if (!sm_prop(env, obj, "rlimits", &v, &has)) return false;
  if (has) {
    bool is_array = false;
    napi_is_array(env, v, &is_array);
    if (!is_array) return sm_throw_type(env, "ExecContext.rlimits must be an array") != NULL;
    uint32_t n;
    napi_get_array_length(env, v, &n);
    c->rlimits = calloc(n + 1, sizeof(rlimit_spec));
    c->nrlimits = n;
    for (uint32_t k = 0; k < n; k++) {
      napi_value e, f;
      napi_get_element(env, v, k, &e);
      if (!sm_prop(env, e, "resource", &f, &has)) return false;
      char *name = sm_get_string(env, f, "ExecContext.rlimits[].resource");
      if (!name) return false;
      int resource = -1;
      for (size_t r = 0; r < sizeof rlimit_names / sizeof rlimit_names[0]; r++)
        if (strcmp(name, rlimit_names[r].name) == 0) resource = rlimit_names[r].resource;
      if (resource < 0) {
        char msg[128];
        snprintf(msg, sizeof msg, "ExecContext.rlimits: unknown resource \"%.60s\"", name);
        free(name);
        return sm_throw_type(env, msg) != NULL;
      }
      free(name);
      c->rlimits[k].resource = resource;
      const char *keys[2] = {"soft", "hard"};
      rlim_t *dest[2] = {&c->rlimits[k].limit.rlim_cur, &c->rlimits[k].limit.rlim_max};
      for (int w = 0; w < 2; w++) {
        double d;
        if (!sm_prop(env, e, keys[w], &f, &has) || napi_typeof(env, f, &t) != napi_ok ||
            t != napi_number)
          return sm_throw_type(env, "ExecContext.rlimits[].soft/hard must be numbers") != NULL;
        napi_get_value_double(env, f, &d);
        if (isinf(d) && d > 0) *dest[w] = RLIM_INFINITY;
        else if (d >= 0 && d == floor(d)) *dest[w] = (rlim_t)d;
        else return sm_throw_type(env, "ExecContext.rlimits[] values must be integers >= 0 or Infinity") != NULL;
      }
    }
  }

  c->setsid = true;
  if (!sm_prop(env, obj, "setsid", &v, &has)) return false;
  if (has && !sm_get_bool(env, v, "ExecContext.setsid", &c->setsid)) return false;
  if (!sm_prop(env, obj, "listenPid", &v, &has)) return false;
  if (has && !sm_get_bool(env, v, "ExecContext.listenPid", &c->listen_pid)) return false;
  if (!sm_prop(env, obj, "watchdogPid", &v, &has)) return false;
  if (has && !sm_get_bool(env, v, "ExecContext.watchdogPid", &c->watchdog_pid)) return false;

  if (!sm_prop(env, obj, "cgroup", &v, &has)) return false;
  if (has) {
    char *dir = sm_get_string(env, v, "ExecContext.cgroup");
    if (!dir) return false;
    size_t len = strlen(dir) + sizeof "/cgroup.procs";
    c->cgroup_procs = malloc(len);
    snprintf(c->cgroup_procs, len, "%s/cgroup.procs", dir);
    free(dir);
  }

  if (!parse_stdio(env, obj, "stdin", 0, &c->stdio[0]) ||
      !parse_stdio(env, obj, "stdout", 1, &c->stdio[1]) ||
      !parse_stdio(env, obj, "stderr", 2, &c->stdio[2]))
    return false;

  if (!sm_prop(env, obj, "fds", &v, &has)) return false;
  if (has) {
    bool is_array = false;
    napi_is_array(env, v, &is_array);
    if (!is_array) return sm_throw_type(env, "ExecContext.fds must be an array of fds") != NULL;
    uint32_t n;
    napi_get_array_length(env, v, &n);
    c->fds = calloc(n + 1, sizeof(int));
    c->fds_high = calloc(n + 1, sizeof(int));
    c->nfds = n;
    for (uint32_t k = 0; k < n; k++) {
      napi_value e;
      napi_get_element(env, v, k, &e);
      if (!sm_get_uint32(env, e, "ExecContext.fds[]", &u)) return false;
      c->fds[k] = (int)u;
    }
  }

  if (c->listen_pid || c->watchdog_pid) {
    /* Our LISTEN_PID and WATCHDOG_PID replace any the caller put in env. */
    size_t w = 0;
    for (size_t r = 0; r < c->envc; r++) {
      if ((c->listen_pid && strncmp(c->envp[r], "LISTEN_PID=", 11) == 0) ||
          (c->watchdog_pid && strncmp(c->envp[r], "WATCHDOG_PID=", 13) == 0))
        free(c->envp[r]);
      else c->envp[w++] = c->envp[r];
    }
    for (size_t r = w; r <= c->envc; r++) c->envp[r] = NULL;
    c->envc = w;
  }
  return true;
}

