// The checks against the real machine through realConditionEnv(): files made in a temporary
// directory, and facts of this host compared with what the kernel and systemd's own tools say,
// so the tests hold on any machine of the kind CI runs on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, machine, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Assignment } from '@sysmaster/unit-file';
import { evaluateConditions, parseConditions, realConditionEnv } from '../src/conditions';
import { detectContainer, detectVm } from '../src/conditions/virtualization';

const env = realConditionEnv();

function evaluate(key: string, value: string): { passed: boolean; failures: string[] } {
  const assignment: Assignment = { section: 'Unit', key, value, file: 'real.service', line: 1 };
  const parsed = parseConditions([assignment]);
  assert.deepEqual(parsed.errors, [], `${key}=${value} should parse`);
  return evaluateConditions(key.startsWith('Assert') ? parsed.asserts : parsed.conditions, env);
}

const passes = (key: string, value: string): boolean => evaluate(key, value).passed;

/** The check could be carried out: exactly one of it and its negation passes. */
function decidable(key: string, value: string): boolean {
  const plain = passes(key, value);
  assert.equal(passes(key, `!${value}`), !plain, `${key}=${value} could not be checked: ${evaluate(key, value).failures.join('; ')}`);
  return plain;
}

test('the file checks see real files, symlinks, modes and directories', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sm-conditions-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'full'), 'x');
  writeFileSync(join(dir, 'empty'), '');
  writeFileSync(join(dir, 'tool'), '#!/bin/sh\n');
  chmodSync(join(dir, 'tool'), 0o755);
  symlinkSync(join(dir, 'full'), join(dir, 'link'));
  symlinkSync(join(dir, 'gone'), join(dir, 'dangling'));
  mkdirSync(join(dir, 'hidden-only'));
  writeFileSync(join(dir, 'hidden-only', '.keep'), '');
  assert.equal(passes('ConditionPathExists', '/'), true);
  assert.equal(passes('ConditionPathExists', join(dir, 'link')), true);
  assert.equal(passes('ConditionPathExists', join(dir, 'dangling')), false);
  assert.equal(passes('ConditionPathIsSymbolicLink', join(dir, 'dangling')), true);
  assert.equal(passes('ConditionPathIsDirectory', dir), true);
  assert.equal(passes('ConditionPathIsDirectory', join(dir, 'full')), false);
  assert.equal(passes('ConditionFileNotEmpty', join(dir, 'link')), true);
  assert.equal(passes('ConditionFileNotEmpty', join(dir, 'empty')), false);
  assert.equal(passes('ConditionFileIsExecutable', join(dir, 'tool')), true);
  assert.equal(passes('ConditionFileIsExecutable', join(dir, 'full')), false);
  assert.equal(passes('ConditionDirectoryNotEmpty', dir), true);
  assert.equal(passes('ConditionDirectoryNotEmpty', join(dir, 'hidden-only')), false);
  assert.equal(passes('ConditionPathExistsGlob', join(dir, 'f*')), true);
  assert.equal(passes('ConditionPathExistsGlob', join(dir, '{none,tool}')), true);
  assert.equal(passes('ConditionPathExistsGlob', join(dir, 'hidden-only', '*')), false);
  assert.equal(passes('ConditionFileIsExecutable', process.execPath), true);
});

test('mount checks read this machine\'s mount table', () => {
  assert.equal(passes('ConditionPathIsMountPoint', '/'), true);
  assert.equal(passes('ConditionPathIsMountPoint', '/proc'), true);
  assert.equal(passes('ConditionPathIsMountPoint', '/proc/self/fd'), false);
  assert.equal(passes('ConditionPathIsReadWrite', tmpdir()), true);
  assert.equal(passes('ConditionPathIsReadWrite', '/nonexistent-sysmaster-path'), false);
});

test('the architecture of this host is what uname says, and it is the manager\'s native one', () => {
  const names: Record<string, string> = { x86_64: 'x86-64', aarch64: 'arm64' };
  const expected = names[machine()];
  if (expected !== undefined) assert.equal(passes('ConditionArchitecture', expected), true);
  assert.equal(passes('ConditionArchitecture', expected === 'x86-64' ? 'arm64' : 'x86-64'), false);
  assert.equal(passes('ConditionArchitecture', 'native'), true);
});

/** systemd-detect-virt's answer, or null when it is not installed. */
function systemdDetectVirt(flag: string): string | null {
  if (!['/usr/bin/systemd-detect-virt', '/bin/systemd-detect-virt'].some((p) => existsSync(p))) return null;
  try {
    return execFileSync('systemd-detect-virt', [flag], { encoding: 'utf8' }).trim();
  } catch (error) {
    // It exits 1 when it finds nothing, after printing "none".
    return String((error as { stdout?: string }).stdout ?? '').trim() || 'none';
  }
}

test('virtualization detection agrees with systemd-detect-virt on this machine', (t) => {
  const vm = systemdDetectVirt('--vm');
  const container = systemdDetectVirt('--container');
  if (vm === null || container === null) {
    t.skip('systemd-detect-virt is not installed');
    return;
  }
  assert.equal(detectVm(env) ?? 'none', vm);
  assert.equal(detectContainer(env) ?? 'none', container);
  // Only the innermost technology counts, as in systemd: a container hides the VM around it.
  const innermost = container !== 'none' ? container : vm;
  assert.equal(passes('ConditionVirtualization', innermost), innermost !== 'none');
  assert.equal(passes('ConditionVirtualization', 'yes'), innermost !== 'none');
  assert.equal(passes('ConditionVirtualization', 'container'), container !== 'none');
  assert.equal(passes('ConditionVirtualization', 'vm'), container === 'none' && vm !== 'none');
});

test('kernel, host and identity checks match this process and machine', () => {
  assert.equal(passes('ConditionKernelVersion', `=${release()}`), true);
  assert.equal(passes('ConditionKernelVersion', '>=3.0'), true);
  assert.equal(passes('ConditionKernelVersion', '<3.0'), false);
  assert.equal(passes('ConditionHost', hostname()), true);
  const firstWord = readFileSync('/proc/cmdline', 'utf8').trim().split(/\s+/)[0];
  if (firstWord !== undefined && firstWord !== '' && !/["'\\]/.test(firstWord)) {
    assert.equal(passes('ConditionKernelCommandLine', firstWord), true);
  }
  assert.equal(passes('ConditionKernelCommandLine', 'sysmaster.no-such-option'), false);
  const uid = process.getuid?.() ?? 0;
  assert.equal(passes('ConditionUser', String(uid)), true);
  assert.equal(passes('ConditionUser', 'root'), uid === 0);
  assert.equal(passes('ConditionGroup', String(process.getgid?.() ?? 0)), true);
  process.env.SYSMASTER_CONDITION_TEST = 'on';
  try {
    assert.equal(passes('ConditionEnvironment', 'SYSMASTER_CONDITION_TEST=on'), true);
    assert.equal(passes('ConditionEnvironment', 'SYSMASTER_CONDITION_TEST=off'), false);
  } finally {
    delete process.env.SYSMASTER_CONDITION_TEST;
  }
});

test('every machine-wide check can be decided here without an error', () => {
  const machineId = existsSync('/etc/machine-id') ? readFileSync('/etc/machine-id', 'utf8').trim() : '';
  assert.equal(decidable('ConditionFirstBoot', 'yes'), machineId === '' || machineId === 'uninitialized');
  decidable('ConditionACPower', 'true');
  decidable('ConditionNeedsUpdate', '/etc');
  decidable('ConditionCapability', 'CAP_SYS_ADMIN');
  decidable('ConditionVirtualization', 'private-users');
  for (const framework of ['selinux', 'apparmor', 'tomoyo', 'smack', 'ima', 'audit', 'uefi-secureboot', 'tpm2', 'cvm', 'measured-uki']) {
    decidable('ConditionSecurity', framework);
  }
});
