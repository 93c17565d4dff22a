/*
 * spawn() and execve(): starting a managed process with its whole exec context.
 *
 * Node's child_process cannot do this: it has no hook between fork and exec, so it cannot join
 * a cgroup before the program runs (writing cgroup.procs afterwards races with the program's
 * own forks), set rlimits/nice/oom score/umask for the child only, place passed fds at 3… with
 * CLOEXEC and O_NONBLOCK cleared, or set LISTEN_PID (and WATCHDOG_PID) to the child's own pid. Like node-pty, we
 * fork in C and set the child up ourselves.
 *
 * The parent prepares every string, array and number before forking (the child of a
 * multi-threaded process may only make async-signal-safe calls: no malloc, no stdio, no locks).
 * All signals are blocked across fork so that none of Node's handlers can run in the child
 * (they would write into the parent's libuv signal pipe); the child then resets dispositions
 * and unblocks. The child applies the steps in the order documented in types.ts; when one
 * fails it writes {step, errno} into a CLOEXEC pipe and exits 127. The parent reads the pipe:
 * end-of-file means execve succeeded (the pipe closed on exec), a record means failure — the
 * parent reaps the child and throws Error{step, code, errno, syscall}. So a missing binary is a
 * synchronous spawn failure, not an exit status to decode later.
 *
 * setgroups/setgid/setuid are raw syscalls: glibc's wrappers broadcast to all threads of the
 * process, which in the forked child is bookkeeping we must not rely on.
 *
 * The child is made with clone(CLONE_VM | CLONE_VFORK) on a stack of its own, as glibc's
 * posix_spawn does, not fork(): fork copies the page tables of a Node process of 100+ MB
 * (~1.7 ms a spawn, the worker's hot path when a thousand services start), while the child
 * shares the parent's memory until execve and the parent sleeps until then. That is safe here
 * because the child only makes system calls and writes nothing the parent still needs: its
 * writes go to its own stack, to scratch fields of the context (fds_high, the LISTEN_PID slot,
 * which the parent resets before freeing), and to errno, which the parent reads only when
 * clone() itself failed. Without CLONE_FILES and CLONE_SIGHAND, the fd table and the signal
 * dispositions are the child's own copies.
 */
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>

/* Step names reported in Error.step, and the syscall each step's errno came from. */
enum step {
  STEP_SIGNALS, STEP_SETSID, STEP_CGROUP, STEP_NICE, STEP_CPU_AFFINITY, STEP_IOPRIO, STEP_OOM, STEP_RLIMIT, STEP_STDIN,
  STEP_STDOUT, STEP_STDERR, STEP_FDS, STEP_CLOSE, STEP_SETGROUPS, STEP_SETGID, STEP_SETUID,
  STEP_CHDIR, STEP_EXECVE, STEP_COUNT
};
static const char *const step_names[STEP_COUNT] = {
  "signals", "setsid", "cgroup", "nice", "cpuaffinity", "ioprio", "oom", "rlimit", "stdin", "stdout", "stderr", "fds",
  "close", "setgroups", "setgid", "setuid", "chdir", "execve"};
static const char *const step_syscalls[STEP_COUNT] = {
  "sigprocmask", "setsid", "open", "setpriority", "sched_setaffinity", "ioprio_set", "write", "setrlimit", "open", "open", "open",
  "dup2", "close_range", "setgroups", "setgid", "setuid", "chdir", "execve"};

typedef struct {
  int32_t step;
  int32_t err;
} child_report;

/* ---- the child: async-signal-safe only ---------------------------------------------------- */

static void __attribute__((noreturn)) child_fail(int errfd, enum step step, int err) {
  child_report report = {(int32_t)step, (int32_t)err};
  ssize_t r;
  do r = write(errfd, &report, sizeof report);
  while (r < 0 && errno == EINTR);
  _exit(127);
}

/* A Limit*= as close as this process may set it, as systemd does (its setrlimit_closest()):
 * raising a hard limit needs CAP_SYS_RESOURCE, which containers and some hosts drop (root here
 * has it in no set). When setrlimit(2) says EPERM and the current hard limit is finite, both
 * values are capped at that hard limit and set instead; a request the cap leaves unchanged
 * succeeds without a call. Any other error, or EPERM under an infinite hard limit (then the
 * refusal had another reason), fails the start. Async-signal-safe: two system calls. */
static int setrlimit_closest(int resource, const struct rlimit *want) {
  if (setrlimit(resource, want) == 0) return 0;
  if (errno != EPERM) return -1;
  struct rlimit allowed;
  if (getrlimit(resource, &allowed) < 0) return -1;
  if (allowed.rlim_max == RLIM_INFINITY) {
    errno = EPERM;
    return -1;
  }
  struct rlimit capped = {
    .rlim_cur = want->rlim_cur < allowed.rlim_max ? want->rlim_cur : allowed.rlim_max,
    .rlim_max = want->rlim_max < allowed.rlim_max ? want->rlim_max : allowed.rlim_max,
  };
  if (capped.rlim_cur == allowed.rlim_cur && capped.rlim_max == allowed.rlim_max) return 0;
  return setrlimit(resource, &capped);
}

/* Move `fd` to a number >= minfd with CLOEXEC set and close the original. */
static int move_high(int fd, int minfd) {
  if (fd >= minfd) return fd;
  int high = fcntl(fd, F_DUPFD_CLOEXEC, minfd);
  int saved = errno;
  close(fd);
  errno = saved;
  return high;
}

static int close_from(int from, int except) {
  /* close_range(from, ~0U) except one fd, falling back to a loop up to RLIMIT_NOFILE. */
  long r = 0;
  if (except > from) r = syscall(SYS_close_range, (unsigned)from, (unsigned)except - 1, 0U);
  if (r == 0) r = syscall(SYS_close_range, (unsigned)(except >= from ? except + 1 : from), ~0U, 0U);
  if (r == 0) return 0;
  if (errno != ENOSYS && errno != EINVAL) return -1;
  struct rlimit lim;
  long max = 65536;
  if (syscall(SYS_getrlimit, RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY)
    max = (long)lim.rlim_cur;
  for (long fd = from; fd < max; fd++)
    if (fd != except) close((int)fd);
  return 0;
}

static size_t format_uint(char *out, unsigned long v) {
  char tmp[24];
  size_t n = 0;
  do tmp[n++] = (char)('0' + v % 10), v /= 10;
  while (v);
  for (size_t i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
  out[n] = 0;
  return n;
}

static void __attribute__((noreturn)) child_run(spawn_ctx *c, int errfd) {
  /* signals: default dispositions, then an empty mask (the parent blocked all across fork). */
  for (int sig = 1; sig < NSIG; sig++) {
    if (sig == SIGKILL || sig == SIGSTOP) continue;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    /* IgnoreSIGPIPE= (systemd's default yes): SIGPIPE is ignored, and so survives execve. */
    if (sig == SIGPIPE && c->ignore_sigpipe) sa.sa_handler = SIG_IGN;
    sigaction(sig, &sa, NULL); /* EINVAL for the libc-reserved real-time signals is expected */
  }
  sigset_t empty;
  sigemptyset(&empty);
  if (sigprocmask(SIG_SETMASK, &empty, NULL) < 0) child_fail(errfd, STEP_SIGNALS, errno);

  if (c->setsid && setsid() < 0) child_fail(errfd, STEP_SETSID, errno);

  if (c->cgroup_procs) {
    int fd = open(c->cgroup_procs, O_WRONLY | O_CLOEXEC);
    if (fd < 0) child_fail(errfd, STEP_CGROUP, errno);
    if (write(fd, "0", 1) != 1) child_fail(errfd, STEP_CGROUP, errno);
    close(fd);
  }

  if (c->has_nice && setpriority(PRIO_PROCESS, 0, c->nice_value) < 0)
    child_fail(errfd, STEP_NICE, errno);

  /* CPUAffinity= and IOSchedulingClass=/IOSchedulingPriority=: plain system calls, as systemd's
   * exec_child() makes them (EXIT_CPUAFFINITY, EXIT_IOPRIO when refused). glibc has no
   * ioprio_set() wrapper; 1 is IOPRIO_WHO_PROCESS, 0 this process. */
  if (c->has_cpu_affinity && sched_setaffinity(0, sizeof c->cpu_affinity, &c->cpu_affinity) < 0)
    child_fail(errfd, STEP_CPU_AFFINITY, errno);
  if (c->has_ioprio && syscall(SYS_ioprio_set, 1, 0, c->ioprio) < 0)
    child_fail(errfd, STEP_IOPRIO, errno);

  /* A value below the current one needs CAP_SYS_RESOURCE: without it (a container), systemd logs
   * "assuming containerized execution" and goes on; so does this (the worker says so in a notice). */
  if (c->has_oom) {
    int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
    if (fd < 0) child_fail(errfd, STEP_OOM, errno);
    if (write(fd, c->oom, c->oom_len) != (ssize_t)c->oom_len && errno != EPERM && errno != EACCES)
      child_fail(errfd, STEP_OOM, errno);
    close(fd);
  }

  for (size_t i = 0; i < c->nrlimits; i++)
    if (setrlimit_closest(c->rlimits[i].resource, &c->rlimits[i].limit) < 0)
      child_fail(errfd, STEP_RLIMIT, errno);

  if (c->has_umask) umask(c->umask_value);

  /* fds: first lift every source (and the error pipe) above the target range 0..minfd-1, so
   * that no dup2 into place can clobber a source still needed. */
  int minfd = 3 + (int)c->nfds;
  int high_err = fcntl(errfd, F_DUPFD_CLOEXEC, minfd);
  if (high_err < 0) child_fail(errfd, STEP_FDS, errno);
  close(errfd);
  errfd = high_err;
  for (size_t i = 0; i < c->nfds; i++) {
    c->fds_high[i] = fcntl(c->fds[i], F_DUPFD_CLOEXEC, minfd);
    if (c->fds_high[i] < 0) child_fail(errfd, STEP_FDS, errno);
  }
  for (int i = 0; i < 3; i++)
    if (c->stdio[i].kind == STDIO_FD) {
      c->stdio[i].fd = fcntl(c->stdio[i].fd, F_DUPFD_CLOEXEC, minfd);
      if (c->stdio[i].fd < 0) child_fail(errfd, (enum step)(STEP_STDIN + i), errno);
    }

  for (int i = 0; i < 3; i++) {
    stdio_spec *s = &c->stdio[i];
    enum step step = (enum step)(STEP_STDIN + i);
    int src = -1;
    switch (s->kind) {
      case STDIO_INHERIT: {
        /* Node may hold its own stdio with CLOEXEC set; an inherited stream must survive exec. */
        int fdflags = fcntl(i, F_GETFD);
        if (fdflags >= 0 && (fdflags & FD_CLOEXEC) && fcntl(i, F_SETFD, fdflags & ~FD_CLOEXEC) < 0)
          child_fail(errfd, step, errno);
        continue;
      }
      case STDIO_STDOUT:
        if (dup2(1, i) < 0) child_fail(errfd, step, errno);
        continue;
      case STDIO_NULL: src = open("/dev/null", O_RDWR | O_CLOEXEC); break;
      case STDIO_FILE: src = open(s->path, s->flags | O_CLOEXEC, 0644); break;
      case STDIO_FD: src = s->fd; break;
    }
    if (src < 0) child_fail(errfd, step, errno);
    src = move_high(src, minfd);
    if (src < 0 || dup2(src, i) < 0) child_fail(errfd, step, errno);
    close(src);
  }

  for (size_t i = 0; i < c->nfds; i++) {
    int target = 3 + (int)i;
    if (dup2(c->fds_high[i], target) < 0) child_fail(errfd, STEP_FDS, errno);
    int flags = fcntl(target, F_GETFL);
    if (flags < 0 || fcntl(target, F_SETFL, flags & ~O_NONBLOCK) < 0)
      child_fail(errfd, STEP_FDS, errno);
  }

  if (close_from(minfd, errfd) < 0) child_fail(errfd, STEP_CLOSE, errno);

  if (c->has_groups && syscall(SYS_setgroups, c->ngroups, c->groups) < 0)
    child_fail(errfd, STEP_SETGROUPS, errno);
  if (c->has_gid && syscall(SYS_setresgid, c->gid, c->gid, c->gid) < 0)
    child_fail(errfd, STEP_SETGID, errno);
  if (c->has_uid && syscall(SYS_setresuid, c->uid, c->uid, c->uid) < 0)
    child_fail(errfd, STEP_SETUID, errno);

  if (c->cwd && chdir(c->cwd) < 0) child_fail(errfd, STEP_CHDIR, errno);

  size_t envc = c->envc;
  if (c->listen_pid) {
    memcpy(c->listen_pid_buf, "LISTEN_PID=", 11);
    format_uint(c->listen_pid_buf + 11, (unsigned long)getpid());
    c->envp[envc++] = c->listen_pid_buf;
  }
  if (c->watchdog_pid) {
    memcpy(c->watchdog_pid_buf, "WATCHDOG_PID=", 13);
    format_uint(c->watchdog_pid_buf + 13, (unsigned long)getpid());
    c->envp[envc++] = c->watchdog_pid_buf;
  }
  c->envp[envc] = NULL;

  execve(c->path, c->argv, c->envp);
  child_fail(errfd, STEP_EXECVE, errno);
}

/* ---- the parent ------------------------------------------------------------------------- */

struct child_start {
  spawn_ctx *c;
  int errfd;
  int readfd;
};

static int child_entry(void *arg) {
  struct child_start *start = arg;
  close(start->readfd);
  child_run(start->c, start->errfd);
}

/* The child's stack: small, since child_run only makes system calls. */
#define CHILD_STACK_SIZE (256 * 1024)

static napi_value Spawn(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc;
  if (!sm_args(env, info, 1, argv, &argc)) return NULL;
  if (argc < 1) return sm_throw_type(env, "spawn() needs an ExecContext");
  spawn_ctx c;
  memset(&c, 0, sizeof c);
  if (!sm_parse_exec_context(env, argv[0], &c)) {
    sm_free_exec_context(&c);
    return NULL;
  }

  int pipefd[2];
  if (pipe2(pipefd, O_CLOEXEC) < 0) {
    int err = errno;
    sm_free_exec_context(&c);
    return sm_throw_errno(env, err, "pipe2", NULL);
  }
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  pid_t pid = -1;
  int fork_err = 0;
  void *stack = mmap(NULL, CHILD_STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stack == MAP_FAILED) {
    fork_err = errno;
  } else {
    struct child_start start = {&c, pipefd[1], pipefd[0]};
    pid = clone(child_entry, (char *)stack + CHILD_STACK_SIZE, CLONE_VM | CLONE_VFORK | SIGCHLD, &start);
    fork_err = errno;
    munmap(stack, CHILD_STACK_SIZE);
  }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  close(pipefd[1]);
  sm_free_exec_context(&c);
  if (pid < 0) {
    close(pipefd[0]);
    return sm_throw_errno(env, fork_err, "clone", NULL);
  }

  child_report report;
  ssize_t r;
  do r = read(pipefd[0], &report, sizeof report);
  while (r < 0 && errno == EINTR);
  close(pipefd[0]);
  if (r == (ssize_t)sizeof report) {
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    int step = report.step >= 0 && report.step < STEP_COUNT ? report.step : STEP_EXECVE;
    return sm_throw_errno(env, report.err, step_syscalls[step], step_names[step]);
  }
  return sm_int(env, pid);
}

static napi_value Execve(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  size_t argc;
  if (!sm_args(env, info, 3, argv, &argc)) return NULL;
  if (argc < 3) return sm_throw_type(env, "execve(path, argv, env) needs three arguments");
  char *path = sm_get_string(env, argv[0], "path");
  if (!path) return NULL;
  char **args = sm_get_strv(env, argv[1], "argv", 0, NULL);
  char **envp = args ? sm_get_strv(env, argv[2], "env", 0, NULL) : NULL;
  if (!envp) {
    free(path);
    sm_free_strv(args);
    return NULL;
  }
  /* Node may hold its stdio with CLOEXEC set; the new image must keep 0..2 like any exec. */
  int saved[3];
  for (int fd = 0; fd < 3; fd++) {
    saved[fd] = fcntl(fd, F_GETFD);
    if (saved[fd] > 0 && (saved[fd] & FD_CLOEXEC)) fcntl(fd, F_SETFD, saved[fd] & ~FD_CLOEXEC);
  }
  execve(path, args, envp);
  int err = errno;
  for (int fd = 0; fd < 3; fd++)
    if (saved[fd] > 0) fcntl(fd, F_SETFD, saved[fd]);
  free(path);
  sm_free_strv(args);
  sm_free_strv(envp);
  return sm_throw_errno(env, err, "execve", NULL);
}

bool sm_init_spawn(napi_env env, napi_value exports) {
  static const sm_fn fns[] = {{"spawn", Spawn}, {"execve", Execve}};
  return sm_register(env, exports, fns, sizeof fns / sizeof fns[0]);
}
