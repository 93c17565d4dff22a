// ANSI colouring, applied only when the output is a terminal (the caller decides).

export type Painter = (text: string, color: 'green' | 'red' | 'white' | 'bold') => string;

const CODES = { green: '\x1b[0;1;32m', red: '\x1b[0;1;31m', white: '\x1b[0;37m', bold: '\x1b[0;1;39m' } as const;

export const ansi: Painter = (text, color) => `${CODES[color]}${text}\x1b[0m`;
export const plain: Painter = (text) => text;

/** The colour systemctl gives a unit's bullet and active state. */
export function stateColor(activeState: string): 'green' | 'red' | 'white' {
  if (activeState === 'failed') return 'red';
  if (activeState === 'active' || activeState === 'reloading' || activeState === 'activating' || activeState === 'deactivating') return 'green';
  return 'white';
}
