// Reading a unit's log file from its end, and following it as it grows.
//
// Tail: a log may be large, so the file is read backwards in fixed-size blocks until enough
// newlines have been seen (or the start of the file is reached); only those blocks are decoded.
// A last line without its newline (a line being written) counts as a line.
//
// Follow: the log's directory is watched with fs.watch (inotify), which reports appends to the
// file, its creation and its replacement by name. On each report the file is read from the last
// offset to its current end; complete lines are delivered and a trailing partial line waits for
// its newline. A file that shrank below the offset was truncated (or replaced): reading restarts
// at 0. Reads are serialized so that lines arrive in order and exactly once.
import fs from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

const BLOCK = 64 * 1024;

/** The end of the file and its last `count` lines (oldest first); [] for a missing file. */
export async function tailLines(file: string, count: number): Promise<{ lines: string[]; size: number }> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], size: 0 };
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (count <= 0 || size === 0) return { lines: [], size };
    const blocks: Buffer[] = [];
    let position = size;
    let newlines = 0;
    // One newline more than lines wanted marks the start of the first wanted line; a final
    // newline at the very end of the file terminates the last line and is not counted.
    while (position > 0 && newlines <= count) {
      const length = Math.min(BLOCK, position);
      position -= length;
      const block = Buffer.alloc(length);
      await handle.read(block, 0, length, position);
      blocks.unshift(block);
      for (let i = 0; i < length; i++) if (block[i] === 0x0a) newlines++;
      if (position + length === size && block[length - 1] === 0x0a) newlines--;
    }
    let text = Buffer.concat(blocks).toString('utf8');
    if (text.endsWith('\n')) text = text.slice(0, -1);
    const lines = text.split('\n');
    return { lines: lines.slice(Math.max(0, lines.length - count)), size };
  } finally {
    await handle.close();
  }
}

/** Follows `file` from byte `offset`, calling onLines with each batch of new complete lines. */
export function followFile(file: string, offset: number, onLines: (lines: string[]) => void, onError: (error: unknown) => void): () => void {
  let position = offset;
  let partial = '';
  // A multi-byte character may straddle two reads; the decoder keeps its first bytes.
  let decoder = new StringDecoder('utf8');
  let reading = false;
  let again = false;
  let stopped = false;

  const readNew = async (): Promise<void> => {
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size < position) {
        position = 0;
        partial = '';
        decoder = new StringDecoder('utf8');
      }
      while (position < size && !stopped) {
        const length = Math.min(BLOCK, size - position);
        const block = Buffer.alloc(length);
        const { bytesRead } = await handle.read(block, 0, length, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        const text = partial + decoder.write(block.subarray(0, bytesRead));
        const parts = text.split('\n');
        partial = parts.pop() ?? '';
        if (parts.length > 0) onLines(parts);
      }
    } finally {
      await handle.close();
    }
  };

  const pump = (): void => {
    if (stopped) return;
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    readNew().catch(onError).finally(() => {
      reading = false;
      if (again) {
        again = false;
        pump();
      }
    });
  };

  const base = path.basename(file);
  const watcher = fs.watch(path.dirname(file), (_event, name) => {
    if (name === null || name === base) pump();
  });
  watcher.on('error', (error) => onError(error));
  // Catch what was appended between the tail and the watch.
  pump();
  return () => {
    stopped = true;
    watcher.close();
  };
}
