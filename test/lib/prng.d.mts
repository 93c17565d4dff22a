/** A generator of floats in [0, 1) from `seed`; the same seed gives the same sequence (mulberry32). */
export function mulberry32(seed: number): () => number;
