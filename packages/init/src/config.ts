// init.conf: the few settings of PID 1, read with `ini` from configDir()/init.conf.
//
//   [Init]
//   CoreExecStart=/usr/bin/node /usr/lib/sysmaster/core/main.js   (a program ending in .js runs
//                 with init's own node; a relative path is resolved against the config folder)
//   KeepaliveIntervalSec=1     how often init calls Manager.Keepalive
//   KeepaliveMisses=3          consecutive unanswered keepalives before the core is killed
//   CoreRestartDelaySec=0.1    pause before a dead core is replaced (grows on a crash loop)
//   ShutdownTimeoutSec=10      final step: SIGTERM → wait this long → SIGKILL
//
// A missing file means the defaults. A bad value never stops init: it is reported (file, key,
// value, why) and the default is used.
import fs from 'node:fs';
import path from 'node:path';
import ini from 'ini';

export interface InitConfig {
  /** argv of the core, argv[0] an absolute program path. */
  coreCommand: string[];
  keepaliveIntervalSec: number;
  keepaliveMisses: number;
  coreRestartDelaySec: number;
  shutdownTimeoutSec: number;
}

/** One problem found in init.conf; the default was used instead. */
export interface ConfigProblem {
  file: string;
  key: string;
  message: string;
}

/**
 * V8 flags for the core: a young generation of at most 1 MiB per semi-space (V8's default grows
 * it to 16 MiB under allocation bursts such as a boot of 1,000 units, and the pages stay
 * resident). test/bench/boot.mjs measured the trade (test/bench/README.md).
 */
const CORE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/** The core that ships beside init: ../../core/dist/main.js from init's dist folder. */
export function defaultCoreCommand(distDir: string = __dirname): string[] {
  return [process.execPath, ...CORE_NODE_FLAGS, path.resolve(distDir, '../../core/dist/main.js')];
}

export function defaultConfig(): InitConfig {
  return {
    coreCommand: defaultCoreCommand(),
    keepaliveIntervalSec: 1,
    keepaliveMisses: 3,
    coreRestartDelaySec: 0.1,
    shutdownTimeoutSec: 10,
  };
}

type NumericKey = 'keepaliveIntervalSec' | 'keepaliveMisses' | 'coreRestartDelaySec' | 'shutdownTimeoutSec';

/** The numeric keys: ini name, field, smallest legal value, whether it must be an integer. */
const NUMERIC: { key: string; field: NumericKey; min: number; integer: boolean }[] = [
  { key: 'KeepaliveIntervalSec', field: 'keepaliveIntervalSec', min: 0.01, integer: false },
  { key: 'KeepaliveMisses', field: 'keepaliveMisses', min: 1, integer: true },
  { key: 'CoreRestartDelaySec', field: 'coreRestartDelaySec', min: 0, integer: false },
  { key: 'ShutdownTimeoutSec', field: 'shutdownTimeoutSec', min: 0, integer: false },
];
const KNOWN = new Set(['CoreExecStart', ...NUMERIC.map((n) => n.key)]);

/** Splits a command line on whitespace, honouring double quotes around one word. */
function splitCommand(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) words.push(m[1] ?? m[2] ?? '');
  return words;
}

/** Turns CoreExecStart= into argv; throws a sentence when it cannot. */
function parseCoreCommand(value: string, baseDir: string): string[] {
  const words = splitCommand(value.trim());
  const program = words[0];
  if (!program) throw new Error('is empty');
  const resolved = path.resolve(baseDir, program);
  if (resolved.endsWith('.js') || resolved.endsWith('.cjs') || resolved.endsWith('.mjs')) {
    return [process.execPath, resolved, ...words.slice(1)];
  }
  return [resolved, ...words.slice(1)];
}

/** Parses the text of init.conf. Never throws: problems are returned, defaults used. */
export function parseConfig(text: string, file: string): { config: InitConfig; problems: ConfigProblem[] } {
  const config = defaultConfig();
  const problems: ConfigProblem[] = [];
  let parsed: Record<string, unknown>;
  try {
    parsed = ini.parse(text);
  } catch (error) {
    problems.push({ file, key: '', message: `cannot be parsed: ${(error as Error).message}` });
    return { config, problems };
  }
  for (const section of Object.keys(parsed)) {
    if (section !== 'Init') problems.push({ file, key: section, message: `unknown section [${section}] ignored` });
  }
  const raw = parsed.Init;
  if (raw === undefined) return { config, problems };
  if (typeof raw !== 'object' || raw === null) {
    problems.push({ file, key: 'Init', message: 'is not a section' });
    return { config, problems };
  }
  const section = raw as Record<string, unknown>;
  for (const key of Object.keys(section)) {
    if (!KNOWN.has(key)) problems.push({ file, key, message: `unknown key ${key}= ignored` });
  }
  const core = section.CoreExecStart;
  if (core !== undefined) {
    try {
      if (typeof core !== 'string') throw new Error('must be a command line');
      config.coreCommand = parseCoreCommand(core, path.dirname(file));
    } catch (error) {
      problems.push({ file, key: 'CoreExecStart', message: `CoreExecStart= ${(error as Error).message}; using the default` });
    }
  }
  for (const n of NUMERIC) {
    const value = section[n.key];
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value.trim() : JSON.stringify(value);
    const num = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(num) || num < n.min || (n.integer && !Number.isInteger(num))) {
      const want = n.integer ? `an integer >= ${n.min}` : `a number of seconds >= ${n.min}`;
      problems.push({ file, key: n.key, message: `${n.key}=${text} is not ${want}; using the default ${config[n.field]}` });
      continue;
    }
    config[n.field] = num;
  }
  return { config, problems };
}

/** Reads configDir()/init.conf; a missing file gives the defaults without a problem. */
export function loadConfig(file: string): { config: InitConfig; problems: ConfigProblem[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: defaultConfig(), problems: [] };
    return { config: defaultConfig(), problems: [{ file, key: '', message: `cannot be read: ${(error as Error).message}` }] };
  }
  return parseConfig(text, file);
}
