// Issue 13 item 6: a Condition*=/Assert*= value that names nothing known (a capability, an
// architecture, a virtualization technology, a security framework, a user, a group) or that
// cannot be evaluated (a KernelVersion expression cut short, a boolean that is none) loads — the
// unit is no bad setting — and decides at start, as systemd does: the condition is false and the
// unit skipped (an assert fails the start), with a warning logged that names the value.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Logger } from '../src/log';
import { evaluateConditions, memoryConditionEnv, parseConditions } from '../src/conditions';
import { StartGate } from '../src/start-gate';
import { DEFAULT_SYSTEM_CONFIG } from '../src/system-config';
import { line } from './conditions-helpers';
import { fakeSystem, service } from './manager-fakes';

const ENV = memoryConditionEnv({
  machine: 'x86_64',
  files: { '/proc/self/status': 'CapBnd:\t000001ffffffffff\n', '/etc/passwd': 'root:x:0:0::/root:/bin/sh\n', '/etc/group': 'root:x:0:\n' },
});

/**
 * [kind, value, what the warning says, whether '!' makes it pass]. systemd's two ways: a name that
 * is "definitely not ours" is a false test that '!' inverts; a capability it cannot resolve or an
 * expression it cannot parse is an undeterminable result, failed whether negated or not.
 */
const UNKNOWN: Array<[string, string, RegExp, boolean]> = [
  ['Capability', 'CAP_NOPE', /unknown capability "CAP_NOPE"/, false],
  ['Architecture', 'amd64', /unknown architecture "amd64"/, true],
  ['Virtualization', 'kvmm', /unknown virtualization "kvmm"/, true],
  ['Security', 'grsecurity', /unknown security framework "grsecurity"/, true],
  ['Security', 'toString', /unknown security framework "toString"/, true],
  ['User', 'no-such-user', /no user "no-such-user"/, true],
  ['User', '@users', /no user "@users"/, true],
  ['Group', 'no-such-group', /no group "no-such-group"/, true],
  ['KernelVersion', '>=', /unexpected end of expression after ">="/, false],
  ['KernelVersion', '>=5 <', /unexpected end of expression after "<"/, false],
  ['ACPower', 'maybe', /invalid boolean "maybe"/, false],
];

for (const [kind, value, warning, negationPasses] of UNKNOWN) {
  for (const prefix of ['Condition', 'Assert']) {
    test(`${prefix}${kind}=${value} loads, is false at start with a warning naming it, and '!' ${negationPasses ? 'passes' : 'fails too'}`, () => {
      const parsed = parseConditions([line(`${prefix}${kind}`, value), line(`${prefix}${kind}`, `!${value}`)]);
      assert.deepEqual(parsed.errors, [], 'no load error: the unit is not a bad setting');
      const [plain, negated] = prefix === 'Assert' ? parsed.asserts : parsed.conditions;
      const r = evaluateConditions([plain!], ENV);
      assert.equal(r.passed, false);
      assert.equal(r.warnings.length, 1);
      assert.match(r.warnings[0]!, warning);
      assert.match(r.failures[0]!, warning, 'the failure that status shows says why too');
      const n = evaluateConditions([negated!], ENV);
      assert.equal(n.passed, negationPasses);
      assert.match(n.warnings[0] ?? '', warning, 'the negated check warns as well');
    });
  }
}

test('a kind named like an Object.prototype property is an unknown setting, not a crash', () => {
  const parsed = parseConditions([line('Conditionconstructor', 'x'), line('AssertvalueOf', 'x')]);
  assert.deepEqual(parsed.errors.map((e) => e.key), ['Conditionconstructor', 'AssertvalueOf']);
});

test('known names still evaluate without warnings', () => {
  const parsed = parseConditions([line('ConditionCapability', 'CAP_SYS_ADMIN'), line('ConditionArchitecture', 'x86-64'), line('ConditionUser', 'root')]);
  assert.deepEqual(evaluateConditions(parsed.conditions, ENV), { passed: true, failures: [], warnings: [] });
});

test('a unit with ConditionCapability=CAP_NOPE loads, its start job ends done without starting, and status says why', async (t) => {
  const s = await fakeSystem({
    'nope.service': service('ConditionCapability=CAP_NOPE'),
    'nope-assert.service': service('AssertCapability=CAP_NOPE'),
  });
  t.after(() => s.cleanup());
  const [job] = await s.run('start', ['nope.service']);
  assert.equal(job!.result, 'done', 'the start succeeds: the unit is skipped');
  assert.ok(!s.calls.includes('start nope.service'), 'Start was never called');
  const view = s.manager.unit('nope.service');
  assert.equal(view.loadState, 'loaded');
  assert.equal(s.state('nope.service'), 'inactive');
  assert.equal(view.conditions!.passed, false);
  assert.match(view.conditions!.failures[0]!, /^ConditionCapability=CAP_NOPE could not be checked \(unknown capability "CAP_NOPE"/);
  const [failed] = await s.run('start', ['nope-assert.service']);
  assert.equal(failed!.result, 'assert', 'an Assert with an unknown name fails the start');
  assert.equal(s.manager.unit('nope-assert.service').loadState, 'loaded');
  assert.match(failed!.message, /unknown capability "CAP_NOPE"/);
});

test('the start gate logs the warning at warning level, naming the unit', async (t) => {
  const s = await fakeSystem({ 'arch.service': service('ConditionArchitecture=!amd64') });
  t.after(() => s.cleanup());
  await s.manager.table.loadClosure(['arch.service']);
  const warned: string[] = [];
  const log = { warn: (m: string) => warned.push(m), info: () => undefined } as unknown as Logger;
  const gate = new StartGate({
    config: DEFAULT_SYSTEM_CONFIG, log, find: (unit) => s.manager.table.find(unit), setStatus: () => undefined,
    emergency: () => undefined, onceOnlyRefusal: () => null, conditionEnv: () => ENV,
  });
  assert.equal(gate.beforeStart('arch.service'), null, "'!' of an unknown architecture holds: the start goes on");
  assert.equal(warned.length, 1);
  assert.match(warned[0]!, /^arch\.service: ConditionArchitecture=!amd64: unknown architecture "amd64"/);
});
