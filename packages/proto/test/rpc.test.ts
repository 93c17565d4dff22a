import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { MAX_ERROR_TEXT, boundErrorText, checkRequest, createServer, grpc, connect, implement, serveOnPath, SysmasterError } from '../src/index';

test('a unary handler that throws a SysmasterError reaches the client with its code and hint', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-rpc-'));
  const sock = path.join(dir, 'w.sock');
  const server = new grpc.Server();
  implement(server, 'UnitWorker', {
    Describe: async () => ({ type: 'demo', sections: ['Demo'], pid: process.pid }),
    Status: async (req) => { throw new SysmasterError('ERR_UNIT_NOT_FOUND', `unit ${req.name} is not loaded`, { hint: 'load it first' }); },
  });
  await serveOnPath(server, sock);
  const client = connect('UnitWorker', sock);
  try {
    const d = await client.Describe({});
    assert.equal(d.type, 'demo');
    assert.deepEqual(d.sections, ['Demo']);
    await assert.rejects(client.Status({ name: 'x.demo' }), (e: unknown) => {
      assert.ok(e instanceof SysmasterError);
      assert.equal(e.code, 'ERR_UNIT_NOT_FOUND');
      assert.equal(e.hint, 'load it first');
      assert.match(e.message, /x\.demo/);
      return true;
    });
    await assert.rejects(client.Start({ name: 'x.demo' }), (e: unknown) => e instanceof SysmasterError && e.code === 'ERR_UNIMPLEMENTED');
  } finally {
    client.close();
    server.forceShutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an error whose message echoes a 60 KiB argument is answered, bounded, and the connection keeps working', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-rpc-'));
  const sock = path.join(dir, 'w.sock');
  const server = new grpc.Server();
  implement(server, 'UnitWorker', {
    Describe: async () => ({ type: 'demo', sections: [], pid: process.pid }),
    Status: async (req) => { throw new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit ${req.name} not found.`, { hint: `load ${req.name}` }); },
  });
  await serveOnPath(server, sock);
  const client = connect('UnitWorker', sock);
  try {
    const name = `${'a'.repeat(60 * 1024)}.demo`;
    await assert.rejects(client.Status({ name }), (e: unknown) => {
      assert.ok(e instanceof SysmasterError);
      assert.equal(e.code, 'ERR_UNIT_NOT_FOUND');
      assert.ok(e.message.length <= MAX_ERROR_TEXT, `${e.message.length} characters`);
      assert.match(e.message, /^Unit a+\.\.\. \[\d+ characters elided\] \.\.\.a+\.demo not found\.$/);
      assert.ok((e.hint ?? '').length <= MAX_ERROR_TEXT / 2);
      assert.match(e.hint ?? '', /^load a+\.\.\. \[/);
      return true;
    });
    assert.equal((await client.Describe({})).type, 'demo', 'the same connection still answers');
    // A hint outside printable ASCII (grpc-js throws on such metadata) arrives intact.
    await assert.rejects(client.Status({ name: 'café 100% …' }), (e: unknown) => e instanceof SysmasterError && e.hint === 'load café 100% …');
    assert.equal(boundErrorText('short'), 'short');
  } finally {
    client.close();
    server.forceShutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('garbage bytes on the socket neither crash the server nor stop it answering', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-rpc-'));
  const sock = path.join(dir, 'w.sock');
  const server = new grpc.Server();
  implement(server, 'UnitWorker', { Describe: async () => ({ type: 'demo', pid: 1 }) });
  await serveOnPath(server, sock);
  await new Promise<void>((resolve) => {
    const s = net.connect(sock, () => { s.write(Buffer.from('\x00\xffGARBAGE not http2\r\n\r\n')); setTimeout(() => { s.destroy(); resolve(); }, 100); });
    s.on('error', () => resolve());
  });
  const client = connect('UnitWorker', sock);
  try {
    assert.equal((await client.Describe({})).type, 'demo');
  } finally {
    client.close();
    server.forceShutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a handler object with real types type-checks against Handlers and the client against Client', () => {
  // Compile-time contract (checked by `tsc -p packages/proto/test`): named methods only.
  const handlers: Partial<import('../src/index').Handlers<'UnitWorker'>> = {
    Describe: async () => ({ type: 't', sections: [], pid: 1 }),
  };
  assert.equal(typeof handlers.Describe, 'function');
});

test('a request past its service\'s bounds is refused with the field and the limit, and runs nothing', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-rpc-'));
  const sock = path.join(dir, 'm.sock');
  const server = createServer('Manager');
  let ran = 0;
  implement(server, 'Manager', {
    GetUnit: async () => { ran++; throw new SysmasterError('ERR_UNIT_NOT_FOUND', 'no'); },
    GetUnitFileState: async () => { ran++; return { states: [] }; },
  });
  await serveOnPath(server, sock);
  const client = connect('Manager', sock);
  try {
    await assert.rejects(client.GetUnit({ name: 'a'.repeat(256 * 1024) }), (e: unknown) => e instanceof SysmasterError
      && e.code === 'ERR_INVALID_ARGUMENT' && /GetUnit: field name has 262144 characters; the limit is 65536\./.test(e.message));
    const names = Array.from({ length: 10_001 }, (_, i) => `u${i}.service`);
    await assert.rejects(client.GetUnitFileState({ names }), (e: unknown) => e instanceof SysmasterError
      && e.code === 'ERR_INVALID_ARGUMENT' && /field names has 10001 entries; the limit is 10000/.test(e.message));
    assert.equal(ran, 0);
    assert.deepEqual(await client.GetUnitFileState({ names: names.slice(0, 10_000) }), { states: [] });
    assert.equal(ran, 1);
    // grpc-js refuses a message past messageBytes before it is decoded.
    await assert.rejects(client.GetUnitFileState({ names: Array.from({ length: 9_000 }, () => 'x'.repeat(600)) }),
      (e: unknown) => e instanceof SysmasterError && e.code === 'ERR_BUSY');
  } finally {
    client.close();
    server.forceShutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('checkRequest names nested fields and map keys, and passes what is within bounds', () => {
  // Field names count as keys too; the real bounds (4,096 characters and more) are far above them.
  const limits = { messageBytes: 1000, stringLength: 8, repeatedEntries: 2 };
  assert.equal(checkRequest('Load', { name: 'abcd', sections: [{ entries: [{ key: 'k', value: 'v' }] }] }, limits), null);
  assert.match(checkRequest('Load', { sections: [{ entries: [{ key: 'k', value: 'much too long' }] }] }, limits)?.message ?? '',
    /Load: field sections\[0\]\.entries\[0\]\.value has 13 characters; the limit is 8\./);
  assert.match(checkRequest('Load', { env: { a: '1', b: '2', c: '3' } }, limits)?.message ?? '', /field env has 3 entries/);
  assert.match(checkRequest('Load', { env: { abcdefghijk: '1' } }, limits)?.message ?? '', /field env \(a key\) has 11 characters/);
});

test('a server\'s shutdown closes the listener serveOnPath opened', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-rpc-'));
  const sock = path.join(dir, 'w.sock');
  const server = createServer('UnitWorker');
  implement(server, 'UnitWorker', { Describe: async () => ({ type: 'demo', pid: 1 }) });
  const listener = await serveOnPath(server, sock);
  assert.equal(listener.listening, true);
  server.forceShutdown();
  assert.equal(listener.listening, false);
  fs.rmSync(dir, { recursive: true, force: true });
});
