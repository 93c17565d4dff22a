// Real tests: init as PID 1 of a PID + mount namespace, with the fixture core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Sandbox, cannotRun, sleep, until } from './sandbox';

const skip = cannotRun();

async function withSandbox(conf: Record<string, string | number>, body: (s: Sandbox) => Promise<void>): Promise<void> {
  const s = new Sandbox(conf);
  try {
    await s.start();
    await body(s);
  } catch (error) {
    console.error(s.stderr);
    throw error;
  } finally {
    await s.stop();
  }
}

test('Init.Status answers with pid 1, the namespace flag, and the running core', { skip }, async () => {
  await withSandbox({}, async (s) => {
    const init = s.init();
    try {
      const status = await until('the core to answer', async () => {
        const st = await init.Status({});
        return st.state === 'running' ? st : undefined;
      });
      assert.equal(status.pid, 1);
      assert.equal(status.in_namespace, true);
      assert.equal(status.core_starts, 1);
      assert.equal(status.core_pid, s.cores()[0]?.[1]);
      assert.ok(status.boot_usec > 0);
      const mode = fs.statSync(s.path('/run/sysmaster/private')).mode & 0o777;
      assert.equal(mode, 0o600);
      assert.equal(fs.statSync(s.path('/run/sysmaster/public')).mode & 0o777, 0o666);
    } finally {
      init.close();
    }
  });
});

test('a killed core is replaced within a second and a client that connects in the gap gets its answer', { skip }, async () => {
  await withSandbox({}, async (s) => {
    const init = s.init();
    try {
      await until('the core to answer', async () => (await init.Status({})).state === 'running');
      const first = (await init.Status({})).core_pid;
      const killedAt = Date.now();
      process.kill(s.hostPid(first), 'SIGKILL');
      const manager = s.manager();
      const answer = manager.Keepalive({}, { timeoutMs: 5000 });
      const replaced = await until('a new core', async () => {
        const st = await init.Status({});
        return st.core_starts === 2 && st.core_pid !== 0 ? st : undefined;
      }, 1000);
      assert.ok(Date.now() - killedAt < 1000, 'the new core was started within a second');
      const reply = await answer;
      manager.close();
      assert.equal(reply.pid, replaced.core_pid, 'the client waiting in the backlog was answered by the new core');
      assert.notEqual(reply.pid, first);
      assert.ok(fs.readFileSync(path.join(s.logDir, 'sysmaster.log'), 'utf8').includes('fake core 2 serving'));
    } finally {
      init.close();
    }
  });
});

test('a hung core is killed after three missed keepalives and replaced', { skip }, async () => {
  await withSandbox({ KeepaliveIntervalSec: 0.2 }, async (s) => {
    const init = s.init();
    try {
      await until('the core to answer', async () => (await init.Status({})).state === 'running');
      const hungAt = Date.now();
      fs.writeFileSync(path.join(s.confDir, 'core-mode-1'), 'hang');
      await until('a second core', () => s.cores().length === 2, 5000);
      const elapsed = Date.now() - hungAt;
      assert.ok(elapsed >= 3 * 200 - 50, `not before three misses (${elapsed} ms)`);
      assert.match(s.stderr, /core is hung; killing it/);
      const st = await until('the new core to answer', async () => {
        const x = await init.Status({});
        return x.core_pid === s.cores()[1]?.[1] ? x : undefined;
      });
      assert.equal(st.core_starts, 2);
    } finally {
      init.close();
    }
  });
});

test('a thousand double-forked orphans are reaped, leaving no zombie after a second', { skip }, async () => {
  await withSandbox({}, async (s) => {
    const init = s.init();
    try {
      await s.exec('i=0; while [ $i -lt 1000 ]; do (/bin/true &); i=$((i+1)); done');
      await sleep(1000);
      const zombies = await s.exec("n=0; for f in /proc/[0-9]*/stat; do read -r l < $f 2>/dev/null || continue; s=${l##*) }; case $s in Z*) n=$((n+1));; esac; done; echo $n");
      assert.equal(zombies.trim(), '0');
      const status = await init.Status({});
      assert.ok(status.orphans_reaped >= 1000, `orphans reaped: ${status.orphans_reaped}`);
    } finally {
      init.close();
    }
  });
});

test('SIGTERM to init powers off through the core: every process is stopped and init exits 0', { skip }, async () => {
  await withSandbox({ ShutdownTimeoutSec: 1 }, async (s) => {
    const init = s.init();
    await until('the core to answer', async () => (await init.Status({})).state === 'running');
    init.close();
    await s.exec("sh -c 'trap \"\" TERM; while :; do sleep 1; done' >/dev/null 2>&1 & sleep 1000 >/dev/null 2>&1 & echo started");
    const before = Number((await s.exec('ls -d /proc/[0-9]* | wc -l')).trim());
    assert.ok(before >= 4, 'init, the core and the two processes');
    const sentAt = Date.now();
    process.kill(s.initPid, 'SIGTERM');
    const code = await Promise.race([s.exited, sleep(10_000).then(() => 'timeout')]);
    assert.equal(code, 0);
    assert.ok(Date.now() - sentAt < 1000 + 5000, 'within the shutdown timeout and the SIGKILL wait');
    assert.match(s.stderr, /asking the core to power off/);
    assert.match(s.stderr, /final step: stopping every process left/);
    assert.match(s.stderr, /sending SIGKILL/, 'the process that ignored SIGTERM was killed');
    assert.doesNotMatch(s.stderr, /survived SIGKILL/);
    assert.match(s.stderr, /final step: poweroff done, exiting/);
  });
});

test('Init.Reexec keeps PID 1, the running core, the counters and the sctl socket', { skip }, async () => {
  await withSandbox({}, async (s) => {
    const init = s.init();
    try {
      const before = await until('the core to answer', async () => {
        const st = await init.Status({});
        return st.state === 'running' ? st : undefined;
      });
      await s.exec('i=0; while [ $i -lt 10 ]; do (/bin/true &); i=$((i+1)); done');
      await sleep(200);
      const orphans = (await init.Status({})).orphans_reaped;
      await init.Reexec({});
      await until('the new image to log its start', () => (s.stderr.match(/init starting/g) ?? []).length === 2);
      const after = await until('the new image to serve', async () => {
        const c = s.init();
        try { return await c.Status({}, { timeoutMs: 500 }); } catch { return undefined; } finally { c.close(); }
      });
      assert.equal(after.pid, 1);
      assert.equal(after.core_pid, before.core_pid);
      assert.equal(after.core_starts, 1);
      assert.equal(after.orphans_reaped, orphans);
      assert.equal(after.boot_usec, before.boot_usec);
      const manager = s.manager();
      assert.equal((await manager.Keepalive({}, { timeoutMs: 2000 })).pid, before.core_pid);
      manager.close();
      // The adopted core is still supervised: its death is seen and it is replaced.
      process.kill(s.hostPid(before.core_pid), 'SIGKILL');
      await until('a replacement core', () => s.cores().length === 2, 3000);
    } finally {
      init.close();
    }
  });
});
