// Summaries and the printed tables: medians and percentiles, boot.mjs's summaries per manager
// and N (the memory breakdown by process name, ours/peer ratios), and the plain-text table every
// benchmark prints. Pure functions of the records.

/** The median of a non-empty list of numbers (mean of the middle two for an even count). */
function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The p-th percentile (0..100) of a non-empty list, nearest rank. */
function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** n, p50, p99, mean, max, min and median of a list of times, or null when it is empty. */
export function stats(ms) {
  if (ms.length === 0) return null;
  return {
    n: ms.length, p50: percentile(ms, 50), p99: percentile(ms, 99), mean: ms.reduce((a, b) => a + b, 0) / ms.length,
    max: Math.max(...ms), min: Math.min(...ms), median: median(ms),
  };
}

/** Memory of a set of processes: totals and a breakdown by comm. */
export function summarizeMemory(processes) {
  const byComm = new Map();
  for (const p of processes) {
    const e = byComm.get(p.comm) ?? { comm: p.comm, count: 0, rssKiB: 0, pssKiB: 0 };
    e.count++; e.rssKiB += p.rssKiB; e.pssKiB += p.pssKiB;
    byComm.set(p.comm, e);
  }
  return {
    processCount: processes.length,
    rssKiB: processes.reduce((a, p) => a + p.rssKiB, 0),
    pssKiB: processes.reduce((a, p) => a + p.pssKiB, 0),
    byComm: [...byComm.values()].sort((a, b) => b.pssKiB - a.pssKiB),
  };
}

/** One summary per (manager, N) over its successful runs; failures are listed with their error. */
export function summarize(trials) {
  const keys = [...new Set(trials.map((t) => `${t.manager}\u0000${t.n}`))];
  return keys.map((key) => {
    const [manager, nText] = key.split('\u0000');
    const n = Number(nText);
    const mine = trials.filter((t) => t.manager === manager && t.n === n);
    const ok = mine.filter((t) => t.ok);
    const failures = mine.filter((t) => !t.ok).map((t) => t.error);
    if (ok.length === 0) return { manager, n, runs: 0, failures };
    const stopped = ok.filter((t) => t.stop);
    const spread = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });
    const stop = stopped.length === 0 ? null : {
      runs: stopped.length,
      serviceGoneMs: spread(stopped.map((t) => t.stop.serviceGoneMs)),
      treeGoneMs: spread(stopped.map((t) => t.stop.treeGoneMs)),
    };
    const medianRun = [...ok].sort((a, b) => a.memory.pssKiB - b.memory.pssKiB)[Math.floor((ok.length - 1) / 2)];
    return {
      manager, n, runs: ok.length, failures,
      timeMs: { median: median(ok.map((t) => t.timeMs)), min: Math.min(...ok.map((t) => t.timeMs)), max: Math.max(...ok.map((t) => t.timeMs)) },
      rssKiB: median(ok.map((t) => t.memory.rssKiB)),
      pssKiB: median(ok.map((t) => t.memory.pssKiB)),
      processCount: medianRun.memory.processCount,
      byComm: medianRun.memory.byComm,
      stop,
    };
  });
}

/** ours/peer ratios of time, PSS and RSS for every N where both have results. */
export function ratios(summaries) {
  const out = [];
  for (const o of summaries.filter((s) => s.manager === 'ours' && s.runs > 0)) {
    for (const p of summaries.filter((s) => s.manager !== 'ours' && s.n === o.n && s.runs > 0)) {
      out.push({ n: o.n, peer: p.manager, time: o.timeMs.median / p.timeMs.median, pss: o.pssKiB / p.pssKiB, rss: o.rssKiB / p.rssKiB });
    }
  }
  return out;
}

const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;
const kibOrMib = (kib) => (kib >= 10 * 1024 ? mib(kib) : `${Math.round(kib)} KiB`);
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
const range = (r) => `${(r.median / 1000).toFixed(3)} s (${(r.min / 1000).toFixed(3)}–${(r.max / 1000).toFixed(3)})`;

/** A plain-text table: the first column left-aligned, the others right-aligned, a rule under the header. */
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The readable report: per N a table of managers, the per-process breakdown, then the ratios. */
export function render(summaries, ratioRows, notes) {
  const parts = [];
  for (const n of [...new Set(summaries.map((s) => s.n))]) {
    const rows = summaries.filter((s) => s.n === n);
    parts.push(`N = ${n}`);
    parts.push(table(['manager', 'runs', 'time median', 'min', 'max', 'PSS sum', 'RSS sum', 'procs'],
      rows.map((s) => (s.runs === 0
        ? [s.manager, '0', 'failed', '', '', '', '', '']
        : [s.manager, String(s.runs), secs(s.timeMs.median), secs(s.timeMs.min), secs(s.timeMs.max),
          mib(s.pssKiB), mib(s.rssKiB), String(s.processCount)]))));
    parts.push('  per process (median run by PSS; each = mean over processes of that name):');
    for (const s of rows.filter((r) => r.runs > 0)) {
      for (const c of s.byComm) {
        parts.push(`    ${s.manager.padEnd(8)} ${c.comm.padEnd(16)} x${String(c.count).padEnd(5)} PSS ${kibOrMib(c.pssKiB / c.count).padStart(9)} each, ${mib(c.pssKiB).padStart(10)} in all;  RSS ${kibOrMib(c.rssKiB / c.count).padStart(9)} each`);
      }
    }
    const stopped = rows.filter((r) => r.runs > 0 && r.stop);
    if (stopped.length > 0) {
      parts.push('  stop all, from the shutdown signal: median (min–max)');
      parts.push(table(['  manager', 'last service gone', 'manager tree gone', 'tree after last service'],
        stopped.map((s) => [`  ${s.manager}`, range(s.stop.serviceGoneMs), range(s.stop.treeGoneMs),
          secs(s.stop.treeGoneMs.median - s.stop.serviceGoneMs.median)])));
    }
    for (const s of rows) for (const f of s.failures) parts.push(`  ${s.manager} failed: ${f}`);
    parts.push('');
  }
  if (ratioRows.length > 0) {
    parts.push('Ratios ours/peer (time to all active, PSS sum, RSS sum; < 1 means ours is smaller or faster)');
    parts.push(table(['N', 'peer', 'time', 'PSS', 'RSS'],
      ratioRows.map((r) => [String(r.n), r.peer, r.time.toFixed(2), r.pss.toFixed(2), r.rss.toFixed(2)])));
    parts.push('');
  }
  for (const note of notes) parts.push(`note: ${note}`);
  return parts.join('\n');
}
