// What sctl says about itself, made from the one command table (cli-table.ts): the `--help`
// text, the bash completion and the man page. write-reference.ts writes the last two into
// dist/share at build time; a distribution package installs them from there.
import fs from 'node:fs';
import path from 'node:path';
import { COMMANDS, OPTIONS, commandList, type CommandSpec, type Completes, type OptionSpec } from './cli-table';
import { EXIT, EXIT_MEANINGS } from './exit-codes';

const SYNOPSIS = 'sctl [OPTIONS...] COMMAND [UNIT...]';
const SUMMARY = 'Query or send control commands to the sysmaster manager.';

/** The version in sctl's package.json ("unknown" when it cannot be read). */
export function packageVersion(): string {
  try {
    const pkg: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
    const version: unknown = typeof pkg === 'object' && pkg !== null ? Reflect.get(pkg, 'version') : undefined;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

const commands = (): Array<[string, CommandSpec]> => Object.entries(COMMANDS);
const options = (): Array<[string, OptionSpec]> => Object.entries(OPTIONS).filter(([, spec]: [string, OptionSpec]) => spec.hidden !== true);

/** "-a --all", "   --job-mode=MODE": the flags column of --help. */
function flags(name: string, spec: OptionSpec): string {
  return `${spec.short === undefined ? '  ' : `-${spec.short}`} --${name}${spec.arg === undefined ? '' : `=${spec.arg}`}`;
}

/** An option's help with the commands it applies to, when it does not apply to all. */
function optionHelp(spec: OptionSpec): string {
  if (spec.commands === undefined) return spec.help;
  return `${spec.help} (${spec.commands.join(', ')})`;
}

/** `sctl --help`. */
export function usage(): string {
  const named = commands().map(([name, spec]) => [`${name}${spec.args === '' ? '' : ` ${spec.args}`}`, spec.help] as const);
  const commandWidth = Math.max(...named.map(([left]) => left.length));
  const flagged = options().map(([name, spec]) => [flags(name, spec), optionHelp(spec)] as const);
  const flagWidth = Math.max(...flagged.map(([left]) => left.length));
  return [
    SYNOPSIS, '', SUMMARY, '', 'Commands:',
    ...named.map(([left, help]) => `  ${left.padEnd(commandWidth)}  ${help}`),
    '', 'Options:',
    ...flagged.map(([left, help]) => `  ${left.padEnd(flagWidth)}  ${help}`),
    '', 'See the sctl(1) man page for the exit statuses.', '',
  ].join('\n');
}

/** A bash word list, quoted once. */
const words = (list: readonly string[]): string => `'${list.join(' ')}'`;

/** The shell function that lists what a command's arguments complete to. */
const LISTERS: Readonly<Record<Completes, string>> = {
  'units': '__sctl_units',
  'unit-files': '__sctl_unit_files',
  'jobs': '__sctl_jobs',
  'nothing': '',
};

/** The `case "$prev"` arms for options whose value completes (or must not complete to units). */
function valueArms(): string[] {
  const arms: string[] = [];
  for (const [name, spec] of Object.entries(OPTIONS) as Array<[string, OptionSpec]>) {
    if (spec.type !== 'string') continue;
    const pattern = [...(spec.short === undefined ? [] : [`-${spec.short}`]), `--${name}`].join('|');
    let reply = '';
    if (spec.values === 'unit-types') reply = 'COMPREPLY=($(compgen -W "$(__sctl_unit_types)" -- "$cur"))';
    else if (spec.values !== undefined) reply = `COMPREPLY=($(compgen -W ${words(spec.values)} -- "$cur"))`;
    else if (name === 'signal') reply = 'COMPREPLY=($(compgen -A signal -- "$cur"))';
    arms.push(`    ${pattern}) ${reply}${reply === '' ? '' : '; '}return ;;`);
  }
  return arms;
}

/** The `case "$verb"` arms: commands grouped by what their arguments complete to. */
function commandArms(): string[] {
  const groups = new Map<Completes, string[]>();
  for (const [name, spec] of commands()) groups.set(spec.completes, [...(groups.get(spec.completes) ?? []), name]);
  return [...groups].filter(([completes]) => completes !== 'nothing')
    .map(([completes, names]) => `    ${names.join('|')}) COMPREPLY=($(compgen -W "$(${LISTERS[completes]})" -- "$cur")) ;;`);
}

/** The bash completion script (`complete -F _sctl sctl`). */
export function bashCompletion(): string {
  const all = Object.entries(OPTIONS) as Array<[string, OptionSpec]>;
  const valued = all.filter(([, spec]) => spec.type === 'string').flatMap(([name, spec]) => [...(spec.short === undefined ? [] : [`-${spec.short}`]), `--${name}`]);
  const optionWords = options().flatMap(([name, spec]) => [`--${name}${spec.type === 'string' ? '=' : ''}`, ...(spec.short === undefined ? [] : [`-${spec.short}`])]);
  return `# bash completion for sctl (sysmaster-ts), made from sctl's command table
# (packages/sctl/src/cli-table.ts) at build time; edit the table, not this file.
__sctl_units() { sctl list-units --all --no-legend --plain 2>/dev/null | awk '{ print $1 }'; }
__sctl_unit_files() { sctl list-unit-files --no-legend 2>/dev/null | awk '{ print $1 }'; }
__sctl_jobs() { sctl list-jobs --no-legend 2>/dev/null | awk '{ print $1 }'; }
__sctl_unit_types() { __sctl_units | sed -n 's/.*\\.//p' | sort -u; }

_sctl() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  # "--job-mode=fa" arrives as "--job-mode" "=" "fa" (= is a word break).
  if [[ $cur == = ]]; then cur=; elif [[ $prev == = ]]; then prev=\${COMP_WORDS[COMP_CWORD-2]}; fi
  COMPREPLY=()
  case $prev in
${valueArms().join('\n')}
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W ${words(optionWords)} -- "$cur"))
    [[ \${COMPREPLY[0]} == *= ]] && compopt -o nospace
    return
  fi
  local valued=' ${valued.join(' ')} ' i word verb=
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    if [[ $valued == *" $word "* ]]; then
      ((i++))
      [[ \${COMP_WORDS[i]} == = ]] && ((i++))
      continue
    fi
    [[ $word == -* || $word == = ]] && continue
    verb=$word
    break
  done
  if [[ -z $verb ]]; then
    COMPREPLY=($(compgen -W ${words(commands().map(([name]) => name))} -- "$cur"))
    return
  fi
  case $verb in
${commandArms().join('\n')}
  esac
}
complete -F _sctl sctl
`;
}

/** Text for a roff line: backslashes and dashes escaped, no control character at the start. */
function roff(text: string): string {
  const escaped = text.replace(/\\/g, '\\e').replace(/-/g, '\\-');
  return /^[.']/.test(escaped) ? `\\&${escaped}` : escaped;
}

/** The man page sctl(1), in man(7) macros. */
export function manPage(version: string): string {
  const lines = [
    `.TH SCTL 1 "" "sysmaster-ts ${roff(version)}" "sysmaster-ts"`,
    '.SH NAME', 'sctl \\- control the sysmaster-ts service manager',
    '.SH SYNOPSIS', '.B sctl', '[\\fIOPTIONS\\fR...] \\fICOMMAND\\fR [\\fIUNIT\\fR...]',
    '.SH DESCRIPTION',
    roff(`${SUMMARY} sctl speaks to the manager's Manager service over its Unix socket, the private one as root, the read-only one otherwise; its commands, options, output and exit statuses follow systemctl(1).`),
    '.SH COMMANDS',
  ];
  for (const [name, spec] of commands()) lines.push('.TP', `.B ${roff(name)}${spec.args === '' ? '' : ` \\fI${roff(spec.args)}\\fR`}`, `${roff(spec.help)}.`);
  lines.push('.SH OPTIONS');
  for (const [name, spec] of options()) {
    const flag = `${spec.short === undefined ? '' : `\\fB\\-${spec.short}\\fR, `}\\fB\\-\\-${roff(name)}\\fR${spec.arg === undefined ? '' : `=\\fI${roff(spec.arg)}\\fR`}`;
    const applies = spec.commands === undefined ? '' : ` Applies to ${roff(commandList(spec.commands).replace(/'/g, ''))}${spec.strict === true ? ' only, refused elsewhere' : ''}.`;
    lines.push('.TP', flag, `${roff(spec.help)}.${applies}`);
  }
  lines.push('.SH "EXIT STATUS"');
  for (const [key, code] of Object.entries(EXIT) as Array<[keyof typeof EXIT, number]>) lines.push('.TP', `.B ${code}`, roff(EXIT_MEANINGS[key]));
  lines.push(
    '.SH ENVIRONMENT', '.TP', '.B SYSMASTER_RUNTIME_DIR',
    roff("The manager's runtime directory, which holds its sockets (default /run/sysmaster)."),
    '.SH FILES', '.TP', '.I /run/sysmaster/private', roff('The manager socket for root.'),
    '.TP', '.I /run/sysmaster/public', roff('The read-only manager socket for everyone else.'),
    '.SH "SEE ALSO"', 'systemctl(1), systemd.unit(5), systemd.service(5), systemd.socket(5)', '',
  );
  return lines.join('\n');
}
