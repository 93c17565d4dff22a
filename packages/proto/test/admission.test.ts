import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Admission, callerOf, labelSocket, SysmasterError } from '../src/index';

/** A call from a labelled connection of `uid`. */
function callFrom(uid: number | null, connection?: { remoteAddress?: string }): { getPeer: () => string; cancelled: boolean } {
  const socket = connection ?? {};
  if (connection === undefined) labelSocket(socket, uid);
  return { getPeer: () => socket.remoteAddress ?? 'unknown', cancelled: false };
}

/** An Admission whose turns of the event loop are run by hand. */
function manual(limits = {}): { admission: Admission; turn: () => number; order: string[] } {
  const turns: Array<() => void> = [];
  const admission = new Admission(limits, (task) => { turns.push(task); });
  const order: string[] = [];
  return {
    admission,
    order,
    /** Runs the pending turns; returns how many there were. */
    turn: () => { const now = turns.splice(0); for (const t of now) t(); return now.length; },
  };
}

const ok = (order: string[], name: string) => async (): Promise<void> => { order.push(name); };
const neverRefused = (error: SysmasterError): void => { assert.fail(`refused: ${error.message}`); };

test('a labelled socket tells its caller, an unlabelled one is connection 0 with no uid', () => {
  const socket: { remoteAddress?: string } = {};
  const caller = labelSocket(socket, 1000);
  assert.deepEqual(callerOf({ getPeer: () => socket.remoteAddress! }), caller);
  assert.deepEqual(callerOf({ getPeer: () => 'unknown' }), { uid: null, connection: 0 });
  const anonymous: { remoteAddress?: string } = {};
  assert.equal(callerOf({ getPeer: () => anonymous.remoteAddress ?? '' }).uid, null);
  assert.equal(labelSocket(anonymous, null).uid, null);
});

test('one request starts per turn of the event loop, so I/O is polled between two handlers', () => {
  const { admission, turn, order } = manual();
  const user = callFrom(1000);
  for (let i = 0; i < 3; i++) admission.enqueue(user, ok(order, `u${i}`), neverRefused);
  assert.equal(admission.waiting, 3);
  assert.equal(turn(), 1);
  assert.deepEqual(order, ['u0']);
  turn();
  turn();
  assert.deepEqual(order, ['u0', 'u1', 'u2']);
  assert.equal(turn(), 0, 'nothing is scheduled once the queue is empty');
});

test('root is served ahead of a user\'s flood, and users share round robin', () => {
  const { admission, turn, order } = manual();
  const [alice, bob, root] = [callFrom(1000), callFrom(1001), callFrom(0)];
  for (let i = 0; i < 3; i++) admission.enqueue(alice, ok(order, `alice${i}`), neverRefused);
  for (let i = 0; i < 2; i++) admission.enqueue(bob, ok(order, `bob${i}`), neverRefused);
  turn();
  admission.enqueue(root, ok(order, 'root'), neverRefused);
  while (turn() > 0) { /* drain */ }
  assert.deepEqual(order, ['alice0', 'root', 'bob0', 'alice1', 'bob1', 'alice2']);
});

test('past a caller\'s bound a request is refused at once with ERR_BUSY, and other callers are not', () => {
  const { admission, turn, order } = manual({ queuedPerCaller: 2, queuedPerConnection: 10 });
  const flood = callFrom(1000);
  const refused: SysmasterError[] = [];
  for (let i = 0; i < 4; i++) admission.enqueue(flood, ok(order, `f${i}`), (e) => refused.push(e));
  assert.equal(refused.length, 2);
  assert.equal(refused[0]!.code, 'ERR_BUSY');
  assert.match(refused[0]!.message, /uid 1000 has 2 requests waiting/);
  admission.enqueue(callFrom(0), ok(order, 'root'), neverRefused);
  while (turn() > 0) { /* drain */ }
  assert.deepEqual(order, ['root', 'f0', 'f1']);
});

test('one connection\'s bound holds even when its uid has room', () => {
  const { admission } = manual({ queuedPerCaller: 100, queuedPerConnection: 1 });
  const socket = {};
  labelSocket(socket, 1000);
  const refused: string[] = [];
  admission.enqueue(callFrom(1000, socket), async () => undefined, (e) => refused.push(e.message));
  admission.enqueue(callFrom(1000, socket), async () => undefined, (e) => refused.push(e.message));
  admission.enqueue(callFrom(1000), async () => undefined, (e) => refused.push(e.message));
  assert.deepEqual(refused, ['Too many requests: this connection has 1 requests waiting.']);
});

test('a request whose caller gave up while it waited does not run', () => {
  const { admission, turn, order } = manual();
  const gone = callFrom(1000);
  admission.enqueue(gone, ok(order, 'gone'), neverRefused);
  gone.cancelled = true;
  admission.enqueue(callFrom(1000), ok(order, 'kept'), neverRefused);
  while (turn() > 0) { /* drain */ }
  assert.deepEqual(order, ['kept']);
});

test('a caller may hold streamsPerCaller streams; a released one makes room', () => {
  const { admission } = manual({ streamsPerCaller: 2 });
  const user = callFrom(1000);
  const first = admission.openStream(user);
  const second = admission.openStream(user);
  const third = admission.openStream(user);
  assert.ok(first.admitted && second.admitted);
  assert.ok(!third.admitted);
  assert.equal(third.error.code, 'ERR_BUSY');
  assert.ok(admission.openStream(callFrom(1001)).admitted, 'another user is not affected');
  first.release();
  first.release();
  assert.ok(admission.openStream(user).admitted);
  assert.ok(!admission.openStream(user).admitted, 'a second release of one stream freed nothing more');
});
