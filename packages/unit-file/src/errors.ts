// The two error classes of this package, both SysmasterErrors. Each carries a message that names
// the offending input and what would have been accepted, so a caller can put it into a
// `bad-setting` line unchanged.
import { SysmasterError } from '@sysmaster/errors';

/** A value does not match its grammar (boolean, time span, size, Exec line, …): ERR_BAD_SETTING. */
export class ValueError extends SysmasterError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('ERR_BAD_SETTING', message, options);
    this.name = 'ValueError';
  }
}

/** A string is not a valid unit name (and the message says why): ERR_BAD_UNIT_NAME. */
export class UnitNameError extends SysmasterError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('ERR_BAD_UNIT_NAME', message, options);
    this.name = 'UnitNameError';
  }
}
