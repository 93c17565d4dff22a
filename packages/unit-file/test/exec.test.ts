import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandExecArgv, findProgram, parseExecLine, parseExecLines, ValueError, type ExecCommand } from '../src/index';

/** A PATH lookup that knows a few programs, so tests do not depend on the machine. */
const resolve = (name: string): string | null => ({ sleep: '/usr/bin/sleep', sh: '/bin/sh' } as Record<string, string>)[name] ?? null;
const parse = (value: string): ExecCommand => parseExecLine(value, { resolve });

const FLAGS = { ignoreFailure: false, argv0Override: false, noEnvExpand: false, fullPrivileges: false, ambientPrivileges: false };

test('an Exec line splits into the program path and argv with systemd quoting', () => {
  const rows: Array<[string, string, string[]]> = [
    ['/usr/sbin/sshd -D $OPTIONS', '/usr/sbin/sshd', ['/usr/sbin/sshd', '-D', '$OPTIONS']],
    ['/bin/echo "a b" \'c d\' e', '/bin/echo', ['/bin/echo', 'a b', 'c d', 'e']],
    ['/bin/echo x"y z"w', '/bin/echo', ['/bin/echo', 'xy zw']],
    ['/bin/echo a\\;b \\;', '/bin/echo', ['/bin/echo', 'a;b', ';']],
    ['/bin/echo \\x41\\101\\u00e9 \\t|\\s|', '/bin/echo', ['/bin/echo', 'AAé', '\t| |']],
    ['/bin/echo "quoted \\"inner\\""', '/bin/echo', ['/bin/echo', 'quoted "inner"']],
    ['sleep 10', '/usr/bin/sleep', ['sleep', '10']],
    ['"/opt/my app/run" --flag', '/opt/my app/run', ['/opt/my app/run', '--flag']],
  ];
  for (const [line, path, argv] of rows) assert.deepEqual(parse(line), { path, argv, ...FLAGS, raw: line }, line);
});

test('prefixes set their flags in any order and @ takes argv[0] from the second word', () => {
  const rows: Array<[string, Partial<ExecCommand>]> = [
    ['-/bin/false', { path: '/bin/false', argv: ['/bin/false'], ignoreFailure: true }],
    ['@/bin/sh my-name -c true', { path: '/bin/sh', argv: ['my-name', '-c', 'true'], argv0Override: true }],
    [':/bin/echo $X', { argv: ['/bin/echo', '$X'], noEnvExpand: true }],
    ['+/bin/id', { fullPrivileges: true }],
    ['!/bin/id', { ambientPrivileges: true }],
    ['!!/bin/id', { ambientPrivileges: true, path: '/bin/id' }],
    ['-@:sh name', { path: '/bin/sh', argv: ['name'], ignoreFailure: true, argv0Override: true, noEnvExpand: true }],
    ['"-/bin/true"', { path: '/bin/true', ignoreFailure: true }],
  ];
  for (const [line, expected] of rows) {
    const command = parse(line);
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(command[key as keyof ExecCommand], value, `${line}: ${key}`);
  }
});

test('an unknown escape in an Exec line is kept as written, as systemd relaxes it (\\- reaches sed)', () => {
  assert.deepEqual(parseExecLine(`/bin/sh -c 'sed -re "s/a\\-b//g"' \\q`).argv, ['/bin/sh', '-c', 'sed -re "s/a\\-b//g"', '\\q']);
  assert.deepEqual(parseExecLine('/bin/echo \\n').argv, ['/bin/echo', '\n']);
});

test('with deferLookup a bare program name is kept for ExecSearchPath= to find at start', () => {
  assert.equal(parseExecLine('ls_temp -l', { deferLookup: true }).path, 'ls_temp');
  assert.equal(findProgram('sh', ['/nonexistent', '/bin']), '/bin/sh');
  assert.equal(findProgram('sh', ['/nonexistent']), null);
});

test('bad Exec lines are refused with a message that says what is wrong', () => {
  const rows: Array<[string, RegExp]> = [
    ['', /empty command line/],
    ['   ', /empty command line/],
    ['-', /no program after the prefixes/],
    ['--/bin/true', /prefix '-' is given twice/],
    ['+!/bin/true', /'\+' and '!' exclude each other/],
    ['bin/true', /"bin\/true" is a relative path/],
    ['./run.sh', /relative path/],
    ['nosuchprogram --x', /program "nosuchprogram" not found in \/usr\/local\/sbin:/],
    ['@/bin/sh', /'@' prefix needs a second word/],
    ['/bin/echo a ; /bin/echo b', /expected one command, found 2 separated by ';'/],
    ['/bin/echo "unclosed', /unclosed double quote/],
    ["/bin/echo 'unclosed", /unclosed single quote/],
    ['/bin/echo \\x4', /invalid escape/],
    ['/bin/echo \\', /trailing backslash/],
  ];
  for (const [line, message] of rows) {
    assert.throws(() => parse(line), (error: unknown) => error instanceof ValueError && message.test(error.message), line);
  }
});

test('a lone ; separates command lines run in order; \\; is a literal semicolon (systemd.service(5))', () => {
  const resolve = (name: string): string => `/usr/bin/${name}`;
  const commands = parseExecLines('/bin/echo a \\; b ; -/bin/false ; @/bin/sh sh -c "x ; y" ;', { resolve });
  assert.deepEqual(commands.map((c) => c.argv), [['/bin/echo', 'a', ';', 'b'], ['/bin/false'], ['sh', '-c', 'x ; y']]);
  assert.deepEqual(commands.map((c) => c.ignoreFailure), [false, true, false]);
  assert.deepEqual(parseExecLines('true ; true', { resolve }).map((c) => c.path), ['/usr/bin/true', '/usr/bin/true']);
  assert.throws(() => parseExecLines('/bin/true ; ; /bin/true'), /an empty command before ';'/);
  assert.throws(() => parseExecLines('; /bin/true'), /an empty command before ';'/);
  assert.throws(() => parseExecLines('/bin/true ; bin/x'), /relative path/);
});

test('a plain program name is looked up in the fixed search list by default', () => {
  assert.equal(parseExecLine('sh -c true').path.startsWith('/'), true);
  assert.deepEqual(parseExecLine('sh -c true').argv, ['sh', '-c', 'true']);
});

test('expandExecArgv splits $VAR words, keeps ${VAR} inside one word, and turns $$ into $', () => {
  const env = { OPTIONS: '-o  Foo=1 -v', EMPTY: '', ONE: 'x y', MAINPID: '123' };
  const rows: Array<[string[], string[]]> = [
    [['/usr/sbin/sshd', '-D', '$OPTIONS'], ['/usr/sbin/sshd', '-D', '-o', 'Foo=1', '-v']],
    [['/usr/sbin/sshd', '-D', '$UNSET'], ['/usr/sbin/sshd', '-D']],
    [['/bin/kill', '-HUP', '$MAINPID'], ['/bin/kill', '-HUP', '123']],
    [['a', '$EMPTY', 'b'], ['a', 'b']],
    [['a', '${ONE}'], ['a', 'x y']],
    [['a', '--opt=${ONE}!', '${UNSET}'], ['a', '--opt=x y!', '']],
    [['a', 'cost$$5', '$$'], ['a', 'cost$5', '$']],
    [['a', 'pre$ONE', '$', '${bad-name}', '${open'], ['a', 'pre$ONE', '$', '${bad-name}', '${open']],
  ];
  for (const [argv, expected] of rows) assert.deepEqual(expandExecArgv(argv, env), expected, argv.join(' '));
});

test('expandExecArgv ignores inherited object properties as variables', () => {
  assert.deepEqual(expandExecArgv(['$constructor', '${toString}'], {}), ['']);
});
