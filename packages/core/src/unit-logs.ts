// A unit's log, read by the worker of its type (worker.proto UnitWorker.Logs): the core holds no
// reader of its own, it forwards `sctl logs` and the log lines of `sctl status` to the worker
// when the type declares has_logs, and refuses with a sentence when it does not. The stream is
// relayed line by line; the caller's cancel cancels the worker's stream.
import { SysmasterError, fromServiceError, type LogsRequest } from '@sysmaster/proto';
import type { LogSink } from './manager-core';

/** The worker side of a Logs call (a grpc ClientReadableStream, or a fake). */
export interface LogStream {
  on(event: 'data', listener: (line: { text: string }) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  cancel(): void;
}

export interface LogPort {
  /** Opens UnitWorker.Logs for `unit` on the worker of its type. */
  logs(unit: string, request: LogsRequest): LogStream;
}

/** A cancelled stream reports CANCELLED (code 1): that is the caller's own doing, not an error. */
const GRPC_CANCELLED = 1;

function asSysmasterError(error: Error, unit: string): SysmasterError {
  if (error instanceof SysmasterError) return error;
  if (typeof (error as { code?: unknown }).code === 'number') return fromServiceError(error);
  return new SysmasterError('ERR_UNAVAILABLE', `Reading the log of ${unit} failed: ${error.message}`, { cause: error });
}

/** Relays the worker's Logs stream of `unit` to `sink`. Returns the function that stops it. */
export function forwardLogs(port: LogPort, unit: string, request: LogsRequest, sink: LogSink): () => void {
  let done = false;
  let stream: LogStream;
  try {
    stream = port.logs(unit, request);
  } catch (error) {
    sink.error(asSysmasterError(error as Error, unit));
    return () => undefined;
  }
  stream.on('data', (line) => {
    if (!done) sink.line(line.text);
  });
  stream.on('end', () => {
    if (done) return;
    done = true;
    sink.end();
  });
  stream.on('error', (error) => {
    if (done) return;
    done = true;
    if ((error as { code?: number }).code === GRPC_CANCELLED) sink.end();
    else sink.error(asSysmasterError(error, unit));
  });
  return () => {
    if (done) return;
    done = true;
    stream.cancel();
  };
}

/** The last `count` lines of the unit's log (no follow), for `sctl status`. */
export function lastLogLines(port: LogPort, unit: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    forwardLogs(port, unit, { name: unit, lines: count, follow: false }, {
      line: (text) => lines.push(text),
      end: () => resolve(lines),
      error: reject,
    });
  });
}
