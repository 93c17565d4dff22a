// The service benchmark's services, for each manager. Two services:
//   bench-0      started at boot, `sleep infinity`, restarted at once whenever it dies
//                (Restart=always, RestartSec=0, no start limit; s6 and runit always restart);
//   bench-cycle  not started at boot, `sleep infinity`, started and stopped by the benchmark.
// Ours and systemd get the same unit files (bench.target wants bench-0, linked from
// multi-user.target.wants/ for ours; systemd boots --unit=bench.target). s6 and runit get a
// scan directory where bench-cycle has a `down` file (not started when the supervisor starts).
// s6's bench-0 signals readiness (notification-fd): s6-supervise otherwise waits a second before
// relaunching a service that lived less than a second (docs/field-notes.md), which is a policy, not
// a cost.
import fs from 'node:fs';
import path from 'node:path';

/** Writes the unit files into `dir` (created); returns `dir`. `n` is ignored (always these two). */
function writeServiceUnits(dir) {
  fs.mkdirSync(path.join(dir, 'multi-user.target.wants'), { recursive: true });
  const unit = (description, service) => ['[Unit]', `Description=${description}`, 'DefaultDependencies=no',
    'StartLimitIntervalSec=0', '', '[Service]', ...service, ''].join('\n');
  fs.writeFileSync(path.join(dir, 'bench-0.service'), unit('service benchmark: restarted after every kill',
    ['ExecStart=/bin/sleep infinity', 'Restart=always', 'RestartSec=0']));
  fs.writeFileSync(path.join(dir, 'bench-cycle.service'), unit('service benchmark: started and stopped',
    ['ExecStart=/bin/sleep infinity']));
  fs.writeFileSync(path.join(dir, 'bench.target'), ['[Unit]', 'Description=service benchmark',
    'DefaultDependencies=no', 'Wants=bench-0.service', ''].join('\n'));
  fs.symlinkSync('../bench.target', path.join(dir, 'multi-user.target.wants', 'bench.target'));
  return dir;
}

/** Writes the s6/runit scan directory into `dir` (created); returns `dir`. */
function writeServiceScanDir(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const service = (name, run, extra = {}) => {
    const d = path.join(dir, name);
    fs.mkdirSync(d);
    fs.writeFileSync(path.join(d, 'run'), run, { mode: 0o755 });
    for (const [file, text] of Object.entries(extra)) fs.writeFileSync(path.join(d, file), text);
  };
  // fd 3 is s6's notification fd; runit ignores the file and the write goes nowhere harmful
  // (runsv does not open fd 3, so the `echo` fails silently and the service runs).
  service('bench-0', '#!/bin/sh\n{ echo >&3; } 2>/dev/null\nexec sleep infinity 3>&-\n', { 'notification-fd': '3\n' });
  service('bench-cycle', '#!/bin/sh\nexec sleep infinity\n', { down: '' });
  const past = new Date(Date.now() - 10_000);
  fs.utimesSync(dir, past, past);
  return dir;
}

export const SERVICE_WRITERS = { unitTree: writeServiceUnits, scanDir: writeServiceScanDir };
