// The socket benchmark's units, the same files for ours and systemd (s6 and runit have no socket
// activation and are not run):
//   bench.socket   Accept=no, ListenStream= a unix socket in /run or a TCP port on 127.0.0.1,
//                  TriggerLimitIntervalSec=0;
//   bench.service  the test suite's sd_listen_fds daemon (test/e2e/socket-units/fixtures/
//                  activated.py: it refuses to run unless LISTEN_PID is its own pid, takes its fd
//                  at 3 and answers each connection with one line), StartLimitIntervalSec=0;
//   bench.target   Wants=bench.socket, linked from multi-user.target.wants/ (ours boots
//                  default.target; systemd is started with --unit=bench.target).
// Both limits are lifted because the restart loop starts the service far more often than the
// default 5 starts in 10 s: under systemd 252 the service then fails with start-limit-hit and the
// socket with service-start-limit-hit, and what the loop would count is that policy, not whether
// the manager keeps the socket open across a restart (docs/field-notes.md measured both).
// DefaultDependencies=no keeps systemd's unit path to these files alone (no sysinit.target).
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './managers.mjs';

/** The daemon both managers start. */
export const DAEMON = path.join(ROOT, 'test/e2e/socket-units/fixtures/activated.py');

/** The unix socket's path inside a manager's namespaces (its /run is a private tmpfs). */
export const SOCKET_PATH = '/run/sm-bench/bench.sock';

/** Where the daemon appends "start pid=…" and "stop pid=…", one line per incarnation (inside). */
export const DAEMON_LOG = '/run/sm-bench-daemon.log';

/**
 * The writers for managers.mjs's launch(): `listen` is SOCKET_PATH or "127.0.0.1:PORT". There is
 * no scanDir: no peer without socket activation is run.
 */
export function socketWriters(listen) {
  const unitTree = (dir) => {
    fs.mkdirSync(path.join(dir, 'multi-user.target.wants'), { recursive: true });
    const write = (name, lines) => fs.writeFileSync(path.join(dir, name), [...lines, ''].join('\n'));
    write('bench.socket', ['[Unit]', 'Description=socket benchmark: the listening socket', 'DefaultDependencies=no', '',
      '[Socket]', `ListenStream=${listen}`, 'TriggerLimitIntervalSec=0']);
    write('bench.service', ['[Unit]', 'Description=socket benchmark: an sd_listen_fds daemon', 'DefaultDependencies=no',
      'StartLimitIntervalSec=0', '', '[Service]', `ExecStart=/usr/bin/python3 ${DAEMON} ${DAEMON_LOG}`]);
    write('bench.target', ['[Unit]', 'Description=socket benchmark', 'DefaultDependencies=no', 'Wants=bench.socket']);
    fs.symlinkSync('../bench.target', path.join(dir, 'multi-user.target.wants', 'bench.target'));
    return dir;
  };
  return { unitTree, scanDir: () => { throw new Error('the socket benchmark runs no s6/runit peer'); } };
}
