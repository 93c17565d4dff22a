// The process properties systemd's test-execute units check: CPUAffinity=, IOSchedulingClass=/
// IOSchedulingPriority=, IgnoreSIGPIPE=, ExecSearchPath=, LoadCredential=/SetCredential= with
// $CREDENTIALS_DIRECTORY, RuntimeDirectory= normalisation and ManagerEnvironment= as the source of
// PassEnvironment=: parsed from a [Service] section, then prepared over a RealExecOs whose roots
// are a temp directory.
import { test } from 'node:test';
import { goodService, parseService, type SectionUnit } from './service-section';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseExecLine } from '@sysmaster/unit-file';
import {
  finishRun, prepareLaunch, RealExecOs, spawnRequest,
  type DirectoryRoots, type ExecSettings, type SpawnWhere,
} from '../src';
import { managerEnvironment } from '../src/manager-environment';

const FILE = '/etc/sysmaster/system/demo.service';
const SPECIFIERS: Record<string, string> = { n: 'demo.service', V: '/var/tmp' };
const UNIT: SectionUnit = { name: 'demo.service', file: FILE, specifiers: SPECIFIERS };
const parse = (lines: string[]): ReturnType<typeof parseService> => parseService(UNIT, lines);
const good = (lines: string[]): ExecSettings => goodService(UNIT, lines);
const RUN = { unit: 'demo.service', invocationId: 'feedfacefeedfacefeedfacefeedface' };
const MAIN: SpawnWhere = { mainPid: 0, cgroupDir: null, logPath: '/dev/null', control: false };



function roots(t: { after(fn: () => void): void }): { roots: DirectoryRoots; top: string } {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'exec-process-'));
  t.after(() => fs.rmSync(top, { recursive: true, force: true }));
  fs.writeFileSync(path.join(top, 'passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
  fs.writeFileSync(path.join(top, 'group'), 'root:x:0:\n');
  return {
    top,
    roots: {
      runtime: path.join(top, 'run'), state: path.join(top, 'lib'), cache: path.join(top, 'cache'), logs: path.join(top, 'log'),
      configuration: path.join(top, 'etc'), data: path.join(top, 'run/exec'), localeFile: path.join(top, 'locale'),
      passwd: path.join(top, 'passwd'), group: path.join(top, 'group'),
    },
  };
}

test('CPUAffinity= merges its assignments, an empty one resets, and ranges and commas are read', () => {
  assert.deepEqual(good(['CPUAffinity=0,1', 'CPUAffinity=1-2']).cpuAffinity, [0, 1, 2]);
  assert.deepEqual(good(['CPUAffinity=0-1 3', 'CPUAffinity=', 'CPUAffinity=0']).cpuAffinity, [0]);
  assert.equal(good([]).cpuAffinity, null);
  assert.match(parse(['CPUAffinity=2-1']).errors.join(), /CPUAffinity=: .*not a CPU range/);
});

test('IOSchedulingClass= and IOSchedulingPriority= become one ioprio value; none carries no level', () => {
  assert.equal(good(['IOSchedulingClass=idle']).ioPriority, (3 << 13) | 4);
  assert.equal(good(['IOSchedulingClass=best-effort', 'IOSchedulingPriority=7']).ioPriority, (2 << 13) | 7);
  assert.equal(good(['IOSchedulingClass=realtime']).ioPriority, (1 << 13) | 4);
  assert.equal(good(['IOSchedulingClass=none']).ioPriority, 0);
  assert.equal(good(['IOSchedulingPriority=1']).ioPriority, (2 << 13) | 1);
  assert.equal(good([]).ioPriority, null);
  assert.match(parse(['IOSchedulingClass=fast']).errors.join(), /expected none, realtime/);
});

test('IgnoreSIGPIPE= is yes by default, as in systemd, and reaches the spawn request', (t) => {
  assert.equal(good([]).ignoreSigpipe, true);
  assert.equal(good(['IgnoreSIGPIPE=no']).ignoreSigpipe, false);
  const os = new RealExecOs(roots(t).roots, null);
  const exec = good(['IgnoreSIGPIPE=no', 'CPUAffinity=0', 'IOSchedulingClass=idle']);
  const request = spawnRequest(prepareLaunch(exec, os, RUN), parseExecLine('/bin/true'), MAIN);
  assert.equal(request.ignoreSigpipe, false);
  assert.deepEqual(request.cpuAffinity, [0]);
  assert.equal(request.ioPriority, (3 << 13) | 4);
});

test('RuntimeDirectory= values are normalised like path_simplify(); ".." and absolute paths are refused', () => {
  assert.deepEqual(good(['RuntimeDirectory=a ./test-exec_runtimedirectory2///./hogehoge/.']).directories.runtime,
    ['a', 'test-exec_runtimedirectory2/hogehoge']);
  assert.deepEqual(good(['StateDirectory=x//y/']).directories.state, ['x/y']);
  assert.match(parse(['RuntimeDirectory=a/../b']).errors.join(), /must not contain "\.\."/);
  assert.match(parse(['CacheDirectory=/abs']).errors.join(), /must be a relative path/);
  assert.match(parse(['LogsDirectory=./.']).errors.join(), /names no directory/);
});

test('ExecSearchPath= sets PATH unless the unit does, and finds a bare program at each start', (t) => {
  const { roots: r, top } = roots(t);
  const os = new RealExecOs(r, null);
  const bin = path.join(top, 'bin');
  fs.mkdirSync(bin);
  const exec = good([`ExecSearchPath=${bin}:%V`]);
  assert.deepEqual(exec.execSearchPath, [bin, '/var/tmp']);
  const command = parseExecLine('ls_temp -l', { deferLookup: true });
  const launch = prepareLaunch(exec, os, RUN);
  assert.ok(spawnRequest(launch, command, MAIN).env.includes(`PATH=${bin}:/var/tmp`));
  assert.equal(spawnRequest(launch, command, MAIN).path, 'ls_temp', 'not found: exec\'d as written, so it fails with 203/EXEC');
  fs.copyFileSync('/bin/true', path.join(bin, 'ls_temp'));
  fs.chmodSync(path.join(bin, 'ls_temp'), 0o755);
  assert.equal(spawnRequest(launch, command, MAIN).path, path.join(bin, 'ls_temp'));
  const own = prepareLaunch(good([`ExecSearchPath=${bin}`, 'Environment=PATH=/usr']), os, RUN);
  assert.ok(spawnRequest(own, command, MAIN).env.includes('PATH=/usr'));
});

test('LoadCredential= and SetCredential= fill $CREDENTIALS_DIRECTORY, which the run\'s end removes', (t) => {
  const { roots: r, top } = roots(t);
  const os = new RealExecOs(r, null);
  const source = path.join(top, 'secret');
  fs.writeFileSync(source, 'from file');
  const exec = good([`LoadCredential=file:${source}`, 'SetCredential=set:plain text', 'SetCredential=file:overridden', 'LoadCredential=absent']);
  const launch = prepareLaunch(exec, os, RUN);
  const dir = path.join(r.runtime, 'credentials', 'demo.service');
  assert.ok(spawnRequest(launch, parseExecLine('/bin/true'), MAIN).env.includes(`CREDENTIALS_DIRECTORY=${dir}`));
  assert.equal(fs.readFileSync(path.join(dir, 'file'), 'utf8'), 'from file', 'LoadCredential= wins over SetCredential=');
  assert.equal(fs.readFileSync(path.join(dir, 'set'), 'utf8'), 'plain text');
  assert.equal(fs.existsSync(path.join(dir, 'absent')), false, 'a credential in no store is left out');
  assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
  assert.equal(fs.statSync(path.join(dir, 'set')).mode & 0o777, 0o400);
  finishRun(exec, os, { unit: RUN.unit, restarting: false });
  assert.equal(fs.existsSync(dir), false);
  assert.throws(() => prepareLaunch(good([`LoadCredential=x:${top}/missing`]), os, RUN), /LoadCredential=x:.*no such file/);
});

test('PassEnvironment= reads the manager environment: the process\'s own with ManagerEnvironment= over it', () => {
  const conf = '[Manager]\nManagerEnvironment="VAR1=word1 word2" VAR2=x\nManagerEnvironment="VAR4=new\\nline"\n[Other]\nManagerEnvironment=NOT=this\n';
  assert.deepEqual(managerEnvironment({ VAR2: 'own', KEEP: 'k' }, conf), { VAR2: 'x', KEEP: 'k', VAR1: 'word1 word2', VAR4: 'new\nline' });
  assert.deepEqual(managerEnvironment({ A: '1' }, '[Manager]\nManagerEnvironment=B=2\nManagerEnvironment=\n'), { A: '1' });
});
