// mulberry32: a small seeded PRNG for the test and benchmark scripts, so that every random run
// (the fault suite, the gRPC fuzzer, the transaction benchmark) names a seed that replays it.

/** A generator of floats in [0, 1) from `seed`; the same seed gives the same sequence. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
