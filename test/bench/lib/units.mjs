// The benchmark's services, written out for each manager. Ours and systemd get the same unit
// files: bench-<i>.service runs `/bin/sleep infinity` and Wants= its two children in a binary
// tree (bench-<2i+1>, bench-<2i+2>), each child is After= its parent, and bench.target Wants=
// bench-0; ours reaches bench.target from multi-user.target.wants/, systemd starts it with
// --unit=bench.target. DefaultDependencies=no keeps the graph exactly this tree under both (and
// lets systemd run from a unit path holding only these files). s6 and runit get a flat scan
// directory of N services whose `run` execs `sleep infinity`.
import fs from 'node:fs';
import path from 'node:path';

/** Writes the tree of N unit files into `dir` (created); returns `dir`. */
export function writeUnitTree(dir, n) {
  fs.mkdirSync(path.join(dir, 'multi-user.target.wants'), { recursive: true });
  for (let i = 0; i < n; i++) {
    const children = [2 * i + 1, 2 * i + 2].filter((c) => c < n).map((c) => `bench-${c}.service`);
    const lines = ['[Unit]', `Description=benchmark service ${i} of ${n}`, 'DefaultDependencies=no'];
    if (children.length > 0) lines.push(`Wants=${children.join(' ')}`);
    if (i > 0) lines.push(`After=bench-${Math.floor((i - 1) / 2)}.service`);
    lines.push('', '[Service]', 'ExecStart=/bin/sleep infinity', '');
    fs.writeFileSync(path.join(dir, `bench-${i}.service`), lines.join('\n'));
  }
  fs.writeFileSync(path.join(dir, 'bench.target'), [
    '[Unit]', `Description=benchmark: ${n} sleep services`, 'DefaultDependencies=no',
    'Wants=bench-0.service', '',
  ].join('\n'));
  fs.symlinkSync('../bench.target', path.join(dir, 'multi-user.target.wants', 'bench.target'));
  return dir;
}

/** Writes a flat s6/runit scan directory of N services into `dir` (created); returns `dir`. */
export function writeScanDir(dir, n) {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const service = path.join(dir, `bench-${i}`);
    fs.mkdirSync(service);
    fs.writeFileSync(path.join(service, 'run'), '#!/bin/sh\nexec sleep infinity\n', { mode: 0o755 });
  }
  // runsvdir ignores a scan directory modified within the current second (it waits for the
  // writer to finish) and would add ~1 s that a real boot never sees: date it 10 s back.
  const past = new Date(Date.now() - 10_000);
  fs.utimesSync(dir, past, past);
  return dir;
}
