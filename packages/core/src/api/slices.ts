// Long request work in slices: a handler that maps over many items (GetUnitFileState with 10,000
// names reads unit files for each) gives the event loop back every SLICE_MS, so init's keepalive
// and other callers are answered between two slices instead of after the whole request.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** The longest stretch of one request's work between two turns of the event loop. */
const SLICE_MS = 10;

/** `items.map(fn)`, yielding to the event loop whenever SLICE_MS of work has run. */
export async function mapInSlices<T, R>(items: readonly T[], fn: (item: T) => R, sliceMs = SLICE_MS): Promise<R[]> {
  const out: R[] = [];
  let sliceStart = performance.now();
  for (const item of items) {
    out.push(fn(item));
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return out;
}
