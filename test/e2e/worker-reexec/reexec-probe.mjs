#!/usr/bin/env node
// reexec-probe.mjs COMMAND … — runs inside a sandbox and talks to one worker's UnitWorker socket
// directly (not through the core), printing one JSON line:
//   status TYPE UNIT          the worker's UnitWorker.Status of UNIT
//   list TYPE                 the worker's UnitWorker.List
//   reexec TYPE [TOUCH] [CONNECT]
//       calls UnitWorker.Reexec({exec_path: ""}); 200 ms after its answer (the old image gone, the
//       new one not serving yet) creates the file TOUCH
//       (a service waiting on it then sends READY=1 while the worker re-executes) and, with
//       CONNECT, connects to that unix stream socket and sends a line (a connection made during
//       the exec). Then asks Describe on a new connection every 20 ms until the worker answers
//       again, counting the attempts that failed and how; prints
//       { pid, answeredMs, backMs, describePid, failures: [messages], reply }.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { connect, workerSocket } = require(path.join(ROOT, 'packages/proto/dist/index.js'));

const [command, type, ...rest] = process.argv.slice(2);
const socketPath = workerSocket(type);

/** Sends `line` on a new connection to `socketPath` and resolves with the first line back. */
function exchange(file, line) {
  return new Promise((resolve) => {
    const socket = net.connect(file);
    let data = '';
    const done = (value) => { socket.destroy(); resolve(value); };
    socket.setTimeout(20_000, () => done(`timeout after ${JSON.stringify(data)}`));
    socket.on('connect', () => socket.write(`${line}\n`));
    socket.on('data', (chunk) => { data += chunk; if (data.includes('\n')) done(data.trim()); });
    socket.on('error', (error) => done(`error ${error.message}`));
  });
}

async function reexec(touch, connectTo) {
  const client = connect('UnitWorker', socketPath);
  const t0 = performance.now();
  const { pid } = await client.Reexec({ exec_path: '' }, { timeoutMs: 5000 });
  const answeredMs = performance.now() - t0;
  client.close();
  const failures = [];
  let describePid = 0;
  // The answer comes ANSWER_GRACE_MS (100 ms) before the teardown, which takes ~50 ms more: from
  // 200 ms on the old image is gone and the new one (~0.4 s to start) not serving yet.
  await new Promise((r) => setTimeout(r, 200));
  if (touch) fs.writeFileSync(touch, '');
  const reply = connectTo ? exchange(connectTo, 'during-reexec') : Promise.resolve(null);
  const deadline = performance.now() + 20_000;
  while (performance.now() < deadline) {
    const probe = connect('UnitWorker', socketPath);
    try {
      describePid = (await probe.Describe({}, { timeoutMs: 2000 })).pid;
      probe.close();
      // A Describe answered by the old image before it exec'd does not count: the new one says so in its log.
      if (describePid > 0) break;
    } catch (error) {
      failures.push(String(error.message ?? error));
      probe.close();
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const backMs = performance.now() - t0;
  return { pid, answeredMs, backMs, describePid, failures, reply: await reply };
}

async function main() {
  const client = connect('UnitWorker', socketPath);
  try {
    if (command === 'status') return await client.Status({ name: rest[0] }, { timeoutMs: 5000 });
    if (command === 'list') return await client.List({}, { timeoutMs: 5000 });
    if (command === 'reexec') return await reexec(rest[0] || null, rest[1] || null);
    throw new Error(`unknown command ${command}`);
  } finally {
    client.close();
  }
}

main().then((out) => { process.stdout.write(`${JSON.stringify(out)}\n`); process.exit(0); },
  (error) => { process.stderr.write(`${error.stack ?? error}\n`); process.exit(1); });
