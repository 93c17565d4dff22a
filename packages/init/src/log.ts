// init's logger: winston, one JSON line per event, service "init", to stderr. When init is PID 1
// of the real system and the kernel gave it no stderr, lines go to /dev/console instead (once
// /dev is mounted; before that they are dropped rather than crashing PID 1).
import fs from 'node:fs';
import { Writable } from 'node:stream';
import winston from 'winston';

export type Logger = winston.Logger;

/** makedev(1, 3): /dev/null, which Node opens on fds 0-2 when the kernel left them closed. */
const DEV_NULL_RDEV = 259;

function stderrIsOpen(): boolean {
  try {
    const st = fs.fstatSync(2);
    return !(st.isCharacterDevice() && st.rdev === DEV_NULL_RDEV);
  } catch {
    return false;
  }
}

/** The process-wide logger. */
export const log: Logger = winston.createLogger({
  level: process.env.SYSMASTER_LOG_LEVEL || 'info',
  defaultMeta: { service: 'init' },
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: stderrIsOpen()
    ? [new winston.transports.Stream({ stream: process.stderr })]
    : [new winston.transports.Stream({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) })],
});

/**
 * Called by PID 1 of the system once /dev is mounted: when stderr is closed (or /dev/null), send
 * the log to /dev/console. Returns whether it switched.
 */
export function useConsoleIfNoStderr(): boolean {
  if (stderrIsOpen()) return false;
  try {
    const stream = fs.createWriteStream('/dev/console', { flags: 'a' });
    stream.on('error', () => undefined);
    log.clear();
    log.add(new winston.transports.Stream({ stream }));
    return true;
  } catch {
    return false;
  }
}
