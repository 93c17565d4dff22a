// Shared by the kit's tests: a temporary folder removed at exit, the fixture units, a
// registration that runs the fake worker (test/fixtures/fake-worker-main.ts) through tsx.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckResult, Report } from '../src/report';

const dirs: string[] = [];
process.on('exit', () => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export const FIXTURES = path.join(__dirname, 'fixtures');
export const FAKE_UNITS = [path.join(FIXTURES, 'slow.fake'), path.join(FIXTURES, 'instant.fake')];

/** A registration file whose program runs the fake worker with `flaws` as arguments. */
export function fakeRegistration(flaws: string[] = []): string {
  const dir = tempDir('sm-verify-reg-');
  const loader = pathToFileURL(require.resolve('tsx', { paths: [__dirname] })).href;
  const script = path.join(dir, 'fake-worker');
  fs.writeFileSync(script, `#!/bin/sh\nexec '${process.execPath}' --import '${loader}' '${path.join(FIXTURES, 'fake-worker-main.ts')}' "$@"\n`, { mode: 0o755 });
  const file = path.join(dir, 'fake.conf');
  fs.writeFileSync(file, `[Worker]\nType=fake\nExecStart=${script} ${flaws.join(' ')}\n`);
  return file;
}

export function check(report: Report, name: string): CheckResult {
  const found = report.checks.find((c) => c.name === name);
  if (!found) throw new Error(`no check ${name} in ${report.checks.map((c) => c.name).join(', ')}`);
  return found;
}

/** "name: reason" of every failed check, for assertion messages. */
export function failures(report: Report): string[] {
  return report.checks.filter((c) => c.status === 'fail').map((c) => `${c.name}: ${c.reason}`);
}
