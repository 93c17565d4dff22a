// Scenario: no caller can stall the manager (issue 15). Floods and oversized requests on the
// world-writable public socket, from an unprivileged user, and unit files built to be slow to
// parse: every call is answered (an error is an answer), init never has to replace the core, and
// root's view stays live meanwhile.
//
// stall-probe.mjs runs each case inside the sandbox while a root Keepalive probe on the private
// socket records how long the core's event loop was unavailable. The one bound asserted on it is
// init's own: a Keepalive that waits a whole KeepaliveIntervalSec (1 s) is a miss, and three in a
// row make init replace the core. The figures are printed for the closing note, not asserted.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox, useSandbox } from '../harness.mjs';

const PROBE = path.join(path.dirname(new URL(import.meta.url).pathname), 'stall-probe.mjs');
const AS_NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
/** init's KeepaliveIntervalSec: a probe answer slower than this is a keepalive init would miss. */
const KEEPALIVE_INTERVAL_MS = 1_000;

/** 300 ordinary services, one with 120,000 continuation lines, one past each size bound. */
function makeUnits(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-no-stall-'));
  for (let i = 1; i <= 300; i++) {
    fs.writeFileSync(path.join(dir, `filler${i}.service`), `[Unit]\nDescription=filler ${i}\n[Service]\nExecStart=/bin/sleep infinity\n`);
  }
  fs.writeFileSync(path.join(dir, 'continued.service'), `[Service]\nType=oneshot\nExecStart=/bin/true${' \\\n a'.repeat(120_000)}\n`);
  fs.writeFileSync(path.join(dir, 'long-line.service'), `[Service]\nType=oneshot\nExecStart=/bin/true\nEnvironment=A=${'x'.repeat(2 * 1024 * 1024)}\n`);
  fs.writeFileSync(path.join(dir, 'huge-file.service'), `[Service]\nExecStart=/bin/true\n${'# padding\n'.repeat(500_000)}`);
  return dir;
}

interface ProbeResult {
  case: string; calls: number; answered: number; errors: Record<string, number>; slowestMs: number;
  probe?: { maxMs: number; p50Ms: number; samples: number };
}

describe('no stall', () => {
  const units = makeUnits();
  after(() => fs.rmSync(units, { recursive: true, force: true }));
  let sb: Sandbox;
  useSandbox(() => Sandbox.boot({ units: [units] }), (s) => { sb = s; });

  async function probe(args: string[], prefix: string[] = []): Promise<ProbeResult> {
    const r = await sb.run([...prefix, 'node', PROBE, ...args], { timeoutMs: 60_000 });
    assert.equal(r.exitCode, 0, r.stderr);
    const result = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ProbeResult;
    console.log(`# ${JSON.stringify(result)}`);
    return result;
  }

  async function initStatus(): Promise<{ core_pid: number; core_starts: number }> {
    const r = await sb.run(['node', PROBE, 'init-status']);
    assert.equal(r.exitCode, 0, r.stderr);
    return JSON.parse(r.stdout) as { core_pid: number; core_starts: number };
  }

  test('2,000 concurrent ListUnits from an unprivileged user are all answered while root stays served', async () => {
    const before = await initStatus();
    const script = `${AS_NOBODY.join(' ')} node ${PROBE} list-flood 2000 > /tmp/flood.json & sleep 0.2; `
      + `STALL_PROBE_SOCKET=/run/sysmaster/private node ${PROBE} status filler1.service; sctl status filler1.service >/dev/null; echo "status=$?"; wait; cat /tmp/flood.json`;
    const r = await sb.sh(script, { timeoutMs: 60_000 });
    const [rootLine, statusLine, floodLine] = r.stdout.trim().split('\n');
    console.log(`# root during the flood: ${rootLine}\n# flood: ${floodLine}`);
    const root = JSON.parse(rootLine!) as ProbeResult;
    const flood = JSON.parse(floodLine!) as ProbeResult;
    assert.equal(flood.answered, flood.calls, JSON.stringify(flood.errors));
    assert.equal(root.answered, 1);
    assert.equal(statusLine, 'status=3', 'root\'s sctl status answered (filler1 is inactive: exit 3)');
    assert.ok(root.probe!.maxMs < KEEPALIVE_INTERVAL_MS, `a root Keepalive waited ${root.probe!.maxMs} ms`);
    assert.deepEqual(await initStatus(), before, 'init did not replace the core');
  });

  test('a flood of ListUnits from root on one connection never delays init\'s keepalive by an interval', async () => {
    const result = await probe(['list-flood', '2000'], ['env', 'STALL_PROBE_SOCKET=/run/sysmaster/private']);
    assert.equal(result.answered, result.calls);
    assert.ok(result.probe!.maxMs < KEEPALIVE_INTERVAL_MS, `a Keepalive waited ${result.probe!.maxMs} ms`);
  });

  test('GetUnitFileState with 100,000 names is refused naming the field and the limit; 10,000 are answered', async () => {
    const refused = await probe(['file-state-names', '100000']);
    assert.deepEqual(refused.errors, { ERR_INVALID_ARGUMENT: 1 });
    const r = await sb.sh(`node -e "
      const { connect } = require('/work/main/packages/proto/dist/index.js'.replace('/work/main', process.argv[1]));
      connect('Manager', '/run/sysmaster/public').GetUnitFileState({ names: Array.from({ length: 100001 }, () => 'a.service') })
        .catch((e) => { console.log(e.message); process.exit(0); });" ${path.resolve(PROBE, '../../../..')}`);
    assert.match(r.stdout, /GetUnitFileState: field names has 100001 entries; the limit is 10000\./);
    const answered = await probe(['file-state-10k']);
    assert.deepEqual(answered.errors, {});
    assert.ok(answered.probe!.maxMs < KEEPALIVE_INTERVAL_MS, `a Keepalive waited ${answered.probe!.maxMs} ms`);
  });

  test('256 KiB arguments and a 100,000-character glob are answered with clear errors, and the connection goes on', async () => {
    const result = await probe(['big-argument', String(256 * 1024)]);
    assert.equal(result.answered, 4);
    assert.deepEqual(result.errors, { ERR_INVALID_ARGUMENT: 3 }, 'the fourth call, a plain GetUnit on the same connection, succeeded');
    // 100 KiB: past the 64 Ki-character bound, below execve's 128 KiB limit on one argument.
    const start = await sb.sctl('start', `${'a'.repeat(100 * 1024)}.service`);
    assert.notEqual(start.exitCode, 0);
    // sctl names the unit it was asked for, as systemctl does; the manager's part stays short.
    const managerPart = start.stderr.replaceAll('a'.repeat(100 * 1024), 'NAME');
    assert.ok(managerPart.length < 4096, managerPart.slice(0, 4096));
    assert.match(managerPart, /StartUnits: field names\[0\] has 102408 characters; the limit is 65536\./);
  });

  test('a unit file with 120,000 continuation lines loads promptly; oversized lines and files are refused by name', async () => {
    const result = await probe(['status', 'continued.service']);
    assert.deepEqual(result.errors, {});
    assert.ok(result.probe!.maxMs < KEEPALIVE_INTERVAL_MS, `a Keepalive waited ${result.probe!.maxMs} ms`);
    assert.equal((await sb.sctl('start', 'continued.service')).exitCode, 0);
    const longLine = await sb.sctl('status', 'long-line.service');
    assert.match(longLine.stdout + longLine.stderr, /long-line\.service:4: line too long \(2097166 characters, at most 1048576\)/);
    const huge = await sb.sctl('status', 'huge-file.service');
    assert.match(huge.stdout + huge.stderr, /huge-file\.service: cannot read: file too large \(\d+ bytes, at most 4194304\)/);
  });
});
