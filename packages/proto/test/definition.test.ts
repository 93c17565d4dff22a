import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as protoLoader from '@grpc/proto-loader';
import { serviceDefinition } from '../src/definition';
import type { ServiceName } from '../src/services';

const SERVICES: ServiceName[] = ['Init', 'Manager', 'UnitWorker', 'WorkerHost'];
const PROTO_DIR = path.resolve(__dirname, '../../../protos');

// A child process that watches every way fs opens or reads a file, then loads the package, serves
// and opens a client of every service, and prints the .proto paths it saw touched and whether the
// run-time parts of proto-loader or protobufjs's parser were loaded.
const CHILD = `
const fs = require('node:fs');
const seen = [];
const spy = (object, name) => {
  const original = object[name];
  object[name] = function (file, ...rest) { if (/\\.proto$/.test(String(file))) seen.push(String(file)); return original.call(this, file, ...rest); };
};
for (const name of ['openSync', 'readFileSync', 'open', 'readFile', 'statSync', 'existsSync']) spy(fs, name);
for (const name of ['open', 'readFile']) spy(fs.promises, name);
const proto = require(${JSON.stringify(path.resolve(__dirname, '../src/index.ts'))});
for (const service of ${JSON.stringify(SERVICES)}) {
  proto.implement(proto.createServer(service), service, {});
  proto.connect(service, '/nonexistent/socket').close();
}
const loaded = Object.keys(require.cache).filter((f) => /proto-loader[\\\\/]build|protobufjs[\\\\/]src[\\\\/]parse/.test(f));
process.stdout.write(JSON.stringify({ seen, loaded }));
`;

test('the contracts load without reading any .proto file, and without proto-loader or a .proto parser', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', CHILD], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  assert.deepEqual(JSON.parse(out), { seen: [], loaded: [] });
});

test('every method of the descriptor has the path, streaming and default messages of proto-loader parsing the .proto files', () => {
  const parsed = protoLoader.loadSync(['common', 'init', 'manager', 'worker'].map((f) => `sysmaster/v1/${f}.proto`),
    { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true, includeDirs: [PROTO_DIR] });
  for (const service of SERVICES) {
    const ours = serviceDefinition(service);
    const theirs = parsed[`sysmaster.v1.${service}`] as Record<string, protoLoader.MethodDefinition<object, object>>;
    assert.deepEqual(Object.keys(ours), Object.keys(theirs), service);
    for (const [name, method] of Object.entries(ours)) {
      const other = theirs[name]!;
      assert.equal(method.path, other.path);
      assert.equal(method.requestStream, other.requestStream);
      assert.equal(method.responseStream, other.responseStream);
      assert.equal(method.originalName, other.originalName);
      const empty = Buffer.alloc(0);
      assert.deepEqual(method.requestDeserialize(empty), other.requestDeserialize(empty), `${service}.${name} request`);
      assert.deepEqual(method.responseDeserialize(empty), other.responseDeserialize(empty), `${service}.${name} response`);
    }
  }
});

test('a request serializes to the same bytes as with proto-loader and decodes to the same object', () => {
  const parsed = protoLoader.loadSync('sysmaster/v1/manager.proto',
    { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true, includeDirs: [PROTO_DIR] });
  const theirs = (parsed['sysmaster.v1.Manager'] as Record<string, protoLoader.MethodDefinition<object, object>>)['StartUnits']!;
  const ours = serviceDefinition('Manager')['StartUnits']!;
  const request = { names: ['a.service', 'b.socket'], mode: 'fail', request_id: 'r-1' };
  const bytes = ours.requestSerialize(request);
  assert.deepEqual(bytes, theirs.requestSerialize(request));
  assert.deepEqual(ours.requestDeserialize(bytes), theirs.requestDeserialize(bytes));
});
