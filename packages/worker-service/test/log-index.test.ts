import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogIndex, type LogIndexOs } from '../src/log-index';

function fakeOs(): LogIndexOs & { size: number | null; index: string; t: number; fire(): void; runTimers(): void; watching: boolean } {
  let onChange: (() => void) | null = null;
  let pending: (() => void) | null = null;
  const os = {
    size: 0 as number | null, index: '', t: 1_000, watching: false,
    fileSize: () => os.size,
    appendFile: (file: string, text: string) => {
      if (file.endsWith('.idx')) os.index += text;
      else if (os.size === null) os.size = 0; // creating the log
    },
    removeFile: () => { os.index = ''; },
    watchFile: (_: string, fn: () => void) => { onChange = fn; os.watching = true; return () => { onChange = null; os.watching = false; }; },
    now: () => os.t,
    after: (_ms: number, fn: () => void) => { pending = fn; return () => { pending = null; }; },
    fire: () => onChange?.(),
    runTimers: () => { const fn = pending; pending = null; fn?.(); },
  };
  return os;
}

test('the index records the size at each start, at most one mark per interval while the log grows, and a last one at stop', () => {
  const os = fakeOs();
  const index = new LogIndex('/var/log/sysmaster/a.service.log', os);
  index.follow();
  assert.equal(os.index, '0 1000\n');
  os.size = 10; os.t = 2_000;
  os.fire(); os.fire(); os.fire();
  os.runTimers();
  assert.equal(os.index, '0 1000\n10 2000\n', 'three changes within one interval make one mark');
  os.t = 3_000;
  os.fire(); os.runTimers();
  assert.equal(os.index, '0 1000\n10 2000\n', 'an unchanged size is not marked again');
  os.size = 25; os.t = 4_000;
  index.stop();
  assert.equal(os.index, '0 1000\n10 2000\n25 4000\n');
  assert.equal(os.watching, false);
});

test('a log that shrank starts a new index, and a missing log marks nothing', () => {
  const os = fakeOs();
  os.size = 100;
  const index = new LogIndex('/l', os);
  index.follow();
  os.size = 5; os.t = 2_000;
  index.mark();
  assert.equal(os.index, '5 2000\n');
  os.size = null;
  index.mark();
  assert.equal(os.index, '5 2000\n');
  index.stop(false);
});

test('following a log that does not exist yet creates it, so the first bytes are indexed too', () => {
  const os = fakeOs();
  os.size = null;
  const index = new LogIndex('/l', os);
  index.follow();
  assert.equal(os.index, '0 1000\n');
  assert.equal(os.watching, true);
  index.stop(false);
});
