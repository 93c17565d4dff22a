// sctl as a process for the issue-3/4 commands, against the core's real API layer over a fake
// engine and a temp unit tree.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SysmasterError } from '@sysmaster/proto';
import { FakeCore, fakeSystem, quietLog, serveApiWith, tempRuntime, unit, type ApiServer } from '@sysmaster/core/testing';

const repo = path.resolve(__dirname, '../../..');
const main = path.join(repo, 'packages/sctl/src/main.ts');
const env = tempRuntime('sm-sctl-more-');
const lib = env.install.searchPath[2]!;
const etc = env.install.configDir;
const core = new FakeCore();
core.autoFinish = true;
let api: ApiServer;

function sctl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', main, ...args], {
      cwd: repo, env: { ...process.env, NODE_EXTRA_CA_CERTS: '' }, timeout: 20_000,
    }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

before(async () => {
  fs.writeFileSync(path.join(lib, 'web.service'), '[Unit]\nDescription=Web\n[Service]\nExecStart=/bin/web\n[Install]\nWantedBy=multi-user.target\n');
  fs.writeFileSync(path.join(lib, 'multi-user.target'), '[Unit]\nDescription=Multi-User\n');
  fs.writeFileSync(path.join(lib, 'rescue.target'), '[Unit]\nAllowIsolate=yes\n');
  fs.symlinkSync('multi-user.target', path.join(lib, 'default.target'));
  core.add(
    unit('web.service', { fragmentPath: path.join(lib, 'web.service') }, { active_state: 'active', sub_state: 'running' }),
    unit('broken.service', {}, { active_state: 'failed', sub_state: 'failed', result: 'exit-code' }),
    unit('multi-user.target', { dependencies: { Wants: ['web.service', 'broken.service'] } }, { active_state: 'active' }),
    unit('rescue.target'),
  );
  api = await serveApiWith(core, { log: quietLog, hostHandlers: { enqueueJob: async () => 1, reportEvent: () => undefined, watchUnits: () => () => undefined, watchJobQueue: () => () => undefined } }, fakeSystem(env.cgroupRoot));
});

after(async () => {
  await api.close();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

test('enable prints the links it created on stderr, is-enabled then says enabled with exit 0', async () => {
  assert.equal((await sctl(['is-enabled', 'web'])).stdout, 'disabled\n');
  assert.equal((await sctl(['is-enabled', 'web'])).code, 1);
  const r = await sctl(['enable', '--now', 'web']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, `Created symlink ${path.join(etc, 'multi-user.target.wants/web.service')} \u2192 ${path.join(lib, 'web.service')}.\n`);
  assert.ok(core.calls.includes('enqueue start web.service replace'), 'enable --now starts the unit');
  assert.deepEqual([(await sctl(['is-enabled', 'web'])).code, (await sctl(['is-enabled', 'web'])).stdout], [0, 'enabled\n']);
  assert.equal((await sctl(['is-enabled', 'ghost'])).code, 4);
  assert.equal((await sctl(['is-enabled', '-q', 'multi-user.target'])).stdout, '', '-q prints nothing');
});

test('disable, mask and unmask report their changes in systemctl\'s words', async () => {
  const d = await sctl(['disable', 'web']);
  assert.equal(d.stderr, `Removed "${path.join(etc, 'multi-user.target.wants/web.service')}".\n`);
  const m = await sctl(['mask', 'web']);
  assert.equal(m.stderr, `Created symlink ${path.join(etc, 'web.service')} \u2192 /dev/null.\n`);
  assert.equal((await sctl(['is-enabled', 'web'])).stdout, 'masked\n');
  const e = await sctl(['enable', 'web']);
  assert.equal(e.code, 1);
  assert.match(e.stderr, /^Failed to enable unit: Unit file .*web\.service is masked\.$/m);
  assert.equal((await sctl(['unmask', 'web'])).code, 0);
});

test('list-unit-files prints the table and honours --type and --state', async () => {
  const r = await sctl(['list-unit-files', '--type=target']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^UNIT FILE +STATE +VENDOR PRESET$/m);
  assert.match(r.stdout, /^multi-user\.target +static +-$/m);
  assert.doesNotMatch(r.stdout, /web\.service/);
  assert.match((await sctl(['list-unit-files', '--state=disabled'])).stdout, /^web\.service +disabled +enabled\n\n1 unit files listed\.\n$/m);
});

test('get-default and set-default go through default.target', async () => {
  assert.equal((await sctl(['get-default'])).stdout, 'multi-user.target\n');
  const r = await sctl(['set-default', 'rescue']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^Created symlink .*default\.target \u2192 .*rescue\.target\.$/m);
  assert.equal((await sctl(['get-default'])).stdout, 'rescue.target\n');
});

test('cat prints each file under a "# path" header; an unknown unit exits 4', async () => {
  const r = await sctl(['cat', 'web']);
  assert.equal(r.stdout, `# ${path.join(lib, 'web.service')}\n[Unit]\nDescription=Web\n[Service]\nExecStart=/bin/web\n[Install]\nWantedBy=multi-user.target\n`);
  const g = await sctl(['cat', 'ghost']);
  assert.deepEqual([g.code, g.stderr], [4, 'No files found for ghost.service.\n']);
});

test('list-dependencies draws the tree of the default target', async () => {
  const r = await sctl(['list-dependencies']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'multi-user.target\n\u00D7 \u251C\u2500broken.service\n\u25CF \u2514\u2500web.service\n');
});

test('is-failed exits 0 only for a failed unit; show -p prints the new properties', async () => {
  assert.deepEqual(Object.values(await sctl(['is-failed', 'broken'])).slice(0, 2), [0, 'failed\n']);
  assert.equal((await sctl(['is-failed', 'web'])).code, 1);
  assert.equal((await sctl(['show', 'web', '-p', 'TasksCurrent,NeedDaemonReload'])).stdout, 'TasksCurrent=[not set]\nNeedDaemonReload=no\n');
});

test('clean sends what --what= names (runtime, cache and fdstore by default, every kind for all) and refuses an unknown kind', async () => {
  assert.equal((await sctl(['clean', 'web'])).code, 0);
  assert.equal(core.calls.at(-1), 'clean web.service runtime,cache,fdstore');
  assert.equal((await sctl(['clean', '--what=state,logs', '--what=configuration', 'web'])).code, 0);
  assert.equal(core.calls.at(-1), 'clean web.service state,logs,configuration');
  assert.equal((await sctl(['clean', '--what=all', 'web'])).code, 0);
  assert.equal(core.calls.at(-1), 'clean web.service runtime,state,cache,logs,configuration,fdstore');
  assert.equal((await sctl(['clean', '--what=everything', 'web'])).code, 2);
});

test('kill, reset-failed, cancel, isolate and the reload family reach the engine', async () => {
  assert.equal((await sctl(['kill', 'web', '-s', 'HUP', '--kill-whom=main'])).code, 0);
  assert.equal(core.calls.at(-1), 'kill web.service 1 main');
  assert.equal((await sctl(['kill', 'web', '-s', 'NOPE'])).code, 2);
  assert.equal((await sctl(['reset-failed', 'broken'])).code, 0);
  assert.equal(core.calls.at(-1), 'reset-failed broken.service');
  assert.equal((await sctl(['cancel', '7'])).code, 0);
  assert.equal(core.calls.at(-1), 'cancel 7');
  assert.equal((await sctl(['cancel', 'x'])).code, 1);
  assert.equal((await sctl(['isolate', 'rescue.target'])).code, 0);
  assert.ok(core.calls.includes('enqueue start rescue.target isolate'));
  for (const verb of ['reload', 'try-restart', 'reload-or-restart']) {
    assert.equal((await sctl([verb, 'web'])).code, 0);
    assert.ok(core.calls.includes(`enqueue ${verb} web.service replace`), verb);
  }
});

test('logs --since sends the time to the core, prints what comes back, and reports a refusal once with exit 1', async () => {
  core.logsByName.set('web.service', ['2999-01-01T00:00:00Z future']);
  const r = await sctl(['logs', 'web', '--since', '2021-01-01']);
  assert.deepEqual([r.code, r.stdout], [0, '2999-01-01T00:00:00Z future\n']);
  const since = core.logRequests.at(-1)?.since_usec ?? 0;
  assert.ok(Math.abs(since - Date.UTC(2021, 0, 1) * 1000) <= 14 * 3600 * 1e6, `since ${since} is 2021-01-01 in some time zone`);
  core.logsByName.set('broken.service', new SysmasterError('ERR_INVALID_ARGUMENT', 'The lines of broken.service carry no timestamps: --since cannot filter them.'));
  const b = await sctl(['logs', 'broken', '--since', 'today']);
  assert.equal(b.code, 1);
  assert.equal(b.stderr.split('\n').filter((l) => /carry no timestamps/.test(l)).length, 1);
  assert.equal((await sctl(['logs', 'web', '--since', 'someday'])).code, 2);
});
