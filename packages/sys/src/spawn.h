/*
 * The parsed ExecContext shared by spawn.c (the fork/exec) and spawn-context.c (reading the
 * JS object into it before forking, so that the child needs no allocation).
 */
#ifndef SYSMASTER_SYS_SPAWN_H
#define SYSMASTER_SYS_SPAWN_H

#include "common.h"

#include <sched.h>
#include <sys/resource.h>
#include <sys/types.h>

enum stdio_kind { STDIO_NULL, STDIO_INHERIT, STDIO_FD, STDIO_FILE, STDIO_STDOUT };

typedef struct {
  enum stdio_kind kind;
  int fd;      /* STDIO_FD: the caller's fd; in the child: its high copy */
  char *path;  /* STDIO_FILE */
  int flags;   /* STDIO_FILE: open flags */
} stdio_spec;

typedef struct {
  int resource;
  struct rlimit limit;
} rlimit_spec;

typedef struct {
  char *path;
  char **argv;
  char **envp; /* two spare slots: LISTEN_PID and WATCHDOG_PID */
  size_t envc;
  char *cwd;
  bool has_uid, has_gid, has_groups, has_umask, has_nice, has_oom;
  uid_t uid;
  gid_t gid;
  gid_t *groups;
  size_t ngroups;
  mode_t umask_value;
  int nice_value;
  char oom[16];
  size_t oom_len;
  rlimit_spec *rlimits;
  size_t nrlimits;
  bool setsid;
  char *cgroup_procs;
  stdio_spec stdio[3];
  int *fds;
  int *fds_high; /* scratch space for the child */
  size_t nfds;
  bool listen_pid;
  char listen_pid_buf[32];
  bool watchdog_pid;
  char watchdog_pid_buf[32];
  /* CPUAffinity=, IOSchedulingClass=/IOSchedulingPriority= (an ioprio value), IgnoreSIGPIPE= */
  bool has_cpu_affinity, has_ioprio, ignore_sigpipe;
  cpu_set_t cpu_affinity;
  int ioprio;
} spawn_ctx;

/* Read a JS ExecContext into *c (zeroed by the caller). False with an exception pending. */
bool sm_parse_exec_context(napi_env env, napi_value obj, spawn_ctx *c);
/* Free what sm_parse_exec_context allocated (safe on a partly filled context). */
void sm_free_exec_context(spawn_ctx *c);

#endif
