#!/usr/bin/env node
// fuzz.mjs TARGET... — runs inside a sandbox: sends seeded random traffic to the gRPC servers
// named (private, public, host, init, workers) and prints one JSON line of counts:
//   { calls, answered, unanswered, internal: [..], raw: { sent, answered } }
// Typed random messages are built from the contract's descriptors (proto-loader's package
// definition): every field of the request gets a random value of its type — strings empty, unit-
// like, NUL-laden, astral, or past the 65,536-character bound; numbers negative or huge; enums
// outside their range; repeated fields empty, short, or past the 10,000-entry bound. Raw traffic:
// random bytes, an HTTP/2 preface followed by garbage, and gRPC frames whose length prefix lies
// or whose protobuf body is truncated. Every call has 5 s for an answer; an error status is an
// answer. ERR_INTERNAL answers are listed: bad input must get the project's own error codes.
//
// Left out, because they would legitimately end or reshape the run: Manager PowerOff, Reboot,
// Halt, Reexecute, Isolate, Reload; Init Shutdown, Reexec; every UnitWorker and WorkerHost call
// names only random units (never the sandbox's own), so no real unit is stopped or killed.
import { createRequire } from 'node:module';
import http2 from 'node:http2';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../../lib/prng.mjs';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const proto = require(path.join(ROOT, 'packages/proto/dist/index.js'));
const protoLoader = require(require.resolve('@grpc/proto-loader', { paths: [path.join(ROOT, 'packages/proto')] }));

const DEADLINE_MS = 5_000;
const ROUNDS = Number(process.env.FUZZ_ROUNDS || (process.env.FUZZ_LONG ? 5000 : 150));
const random = mulberry32(Number(process.env.FUZZ_SEED || 20261202));
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (n) => Math.floor(random() * n);

// The message descriptors come from the contracts' build-time descriptor (scripts/gen-proto.mjs).
const { DESCRIPTOR } = require(path.join(ROOT, 'packages/proto/dist/generated/descriptor.js'));
const definition = protoLoader.fromJSON(DESCRIPTOR, { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true });

function randomString() {
  switch (int(8)) {
    case 0: return '';
    case 1: return `fuzz-${int(1e6)}.${pick(['service', 'socket', 'target', 'timer', 'bogus', ''])}`;
    case 2: return `a\0b${'\0'.repeat(int(10))}.service`;
    case 3: return '💥'.repeat(int(300));
    case 4: return 'x'.repeat(65_536 + int(10_000));
    case 5: return pick(['*', '[', '\\', '../../etc/passwd', '%', '%n', '@.service', '-.slice', 'fuzz@.service']);
    case 6: return String.fromCharCode(...Array.from({ length: int(64) }, () => int(0xd7ff)));
    default: return `fuzz${int(100)}@${'y'.repeat(int(300))}.service`;
  }
}

function randomScalar(field) {
  switch (field.type) {
    case 'TYPE_STRING': return randomString();
    case 'TYPE_BYTES': return Buffer.from(randomString());
    case 'TYPE_BOOL': return random() < 0.5;
    case 'TYPE_ENUM': return int(40) - 5;
    case 'TYPE_DOUBLE': case 'TYPE_FLOAT': return pick([0, -1, 1e308, Number.NaN, 0.5]);
    default: return pick([0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 53 - 1, int(1000)]);
  }
}

function messageType(name) {
  return definition[`sysmaster.v1.${name}`]?.type ?? null;
}

function randomMessage(type, depth = 0) {
  const out = {};
  for (const field of type.field) {
    if (random() < 0.3) continue;
    const nested = field.type === 'TYPE_MESSAGE' ? messageType(field.typeName) : null;
    if (field.type === 'TYPE_MESSAGE' && (nested === null || depth > 2)) continue;
    const one = () => (nested ? randomMessage(nested, depth + 1) : randomScalar(field));
    if (field.label === 'LABEL_REPEATED') {
      // Past the 10,000-entry bound with short entries: a list of huge strings would only test how
      // long this client takes to encode 700 MB, not the server.
      if (random() < 0.05 && !nested) out[field.name] = Array.from({ length: 10_001 + int(100) }, (_, i) => (field.type === 'TYPE_STRING' ? `f${i}.service` : i));
      else out[field.name] = Array.from({ length: int(4) }, one);
    } else out[field.name] = one();
  }
  return out;
}

const EXCLUDED = {
  Manager: ['PowerOff', 'Reboot', 'Halt', 'Reexecute', 'Isolate', 'Reload'],
  Init: ['Shutdown', 'Reexec'],
  UnitWorker: ['Reexec'],
  WorkerHost: [],
};

function targetsOf(names) {
  const paths = proto.runtimePaths();
  const out = [];
  for (const name of names) {
    if (name === 'private') out.push({ service: 'Manager', socket: paths.privateSocket });
    else if (name === 'public') out.push({ service: 'Manager', socket: paths.readOnlySocket });
    else if (name === 'host') out.push({ service: 'WorkerHost', socket: paths.hostSocket });
    else if (name === 'init') out.push({ service: 'Init', socket: paths.initSocket });
    else if (name === 'workers') {
      for (const f of fs.readdirSync(paths.workersDir)) if (f.endsWith('.sock')) out.push({ service: 'UnitWorker', socket: path.join(paths.workersDir, f) });
    }
  }
  return out;
}

/** One typed random call; resolves to its outcome. */
async function typedCall(client, service, method) {
  const def = definition[`sysmaster.v1.${service}`][method];
  const request = randomMessage(def.requestType.type);
  const begun = Date.now();
  try {
    if (def.responseStream) {
      const stream = client[method](request, { timeoutMs: 1000 });
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => { stream.cancel(); resolve(); }, 300);
        stream.on('data', () => undefined);
        stream.on('end', () => { clearTimeout(timer); resolve(); });
        stream.on('error', (e) => { clearTimeout(timer); if (e.code === 1 || e.code === 4) resolve(); else reject(proto.fromServiceError(e)); });
      });
    } else await client[method](request, { timeoutMs: DEADLINE_MS });
    return { answered: true, internal: null };
  } catch (error) {
    const late = Date.now() - begun >= DEADLINE_MS;
    const code = error?.code;
    if (late && code === 'ERR_TIMEOUT') slow[`${service}.${method}`] = (slow[`${service}.${method}`] ?? 0) + 1;
    return { answered: !(late && code === 'ERR_TIMEOUT'), internal: code === 'ERR_INTERNAL' ? `${service}.${method}: ${String(error.message).slice(0, 160)}` : null };
  }
}

/** Raw traffic: garbage bytes, a preface then garbage, and lying or truncated gRPC frames. */
async function rawTraffic(socket, service) {
  let sent = 0;
  let answered = 0;
  for (let i = 0; i < 3; i++) {
    sent++;
    await new Promise((resolve) => {
      const s = net.connect(socket);
      s.on('error', () => resolve());
      s.on('connect', () => {
        const garbage = Buffer.from(Array.from({ length: 1 + int(4096) }, () => int(256)));
        s.write(i === 0 ? garbage : Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), garbage]));
        setTimeout(() => { s.destroy(); resolve(); }, 50);
      });
    });
    answered++;
  }
  const method = Object.keys(definition[`sysmaster.v1.${service}`])[int(3)];
  for (const shape of ['lying-length', 'truncated-body', 'compressed-flag']) {
    sent++;
    const ok = await new Promise((resolve) => {
      const session = http2.connect('http://localhost', { createConnection: () => net.connect(socket) });
      session.on('error', () => resolve(false));
      const timer = setTimeout(() => { session.destroy(); resolve(false); }, DEADLINE_MS);
      const req = session.request({ ':method': 'POST', ':path': `/sysmaster.v1.${service}/${method}`, 'content-type': 'application/grpc', te: 'trailers' });
      req.on('error', () => undefined);
      let status = null;
      req.on('response', (headers) => { if (headers['grpc-status'] !== undefined) status = headers['grpc-status']; });
      req.on('trailers', (trailers) => { status = trailers['grpc-status']; });
      req.on('data', () => undefined);
      req.on('close', () => { clearTimeout(timer); session.close(); resolve(status !== null); });
      const body = Buffer.from([0x0a, 0x05, 0x61]); // field 1, length 5, one byte of five
      const header = Buffer.alloc(5);
      header[0] = shape === 'compressed-flag' ? 1 : 0;
      header.writeUInt32BE(shape === 'lying-length' ? 1000 : body.length, 1);
      req.end(Buffer.concat([header, body]));
    });
    if (ok) answered++;
  }
  return { sent, answered };
}

/** The methods of the calls that got no answer in time, with how many. */
const slow = {};
const targets = targetsOf(process.argv.slice(2));
const totals = { calls: 0, answered: 0, unanswered: 0, internal: [], raw: { sent: 0, answered: 0 } };
for (const { service, socket } of targets) {
  const client = proto.connect(service, socket);
  const methods = Object.keys(definition[`sysmaster.v1.${service}`]).filter((m) => !EXCLUDED[service].includes(m));
  const batch = [];
  for (let i = 0; i < ROUNDS; i++) batch.push(typedCall(client, service, pick(methods)));
  for (const r of await Promise.all(batch)) {
    totals.calls++;
    if (r.answered) totals.answered++; else totals.unanswered++;
    if (r.internal) totals.internal.push(r.internal);
  }
  client.close();
  const raw = await rawTraffic(socket, service);
  totals.raw.sent += raw.sent;
  totals.raw.answered += raw.answered;
}
process.stdout.write(`${JSON.stringify({ ...totals, slow })}\n`);
process.exit(0);
