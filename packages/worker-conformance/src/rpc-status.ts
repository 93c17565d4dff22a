// What a worker answered, as the gRPC status it sent: the kit judges the status code on the wire
// (what any client sees), not the "sm-code" metadata, which a worker in another language may not
// set.
import { ERROR_STATUS, SysmasterError, grpc } from '@sysmaster/proto';

/** The outcome of one call: "OK" or the gRPC status name, with the message. */
export interface Answer {
  status: string;
  message: string;
}

const NAMES = new Map<number, string>(Object.entries(grpc.status).filter(([, v]) => typeof v === 'number').map(([k, v]) => [v as number, k]));

/** The gRPC status name an error carries (its own code, else the code its sm-code maps to). */
function statusName(error: unknown): string {
  const cause = error instanceof SysmasterError ? (error.cause as { code?: unknown } | undefined) : (error as { code?: unknown });
  if (typeof cause?.code === 'number') return NAMES.get(cause.code) ?? String(cause.code);
  if (error instanceof SysmasterError) return NAMES.get(ERROR_STATUS[error.code]) ?? 'UNKNOWN';
  return 'UNKNOWN';
}

/** Runs a call and reports how it was answered; never rejects. */
export async function answer(call: () => Promise<unknown>): Promise<Answer> {
  try {
    await call();
    return { status: 'OK', message: '' };
  } catch (error) {
    return { status: statusName(error), message: error instanceof Error ? error.message : String(error) };
  }
}

/** Reads a server stream to its end (or the first error, or `timeoutMs`) and reports how it was answered. */
export function streamAnswer(stream: grpc.ClientReadableStream<unknown>, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => { stream.cancel(); resolve({ status: 'OK', message: 'still open after the bound' }); }, timeoutMs);
    stream.on('data', () => undefined);
    stream.on('error', (error: Error) => { clearTimeout(timer); resolve({ status: statusName(error), message: (error as grpc.ServiceError).details ?? error.message }); });
    stream.on('end', () => { clearTimeout(timer); resolve({ status: 'OK', message: '' }); });
  });
}

/** "OK" or "NAME: message", for reasons. */
export function describeAnswer(a: Answer): string {
  return a.status === 'OK' ? 'OK' : `${a.status}${a.message ? ` ("${a.message}")` : ''}`;
}
