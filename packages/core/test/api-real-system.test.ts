// serveApi() with the real OS seam (@sysmaster/sys for SO_PEERCRED, @sysmaster/unit-file for names).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { connect, runtimePaths, SysmasterError } from '@sysmaster/proto';
import { serveApi } from '../src/api/index';
import { FakeCore, quietLog, tempRuntime, unit } from '../src/testing/fake-core';

const env = tempRuntime('sm-api-real-');
after(() => fs.rmSync(env.dir, { recursive: true, force: true }));

test('serveApi reads the peer credentials of a root caller and grants it the full API', async () => {
  const core = new FakeCore().add(unit('sshd.service'));
  const api = await serveApi(core, { log: quietLog, hostHandlers: { enqueueJob: async () => 1, reportEvent: () => undefined, watchUnits: () => () => undefined, watchJobQueue: () => () => undefined } });
  const client = connect('Manager', runtimePaths().privateSocket);
  try {
    assert.equal(process.getuid?.(), 0, 'this test runs as root');
    await client.StartUnits({ names: ['sshd'] });
    assert.deepEqual(core.calls, ['enqueue start sshd.service replace']);
    await assert.rejects(client.GetUnit({ name: 'a/b', log_lines: 0 }), (error: unknown) => error instanceof SysmasterError && error.code === 'ERR_BAD_UNIT_NAME' && /"a\/b"/.test(error.message));
  } finally {
    client.close();
    await api.close();
  }
});
