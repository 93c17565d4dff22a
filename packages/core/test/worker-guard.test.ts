// The worker lifecycle table and the status guard: the pure halves of the pool's isolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inactiveStatus } from '../src/units/unit-table';
import { FLOOD_EVENTS_PER_SEC, StatusGuard } from '../src/workers/status-guard';
import { LIFECYCLE, backoffMs, transition, type WorkerState } from '../src/workers/worker-lifecycle';

function recorder(): { log: { info(m: string): void; warn(m: string): void }; lines: string[] } {
  const lines: string[] = [];
  return { lines, log: { info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) } };
}

test('transition follows the table, logs FROM -> TO, and refuses a move the table lacks without changing state', () => {
  const { log, lines } = recorder();
  const worker = { state: 'ready' as WorkerState };
  assert.equal(transition(worker, 'timer', 'hung', 'missed 3 keepalives', log), 'lost');
  assert.equal(lines.at(-1), 'info the timer worker: ready -> lost (missed 3 keepalives)');
  assert.equal(transition(worker, 'timer', 'backoff-over', 'a late timer', log), null);
  assert.equal(worker.state, 'lost');
  assert.match(lines.at(-1)!, /^warn the timer worker: backoff-over is not a move from lost; ignored/);
});

test('every state but closed can be closed, closed is final, and only daemon-reload leaves failed', () => {
  for (const [state, moves] of Object.entries(LIFECYCLE)) {
    if (state === 'closed') assert.deepEqual(moves, {});
    else assert.equal(moves.close, 'closed', state);
  }
  assert.deepEqual(Object.keys(LIFECYCLE.failed).sort(), ['close', 'retry', 'unregistered']);
});

test('the restart backoff doubles from 100 ms and stops growing at 5 s', () => {
  assert.deepEqual([0, 1, 2, 5, 6, 20].map(backoffMs), [100, 200, 400, 3200, 5000, 5000]);
});

test('a status for another type, a bad name or an active state outside the enum is garbage, counted and shown', () => {
  const { log, lines } = recorder();
  const guard = new StatusGuard('timer', log);
  const ok = { ...inactiveStatus('a.timer') };
  const verdicts = [
    guard.admit(ok, () => undefined),
    guard.admit({ ...ok, name: 'a.service' }, () => undefined),
    guard.admit({ ...ok, name: 'not a name' }, () => undefined),
    guard.admit({ ...ok, active_state: 17 as never }, () => undefined),
  ];
  assert.deepEqual(verdicts, ['pass', 'garbage', 'garbage', 'garbage']);
  assert.equal(guard.garbage, 3);
  assert.match(lines.join('\n'), /a\.service is not a unit of type timer/);
  assert.match(guard.notices()[0]!, /^the timer worker sent 3 invalid statuses \(the last: a\.timer has an active_state outside the enum \(17\)\)$/);
});

test('more than the flood rate for two seconds in a row drops statuses until a calm second, then asks for a resync', () => {
  const { log } = recorder();
  let now = 10_000;
  const guard = new StatusGuard('timer', log, () => now);
  const changes: boolean[] = [];
  const onChange = (flooding: boolean): void => {
    changes.push(flooding);
  };
  const burst = (count: number): string[] => {
    const verdicts = new Set<string>();
    for (let i = 0; i < count; i++) verdicts.add(guard.admit(inactiveStatus('a.timer'), onChange));
    return [...verdicts];
  };
  assert.deepEqual(burst(FLOOD_EVENTS_PER_SEC + 10), ['pass']);
  now += 1_000;
  assert.deepEqual(burst(FLOOD_EVENTS_PER_SEC + 10), ['pass'], 'one busy second is not a flood');
  now += 1_000;
  assert.deepEqual(burst(FLOOD_EVENTS_PER_SEC + 10), ['flooding'], 'the second busy second was');
  assert.deepEqual(changes, [true]);
  assert.match(guard.notices()[0]!, new RegExp(`is flooding the core with events; ${FLOOD_EVENTS_PER_SEC + 10} were dropped`));
  now += 1_000;
  guard.tick(onChange, true);
  now += 1_000;
  guard.tick(onChange);
  assert.deepEqual(changes, [true], 'a second in which the stream was paused says nothing about the rate');
  now += 1_000;
  guard.tick(onChange);
  assert.deepEqual(changes, [true, false], 'a calm second of reading ends the flood');
  assert.deepEqual(burst(1), ['pass']);
  assert.equal(guard.dropped, FLOOD_EVENTS_PER_SEC + 10);
});
