// `sctl verify-worker TYPE [UNIT-FILE...]`: the registration of TYPE is looked up in the worker
// search path exactly as the core looks it up (the core's readRegistrations over
// workerSearchPath(), later folders winning), then the same checks run as sm-verify-worker's.
import { readRegistrations, workerSearchPath } from '@sysmaster/core';
import { runVerify } from './start';

/** Output writers of the caller (sctl's Io). */
export interface VerifyIo {
  out(text: string): void;
  err(text: string): void;
}

/** Verifies the registered worker of `type`; resolves with the exit status (0 all passed, 1 otherwise). */
export async function verifyRegisteredWorker(type: string, unitFiles: string[], io: VerifyIo, options: { json?: boolean; timeoutMs?: number } = {}): Promise<number> {
  const dirs = workerSearchPath();
  const { workers, problems } = readRegistrations(dirs);
  const registration = workers.get(type);
  if (!registration) {
    const broken = problems.filter((p) => p.file.endsWith(`/${type}.conf`)).map((p) => `${p.file}: ${p.key ? `${p.key}=: ` : ''}${p.message}`);
    io.err(`No worker is registered for unit type '${type}' (searched ${dirs.join(', ')})${broken.length ? `: ${broken.join('; ')}` : ''}.\n`);
    return 1;
  }
  return runVerify({ registration: registration.file, unitFiles, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) }, options.json ?? false, (text) => io.out(text), (text) => io.err(text));
}
