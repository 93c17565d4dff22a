// Where the processes of sysmaster-ts find each other. Production paths by default; each root can
// be moved by environment for unprivileged development (tests use namespaces instead, so that the
// production paths are what is exercised).
import path from 'node:path';

/** The runtime directory, /run/sysmaster unless SYSMASTER_RUNTIME_DIR says otherwise. */
export function runtimeDir(): string {
  return process.env.SYSMASTER_RUNTIME_DIR || '/run/sysmaster';
}

/** Every well-known socket and directory under the runtime directory. */
export function runtimePaths(): {
  dir: string; privateSocket: string; readOnlySocket: string; initSocket: string; hostSocket: string;
  workersDir: string; notifySocket: string; stateDir: string;
} {
  const dir = runtimeDir();
  return {
    dir,
    privateSocket: path.join(dir, 'private'),
    readOnlySocket: path.join(dir, 'public'),
    initSocket: path.join(dir, 'init.sock'),
    hostSocket: path.join(dir, 'host.sock'),
    workersDir: path.join(dir, 'workers'),
    notifySocket: path.join(dir, 'notify'),
    stateDir: path.join(dir, 'state'),
  };
}

/** The socket a worker of this type serves UnitWorker on. */
export function workerSocket(type: string): string {
  return path.join(runtimePaths().workersDir, `${type}.sock`);
}

/** The configuration directory, /etc/sysmaster unless SYSMASTER_CONFIG_DIR says otherwise. */
export function configDir(): string {
  return process.env.SYSMASTER_CONFIG_DIR || '/etc/sysmaster';
}

/** Where unit logs are written, /var/log/sysmaster unless SYSMASTER_LOG_DIR says otherwise. */
export function logDir(): string {
  return process.env.SYSMASTER_LOG_DIR || '/var/log/sysmaster';
}

/**
 * Persistent state that must survive a reboot (a timer's Persistent= stamps), /var/lib/sysmaster
 * unless SYSMASTER_PERSISTENT_DIR says otherwise.
 */
export function persistentStateDir(): string {
  return process.env.SYSMASTER_PERSISTENT_DIR || '/var/lib/sysmaster';
}
