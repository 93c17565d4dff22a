// The process-property keys of systemd.exec(5) that parse.ts leaves to this module: CPUAffinity=,
// IOSchedulingClass=/IOSchedulingPriority=, IgnoreSIGPIPE= ("Scheduling", "Process Properties"),
// ExecSearchPath= ("Paths") and LoadCredential=/SetCredential= ("Credentials"). Same rules as
// parse.ts: a SectionReader applies systemd's assignment rules, a thrown ValueError becomes a
// located ConfigError, and '%' specifiers are expanded in paths.
import type { SectionReader } from '@sysmaster/worker-kit';
import { parseBoolean, ValueError } from '@sysmaster/unit-file';
import type { CredentialSetting, ExecSettings } from './settings';

/** ioprio classes (linux/ioprio.h) by systemd's names, and their numbers. */
const IO_CLASSES: Readonly<Record<string, number>> = { none: 0, realtime: 1, 'best-effort': 2, idle: 3 };
const IO_CLASS_SHIFT = 13;
const DEFAULT_IO_LEVEL = 4;
/** systemd's credential_name_valid(): a file name without '/', at most NAME_MAX. */
const CREDENTIAL_ID = /^[^/\0]{1,255}$/;

/** "0-1 3", "0,1": CPU numbers and ranges (systemd's parse_cpu_set()). */
function cpuList(value: string): number[] {
  const out: number[] = [];
  for (const word of value.split(/[\s,]+/).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(word);
    if (m === null) throw new ValueError(`"${word}" is not a CPU number or range (N or N-M)`);
    const low = Number(m[1]);
    const high = m[2] === undefined ? low : Number(m[2]);
    if (high < low || high >= 1024) throw new ValueError(`"${word}" is not a CPU range within 0-1023`);
    for (let cpu = low; cpu <= high; cpu++) out.push(cpu);
  }
  return out;
}

/** CPUAffinity=: assignments merge, an empty one resets (the SectionReader's list rule). */
function cpuAffinity(r: SectionReader): number[] | null {
  if (r.entries('CPUAffinity').length === 0) return null;
  const cpus = new Set(r.many('CPUAffinity', cpuList).flat());
  return cpus.size === 0 ? null : [...cpus].sort((a, b) => a - b);
}

function ioPriority(r: SectionReader): number | null {
  const klass = r.one('IOSchedulingClass', (value) => {
    const n = /^[0-3]$/.test(value) ? Number(value) : IO_CLASSES[value];
    if (n === undefined) throw new ValueError('expected none, realtime, best-effort, idle or 0..3');
    return n;
  }, null as number | null);
  const level = r.one('IOSchedulingPriority', (value) => {
    if (!/^[0-7]$/.test(value.trim())) throw new ValueError('expected a priority 0..7');
    return Number(value);
  }, null as number | null);
  if (klass === null && level === null) return null;
  const c = klass ?? IO_CLASSES['best-effort']!;
  // The "none" class carries no level (the kernel refuses one): the process keeps the default.
  return c === 0 ? 0 : (c << IO_CLASS_SHIFT) | (level ?? DEFAULT_IO_LEVEL);
}

function credential(kind: 'load' | 'set', spec: (v: string) => string) {
  return (value: string): CredentialSetting => {
    const colon = value.indexOf(':');
    const id = spec(colon < 0 ? value : value.slice(0, colon));
    if (!CREDENTIAL_ID.test(id) || id === '.' || id === '..') throw new ValueError(`"${id}" is not a credential name`);
    if (kind === 'set') {
      if (colon < 0) throw new ValueError('expected ID:DATA');
      return { id, kind, data: value.slice(colon + 1) };
    }
    const source = colon < 0 ? null : spec(value.slice(colon + 1));
    return { id, kind, source: source === '' ? null : source };
  };
}

/** Fills the keys above into `s`. */
export function parseProcessSettings(r: SectionReader, spec: (value: string) => string, s: ExecSettings): void {
  s.cpuAffinity = cpuAffinity(r);
  s.ioPriority = ioPriority(r);
  s.ignoreSigpipe = r.one('IgnoreSIGPIPE', parseBoolean, true);
  s.execSearchPath = r.many('ExecSearchPath', (value) => spec(value).split(':').filter(Boolean).map((dir) => {
    if (!dir.startsWith('/')) throw new ValueError(`"${dir}" is not an absolute path`);
    return dir;
  })).flat();
  s.credentials = [...r.many('LoadCredential', credential('load', spec)), ...r.many('SetCredential', credential('set', spec))];
}
