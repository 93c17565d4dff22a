// The core's logger: winston, one JSON line per event on stderr (docs/conventions.md "Module format and builds").
import winston from 'winston';

export type Logger = winston.Logger;

/** Creates the core's logger at `level` (error, warn, info, debug). */
export function createLogger(level = 'info'): Logger {
  return winston.createLogger({
    level,
    defaultMeta: { service: 'sysmaster' },
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports: [new winston.transports.Stream({ stream: process.stderr })],
  });
}

/** A logger that drops everything, for unit tests. */
export function silentLogger(): Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Stream({ stream: process.stderr })] });
}
