// One structured line per event: every worker logs JSON to stderr (the core appends a worker's
// stderr to /var/log/sysmaster/sm-<type>.log), so the log is machine-readable and a crash of the
// core never loses a worker's messages.
import winston from 'winston';

export type Logger = winston.Logger;

const ALL_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'];

/**
 * A winston logger named `name` writing one JSON object per event to stderr. The level is
 * SYSMASTER_LOG_LEVEL (default info); `silent` discards everything (tests).
 */
export function createLogger(name: string, options: { level?: string; silent?: boolean } = {}): Logger {
  return winston.createLogger({
    level: options.level ?? (process.env.SYSMASTER_LOG_LEVEL || 'info'),
    silent: options.silent ?? false,
    defaultMeta: { name },
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports: [new winston.transports.Console({ stderrLevels: ALL_LEVELS })],
  });
}
