// The seam every sctl command writes through: stdout/stderr writers, terminal-ness, the clock
// and the user's interrupt, so tests can run commands in process.

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Colour the output (stdout is a terminal). */
  color: boolean;
  /** Now, in microseconds since the epoch. */
  now(): number;
  /** Resolves when the user interrupts (SIGINT), for commands that run until then. */
  interrupted: Promise<void>;
}
