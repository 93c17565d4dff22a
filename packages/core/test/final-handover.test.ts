import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHandover, type HandoverDeps } from '../src/final-handover';

/** A handover whose Init.Shutdown answers only when the test says so; records what happens. */
function world(underInit = true) {
  const calls: string[] = [];
  let answer: (() => void) | undefined;
  let fail: ((error: Error) => void) | undefined;
  const deps: HandoverDeps = {
    underInit,
    askInit: (kind) => {
      calls.push(`ask ${kind}`);
      return new Promise<void>((resolve, reject) => { answer = resolve; fail = reject; });
    },
    closeRuntime: () => { calls.push('close runtime'); },
    closeApi: async () => { calls.push('close api'); },
    powerOff: () => { calls.push('poweroff'); },
    exit: (code) => { calls.push(`exit ${code}`); },
    log: { info: () => undefined },
  };
  return { calls, handover: createHandover(deps), answer: () => answer?.(), fail: (e: Error) => fail?.(e) };
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('under init, SIGTERM before the core asked for the final step is ignored', () => {
  const w = world();
  w.handover.onTerm('SIGTERM');
  assert.deepEqual(w.calls, []);
});

test("init's sweep SIGTERM that arrives before Init.Shutdown's answer ends the core at once", async () => {
  const w = world();
  const done = w.handover.finalStep('poweroff');
  w.handover.onTerm('SIGTERM'); // the answer is still on its way
  assert.deepEqual(w.calls, ['ask poweroff', 'close runtime', 'exit 0']);
  w.answer();
  await done;
  assert.deepEqual(w.calls.filter((c) => c === 'close runtime'), ['close runtime'], 'the runtime is closed once');
});

test("Init.Shutdown's answer ends the core without waiting for init's SIGTERM", async () => {
  const w = world();
  const done = w.handover.finalStep('reboot');
  w.answer();
  await done;
  assert.deepEqual(w.calls, ['ask reboot', 'close runtime', 'exit 0']);
});

test('when init does not answer the core closes everything and exits by itself', async () => {
  const w = world();
  const done = w.handover.finalStep('halt');
  await turn();
  w.fail(new Error('DEADLINE_EXCEEDED'));
  await done;
  assert.deepEqual(w.calls, ['ask halt', 'close runtime', 'close api', 'exit 0']);
});

test('without init, SIGTERM starts an orderly poweroff', () => {
  const w = world(false);
  w.handover.onTerm('SIGINT');
  assert.deepEqual(w.calls, ['poweroff']);
});
