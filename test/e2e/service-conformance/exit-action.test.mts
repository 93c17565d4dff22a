// Scenario (issue 13 item 9), against the real stack: SuccessAction=exit starts exit.target, as
// systemd does, so the admin's drop-in on it runs its unit on the way out; the units that conflict
// with shutdown.target are stopped politely (their ExecStopPost= runs); then init's final step of
// kind exit ends the sandbox by itself — no `sctl poweroff`, and poweroff.target never starts.
// Markers are written to a host folder, since the sandbox's /run is gone once it exits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootScenario, describeRun, sleep } from '../service-common/lib.mjs';
import { finalStepMs } from '../harness.mjs';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('SuccessAction=exit runs exit.target with its admin drop-in, stops the services politely and ends the sandbox without a poweroff', async (t) => {
  const marks = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-e2e-exit-'));
  t.after(() => fs.rmSync(marks, { recursive: true, force: true }));
  const oneshot = (what: string): string =>
    `[Unit]\nDefaultDependencies=no\n[Service]\nType=oneshot\nExecStart=/bin/sh -c 'echo ${what} > ${marks}/${what}'\n`;
  const { sb, cleanup } = await bootScenario(import.meta.url, {
    'exit-now.service': '[Unit]\nDescription=Succeeds, then the manager exits\nSuccessAction=exit\n[Service]\nType=oneshot\nExecStart=/bin/true\n',
    'exit-web.service': `[Service]\nExecStart=/bin/sleep 7311\nExecStopPost=/bin/sh -c 'echo stopped > ${marks}/web-stopped'\n`,
    'exit.target.d/admin.conf': '[Unit]\nWants=exit-farewell.service\n',
    'exit-farewell.service': oneshot('farewell'),
    'poweroff.target.d/marker.conf': '[Unit]\nWants=exit-poweroff-marker.service\n',
    'exit-poweroff-marker.service': oneshot('poweroff'),
  });
  let ended = false;
  try {
    const web = await sb.sctl('start', 'exit-web.service');
    assert.equal(web.exitCode, 0, describeRun(web));
    await sb.sctl('start', 'exit-now.service');
    for (let i = 0; i < 300 && alive(sb.initPid); i++) await sleep(100);
    ended = !alive(sb.initPid);
    assert.ok(ended, 'init ended the sandbox by itself after exit.target');
    assert.equal(fs.readFileSync(path.join(marks, 'farewell'), 'utf8').trim(), 'farewell', "the admin's Wants= on exit.target ran");
    assert.equal(fs.readFileSync(path.join(marks, 'web-stopped'), 'utf8').trim(), 'stopped', 'the service was stopped politely');
    assert.equal(fs.existsSync(path.join(marks, 'poweroff')), false, 'poweroff.target was never started');
  } finally {
    const r = await cleanup();
    if (ended) {
      // init itself exited 0 (the wrapper says so otherwise); the wrapper's own status is the
      // waiting command's, which the final step's SIGTERM sweep ended inside the namespace (143).
      assert.doesNotMatch(r.output, /init exited with status|did not finish/, r.output.slice(-3000));
      assert.ok([0, 143].includes(r.exitCode), `the sandbox wrapper's status ${r.exitCode}:\n${r.output.slice(-3000)}`);
      // The final step ends the tree at once: the core leaves on Init.Shutdown's answer (or the
      // sweep's SIGTERM), nothing waits out ShutdownTimeoutSec (10 s) for a SIGKILL.
      assert.doesNotMatch(r.console, /processes still running after SIGTERM/, r.console.slice(-3000));
      const took = finalStepMs(r.console);
      assert.ok(took !== null && took < 2_000, `the final step took ${took} ms:\n${r.console.slice(-3000)}`);
    }
  }
});
