// The complete table of check kinds, keyed by the name after "Condition"/"Assert". A kind not
// in it is a load error; systemd kinds this manager does not implement get their own message.

import type { CheckKind } from './check';
import { PATH_CHECKS } from './checks-path';
import { SYSTEM_CHECKS } from './checks-system';

const CHECK_KINDS: Readonly<Record<string, CheckKind>> = { ...SYSTEM_CHECKS, ...PATH_CHECKS };

/** The kind named after "Condition"/"Assert"; undefined for any other name ("constructor" too). */
export function checkKind(kind: string): CheckKind | undefined {
  return Object.hasOwn(CHECK_KINDS, kind) ? CHECK_KINDS[kind] : undefined;
}

/** systemd.unit(5) kinds that exist in systemd but are not implemented here. */
export const UNSUPPORTED_KINDS: ReadonlySet<string> = new Set([
  'Firmware', 'CPUs', 'CPUFeature', 'Memory', 'OSRelease', 'ControlGroupController', 'Credential',
  'MemoryPressure', 'CPUPressure', 'IOPressure', 'PathIsEncrypted',
]);
