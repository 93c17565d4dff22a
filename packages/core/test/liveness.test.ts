import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Liveness } from '../src/workers/liveness';

function clocked(): { now: () => number; advance(ms: number): void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

test('a worker is pinged every interval, and one silent for the hang bound is hung', () => {
  const c = clocked();
  const l = new Liveness(1_000, 3_000, c.now);
  c.advance(1_000);
  assert.equal(l.tick(), 'ping');
  c.advance(1_000);
  assert.equal(l.tick(), 'ping');
  c.advance(1_000);
  assert.equal(l.tick(), 'hung');
});

test('any sign of life resets the silence', () => {
  const c = clocked();
  const l = new Liveness(1_000, 3_000, c.now);
  for (let i = 0; i < 10; i++) { // ten seconds, never silent for more than 0.1 s
    c.advance(900);
    l.heard();
    c.advance(100);
    assert.equal(l.tick(), 'ping');
  }
});

test('time the core itself was stalled is not counted as the worker\'s silence', () => {
  const c = clocked();
  const l = new Liveness(1_000, 3_000, c.now);
  c.advance(1_000);
  assert.equal(l.tick(), 'ping');
  c.advance(5_000); // the core's event loop was blocked: the tick fires 4 s late
  assert.equal(l.tick(), 'ping', 'a stall of the core is no verdict on the worker');
  c.advance(1_000);
  assert.equal(l.tick(), 'hung', 'silence the core saw on time still counts');
});
