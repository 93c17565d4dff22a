// The socket benchmark's client: connections to the activated daemon, each one line out
// ("ping-<i>") and one line back ("<fd name> <pid> ping-<i>", test/e2e/socket-units/fixtures/
// activated.py), timed with performance.now() from just before connect(2) is asked for.
//
// Every connection ends as exactly one of
//   served   the reply came and names this connection's line;
//   refused  the connect itself was turned away: ECONNREFUSED (nobody listens), ENOENT (the unix
//            socket's file is gone), EAGAIN (a unix socket's backlog is full), which is what a
//            client sees when the socket is closed or re-made during a restart;
//   failed   anything else: a reset or an end before the reply, a wrong reply, no reply within
//            the timeout.
// Error codes are counted by name so a report can say what happened, not only how often.
import net from 'node:net';
import { performance } from 'node:perf_hooks';

const REFUSED = new Set(['ECONNREFUSED', 'ENOENT', 'EAGAIN']);

/**
 * One connection to `target` ({ path } or { host, port }); never rejects. Resolves with
 * { outcome, code, firstByteMs, ms, pid }: ms until the whole reply, firstByteMs until its first
 * byte (both null unless served), pid the daemon's that answered.
 */
export function connectOnce(target, i, timeoutMs = 30_000) {
  return new Promise((resolve) => {
    const line = `ping-${i}`;
    let reply = '';
    let firstByteMs = null;
    let settled = false;
    const t0 = performance.now();
    const socket = net.connect(target);
    const done = (outcome, code, pid = null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ outcome, code, firstByteMs: outcome === 'served' ? firstByteMs : null, ms: outcome === 'served' ? performance.now() - t0 : null, pid });
    };
    const timer = setTimeout(() => done('failed', 'TIMEOUT'), timeoutMs);
    if (target.port !== undefined) socket.setNoDelay(true);
    socket.setEncoding('utf8');
    socket.write(`${line}\n`);
    socket.on('data', (chunk) => {
      firstByteMs ??= performance.now() - t0;
      reply += chunk;
      const end = reply.indexOf('\n');
      if (end < 0) return;
      const m = /(\d+) (ping-\d+)$/.exec(reply.slice(0, end));
      if (m && m[2] === line) done('served', null, Number(m[1]));
      else done('failed', 'BAD_REPLY');
    });
    socket.on('end', () => done('failed', 'EOF'));
    socket.on('error', (e) => done(REFUSED.has(e.code) ? 'refused' : 'failed', e.code ?? e.message));
  });
}

/** Served/refused/failed counts, error codes by name, the distinct pids that answered. */
export function tally(results) {
  const codes = {};
  const count = { served: 0, refused: 0, failed: 0 };
  const pids = new Set();
  for (const r of results) {
    count[r.outcome]++;
    if (r.code) codes[r.code] = (codes[r.code] ?? 0) + 1;
    if (r.pid !== null) pids.add(r.pid);
  }
  return { ...count, codes, pids: pids.size };
}

/** `count` connections, `parallel` at a time, each one started when one before it ended. */
export async function closedLoop(target, count, parallel) {
  const results = [];
  let next = 0;
  const lane = async () => {
    while (next < count) results.push(await connectOnce(target, next++));
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, lane));
  return { results, wallMs: performance.now() - t0 };
}

/**
 * `count` connections started at a steady pace over `spreadMs`, whatever became of the ones
 * before (an open loop: a slow restart piles connections up in the backlog, as real clients do).
 * `onAllStarted` is called once the last one has been started, before their answers are awaited.
 */
export async function openLoop(target, count, spreadMs, onAllStarted = () => {}) {
  const t0 = performance.now();
  const pending = [];
  for (let i = 0; i < count; i++) {
    const wait = t0 + (i * spreadMs) / count - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(connectOnce(target, i));
  }
  onAllStarted();
  const results = await Promise.all(pending);
  return { results, wallMs: performance.now() - t0 };
}
