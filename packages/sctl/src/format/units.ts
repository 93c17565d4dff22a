// Quantities the way systemctl prints them: format_bytes() ("1.2M") and format_timespan() with a
// given accuracy ("35ms", "1.234s", "1min 2.500s"). Pure functions.

/** Bytes in powers of 1024 with one decimal, as systemd's format_bytes(): "512B", "1.2M". */
export function formatBytes(bytes: number): string {
  const suffixes = ['E', 'P', 'T', 'G', 'M', 'K'];
  for (let i = 0; i < suffixes.length; i++) {
    const factor = 1024 ** (suffixes.length - i);
    if (bytes >= factor) {
      const whole = Math.floor(bytes / factor);
      const tenth = Math.floor((bytes * 10) / factor) % 10;
      return `${whole}.${tenth}${suffixes[i]}`;
    }
  }
  return `${bytes}B`;
}

const UNITS: ReadonlyArray<[string, number]> = [
  ['y', 31_557_600_000_000], ['month', 2_629_800_000_000], ['w', 604_800_000_000], ['d', 86_400_000_000],
  ['h', 3_600_000_000], ['min', 60_000_000], ['s', 1_000_000], ['ms', 1000], ['us', 1],
];

/** A span of microseconds as systemd's format_timespan(usec, accuracy): "35ms", "1.234s". */
export function formatSpan(usec: number, accuracyUsec = 1): string {
  let t = Math.floor(usec);
  if (t <= 0) return '0';
  const parts: string[] = [];
  for (const [suffix, size] of UNITS) {
    if (t <= 0) break;
    if (t < accuracyUsec && parts.length > 0) break;
    if (t < size) continue;
    const whole = Math.floor(t / size);
    let rest = t % size;
    if (t < 60_000_000 && rest > 0) {
      let digits = Math.round(Math.log10(size));
      for (let a = accuracyUsec; a > 1; a /= 10) {
        rest = Math.floor(rest / 10);
        digits--;
      }
      if (digits > 0) {
        parts.push(`${whole}.${String(rest).padStart(digits, '0')}${suffix}`);
        t = 0;
        break;
      }
    }
    parts.push(`${whole}${suffix}`);
    t = rest;
  }
  return parts.length > 0 ? parts.join(' ') : '0';
}
