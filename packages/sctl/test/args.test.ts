import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine, UsageError } from '../src/args';
import { withDefaultSuffix } from '../src/commands/jobs';

function usageError(argv: string[], message: RegExp): void {
  assert.throws(() => parseCommandLine(argv), (error: unknown) => error instanceof UsageError && message.test(error.message));
}

test('a command with units and options parses into the invocation', () => {
  const inv = parseCommandLine(['--no-block', '--job-mode=fail', 'start', 'foo', 'bar.socket']);
  assert.equal(inv.kind, 'command');
  if (inv.kind !== 'command') return;
  assert.equal(inv.command, 'start');
  assert.deepEqual(inv.args, ['foo', 'bar.socket']);
  assert.equal(inv.options.noBlock, true);
  assert.equal(inv.options.jobMode, 'fail');
});

test('list filters accept comma lists and repeated options', () => {
  const inv = parseCommandLine(['list-units', '-a', '--type=service,socket', '--state', 'failed', '--state=active', 'web*']);
  assert.ok(inv.kind === 'command');
  assert.deepEqual(inv.options.types, ['service', 'socket']);
  assert.deepEqual(inv.options.states, ['failed', 'active']);
  assert.equal(inv.options.all, true);
  assert.deepEqual(inv.args, ['web*']);
});

test('logs takes -n and -f, and --no-pager is accepted', () => {
  const inv = parseCommandLine(['logs', 'foo', '-n', '50', '-f', '--no-pager']);
  assert.ok(inv.kind === 'command');
  assert.equal(inv.options.lines, 50);
  assert.equal(inv.options.follow, true);
});

test('--help and --version win over everything else', () => {
  assert.deepEqual(parseCommandLine(['start', '--help']), { kind: 'help' });
  assert.deepEqual(parseCommandLine(['--version']), { kind: 'version' });
});

test('wrong command lines are usage errors naming the mistake', () => {
  usageError([], /No command given/);
  usageError(['frobnicate'], /Unknown command verb 'frobnicate'/);
  usageError(['start'], /Too few arguments: 'start' needs a unit name/);
  usageError(['logs', 'a', 'b'], /Too many arguments/);
  usageError(['daemon-reload', 'x'], /'daemon-reload' takes no arguments/);
  usageError(['--frobnicate', 'status'], /Unknown option '--frobnicate'/);
  usageError(['--job-mode=sometimes', 'start', 'x'], /Invalid job mode 'sometimes'. Valid modes: replace, fail/);
  usageError(['status', '-n', 'many'], /Invalid number of lines 'many'/);
  usageError(['status', '--follow'], /'--follow' only applies to 'logs'/);
});

test('isolate and set-default take .target as the default suffix, as systemctl does', () => {
  assert.equal(withDefaultSuffix('default', '.target'), 'default.target');
  assert.equal(withDefaultSuffix('rescue.target', '.target'), 'rescue.target');
  assert.equal(withDefaultSuffix('foo.service', '.target'), 'foo.service');
  assert.equal(withDefaultSuffix('getty@tty1', '.target'), 'getty@tty1.target');
});

test('verify-worker takes a type and optional unit files, and needs the type', () => {
  const inv = parseCommandLine(['verify-worker', 'timer', 'a.timer', 'b.timer']);
  assert.ok(inv.kind === 'command');
  assert.equal(inv.command, 'verify-worker');
  assert.deepEqual(inv.args, ['timer', 'a.timer', 'b.timer']);
  usageError(['verify-worker'], /Too few arguments/);
});
