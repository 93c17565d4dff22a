// The two error classes of this package. Both carry a message that names the offending input and
// what would have been accepted, so a caller can put it into a `bad-setting` line unchanged.

/** A value does not match its grammar (boolean, time span, size, Exec line, …). */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** A string is not a valid unit name (and the message says why). */
export class UnitNameError extends Error {
  override name = 'UnitNameError';
}
