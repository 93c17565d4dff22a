// Reading Condition*= and Assert*= assignments of a [Unit] section (systemd.unit(5)).
//
// A value may start with '|' (a triggering condition) and then '!' (negation), in that order,
// each optionally followed by whitespace. Repeated keys accumulate; an empty assignment resets
// the list of that one key (systemd frees only the conditions of that type). Every value's text
// is validated now, at load time, by its kind's parser: a relative path, an empty parameter, an
// unknown key — each becomes a ConfigError naming the file, line and key, and the assignment is
// left out. A well-formed value that names nothing known (an unknown capability, architecture,
// user, …) is not refused here: as in systemd it loads and makes the check false when it runs,
// with a warning (check.ts).

import type { ConfigError__Output } from '@sysmaster/proto';
import type { Assignment } from '@sysmaster/unit-file';
import { checkKind, UNSUPPORTED_KINDS } from './registry';
import type { Condition } from './types';

export interface ParsedConditions {
  conditions: Condition[];
  asserts: Condition[];
  errors: ConfigError__Output[];
}

/** Split "Condition"/"Assert" off a key; null for any other key. */
function splitKey(key: string): { assert: boolean; kind: string } | null {
  if (key.startsWith('Condition') && key.length > 'Condition'.length) return { assert: false, kind: key.slice(9) };
  if (key.startsWith('Assert') && key.length > 'Assert'.length) return { assert: true, kind: key.slice(6) };
  return null;
}

/** Collect the checks of one [Unit] section; other keys in the list are ignored. */
export function parseConditions(unitSection: Assignment[]): ParsedConditions {
  const result: ParsedConditions = { conditions: [], asserts: [], errors: [] };
  for (const assignment of unitSection) {
    const split = splitKey(assignment.key);
    if (split === null) continue;
    const fail = (message: string): void => {
      result.errors.push({
        file: assignment.file, line: assignment.line, section: assignment.section, key: assignment.key, message,
      });
    };
    const check = checkKind(split.kind);
    if (check === undefined) {
      fail(UNSUPPORTED_KINDS.has(split.kind)
        ? `${assignment.key}= is a systemd setting that sysmaster does not support`
        : `unknown setting ${assignment.key}=: expected a Condition or Assert of systemd.unit(5), ` +
          `such as ${split.assert ? 'Assert' : 'Condition'}PathExists=`);
      continue;
    }
    const list = split.assert ? result.asserts : result.conditions;
    let text = assignment.value.trim();
    if (text === '') {
      // Reset: drop what earlier lines (or files) gave this key.
      const kept = list.filter((c) => c.key !== assignment.key);
      list.splice(0, list.length, ...kept);
      continue;
    }
    const trigger = text.startsWith('|');
    if (trigger) text = text.slice(1).trimStart();
    const negate = text.startsWith('!');
    if (negate) text = text.slice(1).trimStart();
    if (text === '') {
      fail(`"${assignment.value}" has no parameter after its '|'/'!' prefix`);
      continue;
    }
    let value: string;
    try {
      value = check.parse(text);
    } catch (error) {
      fail((error as Error).message);
      continue;
    }
    list.push({
      key: assignment.key, kind: split.kind, assert: split.assert, negate, trigger, value,
      file: assignment.file, line: assignment.line,
    });
  }
  return result;
}
