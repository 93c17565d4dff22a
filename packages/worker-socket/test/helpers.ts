// A LoadRequest built from [Socket] lines, as the core sends it.
import type { LoadRequest__Output } from '@sysmaster/proto';

export const FILE = '/etc/sysmaster/system/x.socket';

/** A LoadRequest for `name` whose [Socket] holds `lines` ("Key=value"), at lines 5, 6, … of FILE. */
export function request(name: string, lines: string[]): LoadRequest__Output {
  return {
    name, fragment_path: FILE, dropin_paths: [], unit_settings: {},
    specifiers: { n: name, N: name.replace(/\.[^.]+$/, ''), p: name.replace(/\.[^.]+$/, '').split('@')[0] ?? '', i: '', t: '/run' },
    sections: [{
      name: 'Socket', file: '', line: 0,
      entries: lines.map((l, i) => ({ key: l.slice(0, l.indexOf('=')), value: l.slice(l.indexOf('=') + 1), file: FILE, line: 5 + i })),
    }],
  };
}
