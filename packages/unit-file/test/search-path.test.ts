import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  defaultUnitPath, lastValue, listUnitFiles, listValues, loadUnitSource, parseExecLine, parseTimespan, parseUnitList,
} from '../src/index';

let root = '';
let trees = 0;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'unit-file-'));
});

after(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A fresh search path of three directories (etc over run over lib) for one test. */
function fresh(): { etc: string; run: string; lib: string; searchPath: string[] } {
  const base = join(root, `tree-${++trees}`);
  const [etc, run, lib] = ['etc', 'run', 'lib'].map((name) => join(base, name)) as [string, string, string];
  for (const dir of [etc, run, lib]) mkdirSync(dir, { recursive: true });
  return { etc, run, lib, searchPath: [etc, run, lib] };
}

/** Write `text` at `path`, creating folders. */
function put(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

function link(target: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path);
}

test('the default search path is /etc, /run, /usr/lib, and SYSMASTER_UNIT_PATH replaces or extends it', () => {
  const standard = ['/etc/sysmaster/system', '/run/sysmaster/system', '/usr/lib/sysmaster/system'];
  assert.deepEqual(defaultUnitPath({}), standard);
  assert.deepEqual(defaultUnitPath({ SYSMASTER_UNIT_PATH: '' }), standard);
  assert.deepEqual(defaultUnitPath({ SYSMASTER_UNIT_PATH: '/a:/b' }), ['/a', '/b']);
  assert.deepEqual(defaultUnitPath({ SYSMASTER_UNIT_PATH: '/a::/b:' }), ['/a', '/b', ...standard]);
  assert.deepEqual(defaultUnitPath({ SYSMASTER_UNIT_PATH: '/etc/sysmaster/system:/units:' }), ['/etc/sysmaster/system', '/units', ...standard.slice(1)]);
});

test("the seed guide's sshd.service loads as written", () => {
  const { lib, searchPath } = fresh();
  put(join(lib, 'sshd.service'), readFileSync(join(__dirname, 'fixtures', 'sshd.service'), 'utf8'));
  const source = loadUnitSource('sshd.service', searchPath);
  assert.deepEqual(source.problems, []);
  assert.equal(source.fragmentPath, join(lib, 'sshd.service'));
  assert.equal(source.id, 'sshd.service');
  const unit = source.sections.get('Unit');
  const service = source.sections.get('Service');
  assert.equal(lastValue(unit, 'Description')?.value, 'OpenSSH server daemon');
  assert.equal(lastValue(unit, 'Documentation')?.value, 'man:sshd(8) man:sshd_config(5)');
  assert.deepEqual(parseUnitList(lastValue(unit, 'After')?.value ?? ''), ['network.target', 'sshd-keygen.target']);
  assert.deepEqual(parseUnitList(lastValue(unit, 'Wants')?.value ?? ''), ['sshd-keygen.target']);
  assert.equal(lastValue(service, 'Type')?.value, 'notify');
  assert.equal(lastValue(service, 'EnvironmentFile')?.value, '-/etc/sysconfig/sshd');
  const start = parseExecLine(lastValue(service, 'ExecStart')?.value ?? '');
  assert.equal(start.path, '/usr/sbin/sshd');
  assert.deepEqual(start.argv, ['/usr/sbin/sshd', '-D', '$OPTIONS']);
  assert.deepEqual(parseExecLine(lastValue(service, 'ExecReload')?.value ?? '').argv, ['/bin/kill', '-HUP', '$MAINPID']);
  assert.equal(lastValue(service, 'KillMode')?.value, 'process');
  assert.equal(lastValue(service, 'Restart')?.value, 'on-failure');
  assert.equal(parseTimespan(lastValue(service, 'RestartSec')?.value ?? ''), 42_000_000);
  assert.equal(lastValue(service, 'RestartSec')?.line, 14);
  assert.deepEqual(listValues(source.sections.get('Install'), 'WantedBy').map((a) => a.value), ['multi-user.target']);
});

test('a fragment in /etc wins over /run, which wins over /usr/lib', () => {
  const { etc, run, lib, searchPath } = fresh();
  put(join(lib, 'prec.service'), '[Unit]\nDescription=lib\n');
  put(join(run, 'prec.service'), '[Unit]\nDescription=run\n');
  assert.equal(loadUnitSource('prec.service', searchPath).fragmentPath, join(run, 'prec.service'));
  put(join(etc, 'prec.service'), '[Unit]\nDescription=etc\n');
  const source = loadUnitSource('prec.service', searchPath);
  assert.equal(source.fragmentPath, join(etc, 'prec.service'));
  assert.deepEqual(source.sections.get('Unit')?.map((a) => a.value), ['etc']);
});

test('drop-ins merge across directories in lexical order, the higher directory winning a file name', () => {
  const { etc, run, lib, searchPath } = fresh();
  put(join(lib, 'drop.service'), '[Service]\nExecStart=/bin/fragment\nEnvironment=F=1\n');
  put(join(lib, 'drop.service.d', '10-a.conf'), '[Service]\nEnvironment=A=lib\n');
  put(join(lib, 'drop.service.d', '20-b.conf'), '[Service]\nEnvironment=B=lib\n');
  put(join(etc, 'drop.service.d', '20-b.conf'), '[Service]\nEnvironment=B=etc\n');
  put(join(run, 'drop.service.d', '15-c.conf'), '[Service]\nEnvironment=C=run\n');
  put(join(run, 'drop.service.d', 'ignored.txt'), '[Service]\nEnvironment=IGNORED=1\n');
  put(join(lib, 'service.d', '05-all.conf'), '[Service]\nEnvironment=ALL=1\n');
  const source = loadUnitSource('drop.service', searchPath);
  assert.deepEqual(source.problems, []);
  assert.deepEqual(source.dropinPaths, [
    join(lib, 'service.d', '05-all.conf'),
    join(lib, 'drop.service.d', '10-a.conf'),
    join(run, 'drop.service.d', '15-c.conf'),
    join(etc, 'drop.service.d', '20-b.conf'),
  ]);
  assert.deepEqual(listValues(source.sections.get('Service'), 'Environment').map((a) => a.value), ['F=1', 'ALL=1', 'A=lib', 'C=run', 'B=etc']);
});

test('a drop-in linked to /dev/null removes the drop-in of that name', () => {
  const { etc, lib, searchPath } = fresh();
  put(join(lib, 'dnull.service'), '[Service]\nExecStart=/bin/true\n');
  put(join(lib, 'dnull.service.d', 'a.conf'), '[Service]\nUser=nobody\n');
  link('/dev/null', join(etc, 'dnull.service.d', 'a.conf'));
  const source = loadUnitSource('dnull.service', searchPath);
  assert.deepEqual(source.dropinPaths, []);
  assert.equal(lastValue(source.sections.get('Service'), 'User'), undefined);
});

test('a template serves its instances, with the template drop-ins, and an instance file beats the template', () => {
  const { etc, run, lib, searchPath } = fresh();
  put(join(etc, 'tpl@.service'), '[Service]\nExecStart=/bin/echo %i\n');
  put(join(lib, 'tpl@.service.d', 'x.conf'), '[Service]\nNice=5\n');
  put(join(run, 'tpl@one.service.d', 'y.conf'), '[Service]\nNice=7\n');
  const one = loadUnitSource('tpl@one.service', searchPath);
  assert.equal(one.id, 'tpl@one.service');
  assert.equal(one.fragmentPath, join(etc, 'tpl@.service'));
  assert.deepEqual(one.dropinPaths, [join(lib, 'tpl@.service.d', 'x.conf'), join(run, 'tpl@one.service.d', 'y.conf')]);
  assert.equal(lastValue(one.sections.get('Service'), 'Nice')?.value, '7');
  put(join(lib, 'tpl@special.service'), '[Service]\nExecStart=/bin/special\n');
  assert.equal(loadUnitSource('tpl@special.service', searchPath).fragmentPath, join(lib, 'tpl@special.service'));
  assert.equal(loadUnitSource('tpl@.service', searchPath).fragmentPath, join(etc, 'tpl@.service'));
});

test('.wants/ and .requires/ directories in every search directory add dependencies', () => {
  const { etc, run, lib, searchPath } = fresh();
  put(join(lib, 'multi-user.target'), '[Unit]\nDescription=Multi-User\n');
  link(join(lib, 'sshd.service'), join(etc, 'multi-user.target.wants', 'sshd.service'));
  link(join(lib, 'crond.service'), join(lib, 'multi-user.target.wants', 'crond.service'));
  link(join(lib, 'basic.target'), join(run, 'multi-user.target.requires', 'basic.target'));
  link(join(lib, 'sshd.service'), join(lib, 'multi-user.target.wants', 'sshd.service'));
  mkdirSync(join(lib, 'multi-user.target.wants', 'not a unit'));
  const source = loadUnitSource('multi-user.target', searchPath);
  assert.deepEqual(source.wants, ['sshd.service', 'crond.service']);
  assert.deepEqual(source.requires, ['basic.target']);
  assert.equal(source.problems.length, 1);
  assert.match(source.problems[0]?.message ?? '', /not a unit: ignored/);
});

test("a template's .wants/ entries take the instance of the unit being loaded", () => {
  const { lib, searchPath } = fresh();
  put(join(lib, 'getty@.service'), '[Service]\nExecStart=/sbin/agetty %I\n');
  link(join(lib, 'helper@.service'), join(lib, 'getty@.service.wants', 'helper@.service'));
  link(join(lib, 'plain.service'), join(lib, 'getty@tty1.service.wants', 'plain.service'));
  assert.deepEqual(loadUnitSource('getty@tty1.service', searchPath).wants, ['plain.service', 'helper@tty1.service']);
});

test('a symlink to another unit in the search path is an alias resolving to the real unit', () => {
  const { etc, lib, searchPath } = fresh();
  put(join(lib, 'real.service'), '[Unit]\nDescription=the real one\n');
  link(join(lib, 'real.service'), join(etc, 'nick.service'));
  link('real.service', join(lib, 'other-nick.service'));
  const viaAlias = loadUnitSource('nick.service', searchPath);
  assert.equal(viaAlias.name, 'nick.service');
  assert.equal(viaAlias.id, 'real.service');
  assert.equal(viaAlias.fragmentPath, join(lib, 'real.service'));
  assert.equal(lastValue(viaAlias.sections.get('Unit'), 'Description')?.value, 'the real one');
  assert.deepEqual(viaAlias.aliases.sort(), ['nick.service', 'other-nick.service']);
  assert.deepEqual(loadUnitSource('real.service', searchPath).aliases.sort(), ['nick.service', 'other-nick.service']);
});

test('an alias follows the precedence of the real name, and an alias changing the type is a problem', () => {
  const { etc, lib, searchPath } = fresh();
  put(join(lib, 'over.service'), '[Unit]\nDescription=lib\n');
  put(join(etc, 'over.service'), '[Unit]\nDescription=etc\n');
  link(join(lib, 'over.service'), join(lib, 'over-alias.service'));
  assert.equal(loadUnitSource('over-alias.service', searchPath).fragmentPath, join(etc, 'over.service'));
  put(join(lib, 'sock.socket'), '[Socket]\nListenStream=1\n');
  link(join(lib, 'sock.socket'), join(lib, 'wrongtype.service'));
  const wrong = loadUnitSource('wrongtype.service', searchPath);
  assert.equal(wrong.fragmentPath, null);
  assert.match(wrong.problems[0]?.message ?? '', /alias of a different unit type \(sock\.socket\)/);
});

test('a link to a file outside the search path serves under the link name', () => {
  const { etc, searchPath } = fresh();
  const outside = put(join(root, 'outside', 'whatever.service'), '[Unit]\nDescription=linked\n');
  link(outside, join(etc, 'linked.service'));
  const source = loadUnitSource('linked.service', searchPath);
  assert.equal(source.id, 'linked.service');
  assert.equal(source.fragmentPath, join(etc, 'linked.service'));
  assert.equal(lastValue(source.sections.get('Unit'), 'Description')?.value, 'linked');
});

test('a /dev/null link or an empty file at the highest priority masks the unit', () => {
  const { etc, run, lib, searchPath } = fresh();
  put(join(lib, 'masked.service'), '[Service]\nExecStart=/bin/true\n');
  put(join(lib, 'masked.service.d', 'a.conf'), '[Service]\nNice=1\n');
  link('/dev/null', join(etc, 'masked.service'));
  const masked = loadUnitSource('masked.service', searchPath);
  assert.equal(masked.masked, true);
  assert.equal(masked.fragmentPath, join(etc, 'masked.service'));
  assert.equal(masked.sections.size, 0);
  assert.deepEqual(masked.dropinPaths, []);
  put(join(run, 'empty.service'), '');
  assert.equal(loadUnitSource('empty.service', searchPath).masked, true);
  put(join(etc, 'unmasked.service'), '[Service]\nExecStart=/bin/true\n');
  link('/dev/null', join(lib, 'unmasked.service'));
  assert.equal(loadUnitSource('unmasked.service', searchPath).masked, false);
  link('/dev/null', join(etc, 'mtpl@.service'));
  assert.equal(loadUnitSource('mtpl@x.service', searchPath).masked, true);
});

test('an unreadable unit (a directory or a dangling symlink) is a problem with its errno, not a throw', () => {
  const { etc, searchPath } = fresh();
  mkdirSync(join(etc, 'isdir.service'));
  const dir = loadUnitSource('isdir.service', searchPath);
  assert.equal(dir.fragmentPath, join(etc, 'isdir.service'));
  assert.equal(dir.problems.length, 1);
  assert.equal(dir.problems[0]?.line, 0);
  assert.match(dir.problems[0]?.message ?? '', /isdir\.service: cannot read: EISDIR/);
  link(join(root, 'nowhere.service'), join(etc, 'dangling.service'));
  const dangling = loadUnitSource('dangling.service', searchPath);
  assert.match(dangling.problems[0]?.message ?? '', /dangling\.service: cannot read .*ENOENT/);
});

test('a FIFO in a unit\'s place or among its drop-ins is a problem at once, not a load that waits for a writer', () => {
  const { etc, searchPath } = fresh();
  execFileSync('mkfifo', [join(etc, 'fifo.service')]);
  const fifo = loadUnitSource('fifo.service', searchPath);
  assert.deepEqual(fifo.problems.map((p) => p.message), [`${join(etc, 'fifo.service')}: cannot read: not a regular file (a FIFO)`]);
  put(join(etc, 'ok.service'), '[Service]\nExecStart=/bin/true\n');
  mkdirSync(join(etc, 'ok.service.d'));
  execFileSync('mkfifo', [join(etc, 'ok.service.d', 'pipe.conf')]);
  const ok = loadUnitSource('ok.service', searchPath);
  assert.deepEqual(ok.problems.map((p) => p.message), [`${join(etc, 'ok.service.d', 'pipe.conf')}: cannot read: not a regular file (a FIFO)`]);
  assert.equal(ok.sections.get('Service')?.[0]?.value, '/bin/true', 'the fragment still loads');
});

test('a file that even root cannot read (EINVAL from a /sys attribute, linked in) is a problem with its errno', (t) => {
  const attribute = '/sys/class/net/lo/speed'; // loopback has no speed: read(2) fails with EINVAL
  if (!existsSync(attribute)) { t.skip(`${attribute} does not exist here`); return; }
  const { etc, searchPath } = fresh();
  link(attribute, join(etc, 'speed.service'));
  const speed = loadUnitSource('speed.service', searchPath);
  assert.equal(speed.fragmentPath, join(etc, 'speed.service'));
  assert.equal(speed.problems.length, 1);
  assert.match(speed.problems[0]?.message ?? '', /speed\.service: cannot read: EINVAL/);
});

test('syntax problems of the fragment and drop-ins are reported with file and line', () => {
  const { lib, searchPath } = fresh();
  put(join(lib, 'syntax.service'), '[Service]\nExecStart=/bin/true\nthis is wrong\n');
  put(join(lib, 'syntax.service.d', 'z.conf'), 'Orphan=1\n');
  const source = loadUnitSource('syntax.service', searchPath);
  assert.deepEqual(source.problems.map((p) => [p.file, p.line]), [
    [join(lib, 'syntax.service'), 3],
    [join(lib, 'syntax.service.d', 'z.conf'), 1],
  ]);
  assert.equal(lastValue(source.sections.get('Service'), 'ExecStart')?.value, '/bin/true');
});

test('a unit that is nowhere has no fragment and no problems, and an invalid name is a problem', () => {
  const { searchPath } = fresh();
  const missing = loadUnitSource('missing.service', searchPath);
  assert.equal(missing.fragmentPath, null);
  assert.equal(missing.masked, false);
  assert.deepEqual(missing.problems, []);
  const invalid = loadUnitSource('not a name', searchPath);
  assert.equal(invalid.fragmentPath, null);
  assert.match(invalid.problems[0]?.message ?? '', /not a unit name/);
});

test('a missing search directory is simply empty', () => {
  const { lib } = fresh();
  put(join(lib, 'sshd.service'), '[Unit]\n');
  assert.equal(loadUnitSource('sshd.service', [join(root, 'absent'), lib]).fragmentPath, join(lib, 'sshd.service'));
});

test('listUnitFiles maps every unit name, templates and links included, to its winning path', () => {
  const { etc, run, lib, searchPath } = fresh();
  put(join(lib, 'prec.service'), '[Unit]\n');
  put(join(etc, 'prec.service'), '[Unit]\n');
  put(join(run, 'tpl@.service'), '[Unit]\n');
  put(join(lib, 'tpl@special.service'), '[Unit]\n');
  link(join(lib, 'prec.service'), join(etc, 'nick.service'));
  link('/dev/null', join(etc, 'masked.service'));
  put(join(lib, 'prec.service.d', 'a.conf'), '[Unit]\n');
  put(join(lib, 'multi-user.target.wants', 'x.service'), '[Unit]\n');
  mkdirSync(join(etc, 'isdir.service'));
  put(join(lib, 'README'), 'not a unit');
  const files = listUnitFiles([...searchPath, join(root, 'absent')]);
  assert.deepEqual([...files.entries()].sort(), [
    ['masked.service', join(etc, 'masked.service')],
    ['nick.service', join(etc, 'nick.service')],
    ['prec.service', join(etc, 'prec.service')],
    ['tpl@.service', join(run, 'tpl@.service')],
    ['tpl@special.service', join(lib, 'tpl@special.service')],
  ]);
});

test('an alias of a template gives its instances the real template name', () => {
  const { etc, lib, searchPath } = fresh();
  put(join(lib, 'real@.service'), '[Service]\nExecStart=/bin/echo %i\n');
  link(join(lib, 'real@.service'), join(etc, 'nick@.service'));
  const source = loadUnitSource('nick@x.service', searchPath);
  assert.equal(source.id, 'real@x.service');
  assert.equal(source.fragmentPath, join(lib, 'real@.service'));
  assert.deepEqual(loadUnitSource('real@x.service', searchPath).aliases, ['nick@x.service']);
});
