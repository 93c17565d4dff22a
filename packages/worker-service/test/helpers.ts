// Shared builders for the service worker tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client, LoadRequest__Output, UnitStatus, UnitStatus__Output } from '@sysmaster/proto';
import { createLogger } from '@sysmaster/worker-kit';
import { ServiceUnits } from '../src/service-units';
import { FakeOs } from './fake-os';

const quiet = createLogger('test', { silent: true });

const tempDirs: string[] = [];
process.on('exit', () => { for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true }); });

/** A LoadRequest for `name` whose [Service] section holds `lines` ("Key=Value"), line numbers from 2. */
export function loadRequest(name: string, lines: string[], file = `/etc/sysmaster/system/${name}`): LoadRequest__Output {
  return {
    name, fragment_path: file, dropin_paths: [], unit_settings: {},
    specifiers: { n: name, N: name.replace(/\.service$/, ''), p: name.replace(/\.service$/, ''), i: '' },
    sections: [{
      name: 'Service', file, line: 1,
      entries: lines.map((line, index) => {
        const eq = line.indexOf('=');
        return { key: line.slice(0, eq), value: line.slice(eq + 1), file, line: index + 2 };
      }),
    }],
  };
}

export interface Harness { os: FakeOs; units: ServiceUnits; events: UnitStatus[]; stateDir: string; last(): UnitStatus }

export function harness(fake = new FakeOs(), stateDir?: string): Harness {
  let dir = stateDir;
  if (!dir) {
    const top = fs.mkdtempSync(path.join(os.tmpdir(), 'svc-'));
    tempDirs.push(top);
    dir = path.join(top, 'worker-service');
  }
  const events: UnitStatus[] = [];
  const units = new ServiceUnits({ host: { log: quiet, emit: (s) => events.push(s) }, os: fake, stateDir: dir });
  return { os: fake, units, events, stateDir: dir, last: () => { const e = events.at(-1); if (!e) throw new Error('no event'); return e; } };
}

/** The sub-states the events went through, without repeats. */
export function subStatePath(events: UnitStatus[]): string[] {
  const out: string[] = [];
  for (const e of events) if (e.sub_state !== undefined && out.at(-1) !== e.sub_state) out.push(e.sub_state);
  return out;
}

/**
 * Polls a real worker's Status of `name` until `ok` holds; on timeout throws with the last status
 * and the tail of the worker's log (`logFile`).
 */
export async function waitForStatus(client: Client<'UnitWorker'>, name: string, ok: (s: UnitStatus__Output) => boolean,
  what: string, logFile: string, ms = 5000): Promise<UnitStatus__Output> {
  const end = Date.now() + ms;
  let last: UnitStatus__Output | undefined;
  while (Date.now() < end) {
    last = await client.Status({ name });
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-3000) : '';
  throw new Error(`${name}: timed out waiting for ${what}; last status ${JSON.stringify(last)}\n${log}`);
}
