// OOMScoreAdjust= without CAP_SYS_RESOURCE: a notice, and (test/e2e) the service still runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oomScoreNotices } from '../src';

function procOs(score: number, capEff: string): { readFile(path: string): string } {
  return {
    readFile(path: string): string {
      if (path === '/proc/self/oom_score_adj') return `${score}\n`;
      if (path === '/proc/self/status') return `Name:\tnode\nCapInh:\t0000000000000000\nCapEff:\t${capEff}\nCapBnd:\t000001ffffffffff\n`;
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    },
  };
}

test('lowering the OOM score without CAP_SYS_RESOURCE is a notice; raising it, or holding the capability, is none', () => {
  const withoutResource = '000001fffeffffff'; // every capability but bit 24
  assert.deepEqual(oomScoreNotices(procOs(0, withoutResource), { oomScoreAdjust: -900 }), [
    'OOMScoreAdjust=-900 is not applied: lowering the OOM score needs CAP_SYS_RESOURCE, which the manager lacks here (systemd ignores it the same way in a container)',
  ]);
  assert.deepEqual(oomScoreNotices(procOs(0, withoutResource), { oomScoreAdjust: 500 }), []);
  assert.deepEqual(oomScoreNotices(procOs(0, '000001ffffffffff'), { oomScoreAdjust: -900 }), []);
  assert.deepEqual(oomScoreNotices(procOs(0, withoutResource), { oomScoreAdjust: null }), []);
});
