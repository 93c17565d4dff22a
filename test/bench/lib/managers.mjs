// The four managers under test and how each is booted, measured and torn down.
//
// Every manager runs in a cgroup of its own under the host's cgroup2 hierarchy and in a PID
// namespace of its own, so that (1) its services are counted by reading its cgroup tree,
// (2) its own processes are found there by comm, and (3) teardown is certain: SIGKILL to the
// namespace's PID 1 takes every process of the namespace with it, and cgroup.kill sweeps up
// whatever is left before the groups are removed. A launcher shell joins the cgroup and then
// execs the manager, so no process of the manager is ever outside it (docs/field-notes.md: joining after
// spawn races with forks).
//
// Ours goes through scripts/sandbox, which makes the cgroup (sysmaster-sandbox-<its pid>) and
// the namespaces itself; systemd follows the docs/field-notes.md recipe (a cgroup namespace with a pure
// cgroup2 view, tmpfs /run, a file over /dev/console); s6 and runit are plain PID namespaces.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cgroup2Mount, createGroup, destroyGroup, ownCgroup, pidsUnder } from './cgroup.mjs';
import { innermostPid } from './procfs.mjs';
import { writeScanDir, writeUnitTree } from './units.mjs';

/**
 * What a manager is booted with. boot.mjs uses the defaults (the tree of N unit files, the flat
 * scan directory of N services); service.mjs passes its own writers with the same signatures:
 * `unitTree(dir, n)` must provide bench.target (systemd is started with --unit=bench.target)
 * and link it from multi-user.target.wants/ (ours boots default.target); `scanDir(dir, n)`
 * writes an s6/runit scan directory.
 */
const DEFAULT_WRITERS = { unitTree: writeUnitTree, scanDir: writeScanDir };

export const ROOT = path.resolve(new URL('../../..', import.meta.url).pathname);

const CLEAN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** A clean environment for a manager: it must not inherit NODE_EXTRA_CA_CERTS and the like. */
function cleanEnv(extra = {}) {
  return { PATH: CLEAN_PATH, LANG: 'C.UTF-8', HOME: '/root', ...extra };
}

function which(cmd) {
  return CLEAN_PATH.split(':').map((d) => path.join(d, cmd)).find((p) => fs.existsSync(p)) ?? null;
}

let groupSerial = 0;

// Inside a manager's namespaces: the sandbox's sctl wrapper first (ours), then the clean PATH.
const INSIDE_PATH = `/run/sysmaster-sandbox/bin:${CLEAN_PATH}`;

/**
 * Runs `script` with bash inside the PID and mount namespaces of `init` (a host pid) with a clean
 * environment, `args` as $1…; resolves with its stdout, rejects on a non-zero exit or after
 * `timeoutMs` (the process is then killed). nsenter does not enter the cgroup namespace: what it
 * runs stays in the benchmark's own cgroup, so it is never counted as the manager's.
 */
export function runInside(init, script, args, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn('nsenter', ['--target', String(init), '--pid', '--mount', '--',
      'env', '-i', `PATH=${INSIDE_PATH}`, 'LANG=C.UTF-8', 'HOME=/root', 'bash', '-c', script, 'bench', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`timed out after ${timeoutMs} ms: ${err.slice(-500)}`)); }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out); else reject(new Error(`exit ${code}: ${err.slice(-500)}`));
    });
  });
}

/**
 * A Manager API client (packages/proto, one gRPC channel) of ours booted in a sandbox whose init
 * is host pid `init`: its private socket is reached as /proc/<init>/root/run/sysmaster/private.
 * Resolves once the channel is ready; the caller closes it.
 */
export async function oursManagerApi(init) {
  const require = createRequire(import.meta.url);
  const { connect } = require(path.join(ROOT, 'packages/proto/dist/index.js'));
  const client = connect('Manager', `/proc/${init}/root/run/sysmaster/private`);
  try {
    await client.waitForReady(10_000);
  } catch (e) {
    client.close();
    throw e;
  }
  return client;
}

/** Starts `cmd` inside a new cgroup named after the manager; output goes to `logFile`. */
function launchInGroup(name, cmd, logFile) {
  const group = createGroup(`sm-bench-${process.pid}-${name}-${++groupSerial}`);
  const fd = fs.openSync(logFile, 'a');
  const child = spawn('sh', ['-c', 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"', 'sh', group, ...cmd],
    { detached: true, stdio: ['ignore', fd, fd], env: cleanEnv() });
  fs.closeSync(fd);
  return { child, group, logFile };
}

/** The host pid of the PID-namespace init inside `group` (innermost pid 1), or null. */
export function namespaceInit(group) {
  return pidsUnder(group).find((pid) => innermostPid(pid) === 1) ?? null;
}

/** Resolves true when `child` has exited, false after `ms`. */
function exited(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => { child.off('exit', onExit); resolve(false); }, ms);
    const onExit = () => { clearTimeout(timer); resolve(true); };
    child.once('exit', onExit);
  });
}

/** Sends `signal` to the PID 1 of the manager's namespace (a no-op when it is gone). */
function signalInit(handle, signal) {
  const init = namespaceInit(handle.group);
  if (init !== null) { try { process.kill(init, signal); } catch { /* gone */ } }
}

/** SIGRTMIN+4: systemd's poweroff request (systemd(1), "Signals"); glibc's SIGRTMIN is 34. */
const SYSTEMD_POWEROFF_SIGNAL = 34 + 4;
const SYSTEMD_POWEROFF_UNITS = ['poweroff.target', 'systemd-poweroff.service', 'shutdown.target', 'umount.target', 'final.target'];

/** Teardown shared by the peers: kill the namespace's PID 1, sweep and remove the cgroup. */
async function stopInGroup(handle) {
  const init = namespaceInit(handle.group);
  if (init !== null) { try { process.kill(init, 'SIGKILL'); } catch { /* already gone */ } }
  await destroyGroup(handle.group);
  if (!(await exited(handle.child, 5000))) { try { process.kill(handle.child.pid, 'SIGKILL'); } catch { /* gone */ } }
}

/**
 * @typedef {object} Handle   a booting manager
 * @property {import('node:child_process').ChildProcess} child  the launcher we spawned
 * @property {string} group     its cgroup directory on the host
 * @property {string} logFile   its console output
 * @property {() => Promise<void>} stop  kills everything and removes the cgroup
 *
 * @typedef {object} Manager
 * @property {string} name
 * @property {number} maxN                    the most services it can supervise
 * @property {number} [graceSec]              extra seconds to wait past --timeout
 * @property {string} members                 which of its processes are measured, in words
 * @property {(comm: string) => boolean} isOwn  whether a process of its cgroup is the manager's own
 * @property {() => string | null} unavailable  why it cannot run here, or null
 * @property {string | null} ctl              its systemctl-like CLI, run inside its namespaces (null: none)
 * @property {(handle: Handle) => void} stopAll  asks it to stop every service and leave, as its own shutdown is asked for
 * @property {(workDir: string, n: number, timeoutSec: number, writers?: {unitTree: (dir: string, n: number) => string, scanDir: (dir: string, n: number) => string}) => Handle} launch
 */

/** @type {Manager} */
const ours = {
  name: 'ours',
  maxN: Infinity,
  // The sandbox gives up at --timeout and prints its console and logs; we wait a little longer
  // so that its diagnosis, not our timeout, is what a failure reports.
  graceSec: 15,
  members: 'init, sysmaster and every sm-* worker (comm), found in the sandbox cgroup',
  isOwn: (comm) => comm === 'init' || comm === 'sysmaster' || comm.startsWith('sm-'),
  ctl: 'sctl',
  // What a container runtime does: init asks the core for an orderly poweroff, then its final step.
  stopAll: (handle) => signalInit(handle, 'SIGTERM'),
  unavailable() {
    const missing = ['packages/init/dist/main.js', 'packages/core/dist/main.js', 'packages/sctl/dist/main.js',
      'packages/sys/build/Release/sys.node'].filter((f) => !fs.existsSync(path.join(ROOT, f)));
    return missing.length > 0 ? `not built: ${missing.join(', ')} missing (pnpm build)` : null;
  },
  launch(workDir, n, timeoutSec, writers = DEFAULT_WRITERS) {
    const units = writers.unitTree(path.join(workDir, 'units'), n);
    const logFile = path.join(workDir, 'console.log');
    const fd = fs.openSync(logFile, 'a');
    // The hold command keeps the sandbox up until we kill its init; it must not be a `sleep
    // infinity` (those are what we count), so it polls with short sleeps.
    const child = spawn(path.join(ROOT, 'scripts/sandbox'),
      ['--units', units, '--pidfile', path.join(workDir, 'pid'), '--timeout', String(timeoutSec), '--',
        'sh', '-c', 'while [ ! -e /run/sysmaster-sandbox/release ]; do sleep 1; done'],
      { detached: true, stdio: ['ignore', fd, fd], env: cleanEnv({ TERM: 'dumb' }), cwd: ROOT });
    fs.closeSync(fd);
    const mount = cgroup2Mount();
    if (!mount) throw new Error('no cgroup2 hierarchy: scripts/sandbox cannot make its cgroup');
    const group = path.join(mount, ownCgroup(), `sysmaster-sandbox-${child.pid}`);
    const handle = {
      child, group, logFile,
      async stop() {
        const init = namespaceInit(group);
        if (init !== null) { try { process.kill(init, 'SIGKILL'); } catch { /* gone */ } }
        else { try { process.kill(child.pid, 'SIGTERM'); } catch { /* gone */ } }
        // The sandbox notices its namespace is gone, removes its cgroup and temp dir, and exits.
        if (!(await exited(child, 20_000))) { try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ } }
        await destroyGroup(group);
      },
    };
    return handle;
  },
};

/** @type {Manager} */
const systemd = {
  name: 'systemd',
  maxN: Infinity,
  members: 'every process of its cgroup but the services and the unshare launcher (PID 1 systemd; journald is not started: the unit path holds only the bench units)',
  isOwn: (comm) => comm !== 'sleep' && comm !== 'unshare',
  ctl: 'systemctl',
  // In a container systemd powers off by stopping every unit, then systemd-shutdown, then exit.
  stopAll: (handle) => signalInit(handle, SYSTEMD_POWEROFF_SIGNAL),
  unavailable: () => (fs.existsSync('/lib/systemd/systemd') ? null : '/lib/systemd/systemd is not installed'),
  launch(workDir, n, _timeoutSec, writers = DEFAULT_WRITERS) {
    const units = writers.unitTree(path.join(workDir, 'units'), n);
    // SIGRTMIN+4 starts poweroff.target: its few units from systemd's own directory (only these,
    // so nothing else of the distribution starts at boot).
    for (const unit of SYSTEMD_POWEROFF_UNITS) {
      const from = path.join('/lib/systemd/system', unit);
      if (fs.existsSync(from)) fs.symlinkSync(from, path.join(units, unit));
    }
    const consoleFile = path.join(workDir, 'console');
    fs.writeFileSync(consoleFile, '');
    const boot = path.join(workDir, 'boot.sh');
    // As in docs/field-notes.md: inside new PID/mount/cgroup/uts/ipc namespaces, a pure cgroup2 view at
    // /sys/fs/cgroup (its root is the cgroup we launched in), a private /run, a file as
    // /dev/console, then systemd as PID 1 with only our unit directory.
    fs.writeFileSync(boot, [
      'set -e',
      'if mountpoint -q /sys/fs/cgroup; then umount -l /sys/fs/cgroup; fi',
      'mount -t cgroup2 cgroup2 /sys/fs/cgroup',
      'mount -t tmpfs -o mode=0755 tmpfs /run',
      `mount --bind '${consoleFile}' /dev/console`,
      `exec env -i container=sm-bench SYSTEMD_UNIT_PATH='${units}' /lib/systemd/systemd --system --unit=bench.target`,
      '',
    ].join('\n'));
    const handle = launchInGroup('systemd', ['unshare', '--pid', '--fork', '--mount', '--cgroup', '--uts', '--ipc',
      '--propagation', 'private', '--mount-proc', 'sh', boot], path.join(workDir, 'launcher.log'));
    handle.logFile = consoleFile;
    return { ...handle, stop: () => stopInGroup(handle) };
  },
};

/** @type {Manager} */
const s6 = {
  name: 's6',
  maxN: 90_000,
  members: 's6-svscan and every s6-supervise',
  isOwn: (comm) => comm === 's6-svscan' || comm === 's6-supervise',
  ctl: null,
  // s6-svscan(8): SIGTERM as `s6-svscanctl -t`: every s6-supervise brings its service down and exits.
  stopAll: (handle) => signalInit(handle, 'SIGTERM'),
  unavailable: () => (which('s6-svscan') ? null : 's6 is not installed (apt-get install -y s6)'),
  launch(workDir, n, _timeoutSec, writers = DEFAULT_WRITERS) {
    const scan = writers.scanDir(path.join(workDir, 'scan'), n);
    // -c: s6-svscan refuses services beyond its table size (500 by default, docs/field-notes.md).
    const handle = launchInGroup('s6', ['unshare', '--pid', '--fork', '--mount-proc',
      's6-svscan', '-c', String(Math.max(500, n + 16)), scan], path.join(workDir, 'console.log'));
    return { ...handle, stop: () => stopInGroup(handle) };
  },
};

/** @type {Manager} */
const runit = {
  name: 'runit',
  maxN: 1000,
  members: 'runsvdir and every runsv',
  isOwn: (comm) => comm === 'runsvdir' || comm === 'runsv',
  ctl: null,
  // runsvdir(8): SIGHUP sends TERM to every runsv and exits; runsv then takes its service down. (As
  // PID 1 of the namespace its exit makes the kernel SIGKILL what is left at once.)
  stopAll: (handle) => signalInit(handle, 'SIGHUP'),
  unavailable: () => (which('runsvdir') ? null : 'runit is not installed (apt-get install -y runit)'),
  launch(workDir, n, _timeoutSec, writers = DEFAULT_WRITERS) {
    const scan = writers.scanDir(path.join(workDir, 'scan'), n);
    const handle = launchInGroup('runit', ['unshare', '--pid', '--fork', '--mount-proc',
      'runsvdir', '-P', scan], path.join(workDir, 'console.log'));
    return { ...handle, stop: () => stopInGroup(handle) };
  },
};

/** The managers by name, in the order they run within each round. */
export const MANAGERS = { ours, systemd, s6, runit };
