// The help, the bash completion and the man page are made from one table (cli-table.ts): each
// must carry every command and option the parser accepts, the completion must complete in a real
// bash, and the man page must render without a groff warning.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMMANDS, OPTIONS, optionSpec, type CommandName, type OptionName } from '../src/cli-table';
import { parseCommandLine } from '../src/args';
import { bashCompletion, manPage, usage } from '../src/reference';
import { formatListJobs, formatListUnitFiles, formatListUnits } from '../src/format/list';
import { formatDependencyTree, type TreeNode } from '../src/format/tree';

const optionNames = Object.keys(OPTIONS) as OptionName[];
const commandNames = Object.keys(COMMANDS) as CommandName[];
const listed = optionNames.filter((name) => optionSpec(name).hidden !== true);

/** A command line that uses `name` where it applies, with a value the parser takes. */
function lineWith(name: OptionName): string[] {
  const spec = optionSpec(name);
  const command = spec.commands?.[0] ?? 'status';
  const args = COMMANDS[command].arity === 'none' ? [] : command === 'calendar' ? ['daily'] : ['a.service'];
  if (spec.type === 'boolean') return [command, `--${name}`, ...args];
  const choices = typeof spec.values === 'object' ? spec.values : null;
  const value = choices !== null ? choices[1] ?? choices[0] : name === 'since' ? 'today' : '2';
  return [command, `--${name}=${String(value)}`, ...args];
}

describe('sctl --help', () => {
  const help = usage();
  test('lists every command and every option of the table, and the parser accepts each option it lists', () => {
    for (const name of commandNames) assert.match(help, new RegExp(`^ {2}${name}( |$)`, 'm'), name);
    for (const name of listed) {
      const spec = optionSpec(name);
      assert.match(help, new RegExp(`^ {2}${spec.short === undefined ? ' {2}' : `-${spec.short}`} --${name}[ =]`, 'm'), name);
      if (name === 'help' || name === 'version') continue;
      const inv = parseCommandLine(lineWith(name));
      assert.equal(inv.kind, 'command', `${name}: ${lineWith(name).join(' ')}`);
    }
    assert.doesNotMatch(help, /--kill-who\b(?!m)/, 'hidden spellings stay out of the help');
  });

  test('a strict option is refused with the commands it applies to, taken from the table', () => {
    assert.throws(() => parseCommandLine(['status', '--since=today', 'a']), /The option '--since' only applies to 'logs'\./);
    assert.throws(() => parseCommandLine(['start', '--now', 'a']), /The option '--now' only applies to enable, disable, reenable, mask and preset\./);
    assert.doesNotThrow(() => parseCommandLine(['status', '--value', 'a']), 'options that are not strict are ignored elsewhere, as systemctl does');
  });
});

/** Runs the completion in bash for the words typed (the last one is being completed). */
function complete(words: string[], fake: string, log: string): string[] {
  const script = [
    `sctl() { echo "$*" >> ${log}; case "$1" in`,
    `  list-units) printf '%s\\n' ${fake} ;;`,
    `  list-unit-files) printf '%s\\n' 'web.service enabled enabled' 'web.socket disabled enabled' 'default.target static -' ;;`,
    `  list-jobs) printf '%s\\n' '7 web.service start waiting' '12 db.service stop running' ;;`,
    'esac; }',
    bashCompletion(),
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}`,
    '_sctl; printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const out = execFileSync('/bin/bash', ['--norc', '-c', script], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line !== '').sort();
}

describe('bash completion', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sctl-completion-'));
  const log = path.join(dir, 'calls');
  const units = `'a.service loaded active running A' 'b.socket loaded failed failed B'`;

  test('completes commands, options and option values from the table', () => {
    assert.deepEqual(complete(['sctl', 'st'], units, log), ['start', 'status', 'stop']);
    assert.deepEqual(complete(['sctl', '--no-l'], units, log), ['--no-legend']);
    assert.deepEqual(complete(['sctl', '--job-mode', '=', 'ig'], units, log), ['ignore-dependencies', 'ignore-requirements']);
    assert.deepEqual(complete(['sctl', 'kill', '--kill-whom', 'c'], units, log), ['control']);
    assert.ok(complete(['sctl', 'kill', '-s', 'SIGH'], units, log).includes('SIGHUP'));
  });

  test('completes units, unit files, jobs and types from what sctl lists', () => {
    fs.rmSync(log, { force: true });
    assert.deepEqual(complete(['sctl', 'stop', ''], units, log), ['a.service', 'b.socket']);
    assert.deepEqual(complete(['sctl', '--no-block', '--job-mode=fail', 'enable', 'web'], units, log), ['web.service', 'web.socket']);
    assert.deepEqual(complete(['sctl', 'cancel', ''], units, log), ['12', '7']);
    assert.deepEqual(complete(['sctl', 'list-units', '-t', 's'], units, log), ['service', 'socket']);
    assert.deepEqual(complete(['sctl', 'daemon-reload', ''], units, log), [], 'commands without arguments complete nothing');
    assert.deepEqual(fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).sort(), [
      'list-jobs --no-legend', 'list-unit-files --no-legend', 'list-units --all --no-legend --plain', 'list-units --all --no-legend --plain',
    ]);
  });
});

describe('sctl(1)', () => {
  const page = manPage('1.2.3');
  test('renders without a groff warning and documents every command, option and exit status', () => {
    const warnings = execFileSync('groff', ['-man', '-ww', '-z', '-Tutf8'], { input: page, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    assert.equal(warnings, '');
    const text = execFileSync('groff', ['-man', '-Tascii', '-P', '-cbou'], { input: page, encoding: 'utf8' }).replace(/\u2010\n\s*/g, '');
    for (const name of commandNames) assert.ok(text.includes(name), name);
    for (const name of listed) assert.ok(text.includes(`--${name}`), name);
    for (const code of ['0', '1', '2', '3', '4', '5']) assert.match(text, new RegExp(`^ {7}${code} {6}`, 'm'), `exit status ${code}`);
    assert.match(text, /sysmaster-ts 1\.2\.3/);
  });
});

describe('--no-legend and --plain', () => {
  const summary = (name: string, active: string): Parameters<typeof formatListUnits>[0][number] => ({
    name, load_state: 'loaded', active_state: active, sub_state: active === 'failed' ? 'failed' : 'running', description: `About ${name}`, job_id: 0, job_type: '',
  } as Parameters<typeof formatListUnits>[0][number]);

  test('lists print rows only, and --plain drops the marker', () => {
    const rows = [summary('a.service', 'active'), summary('b.target', 'failed')];
    assert.equal(formatListUnits(rows, { all: true, legend: false }), '  a.service loaded active running About a.service\n● b.target  loaded failed failed  About b.target\n');
    assert.equal(formatListUnits(rows, { all: true, legend: false, plain: true }), 'a.service loaded active running About a.service\nb.target  loaded failed failed  About b.target\n');
    assert.equal(formatListUnits([], { all: false, legend: false }), '');
    assert.equal(formatListJobs([{ id: 3, unit: 'a.service', type: 'start', state: 'waiting' } as Parameters<typeof formatListJobs>[0][number]], { legend: false }), '3   a.service start waiting\n', 'columns keep the widths of the table with its header');
    assert.equal(formatListUnitFiles([{ path: '/etc/x/a.service', state: 'enabled', preset: '' }], undefined, { legend: false }), 'a.service enabled -\n');
  });

  test('list-dependencies --plain indents two spaces a level, without bullets', () => {
    const node = (dependencies: string[], expanded = true): TreeNode => ({ active_state: 'active', dependencies, expanded });
    const tree = new Map<string, TreeNode>([
      ['a.target', node(['b.target', 'x.service'])], ['b.target', node(['y.service', 'a.target'])],
      ['x.service', node([], false)], ['y.service', node([], false)],
    ]);
    assert.equal(formatDependencyTree('a.target', tree, undefined, { plain: true }), 'a.target\n  x.service\n  b.target\n    y.service\n    ...\n');
  });
});
