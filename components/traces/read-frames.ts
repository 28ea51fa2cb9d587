import { FRAME_SCHEMAS, type StreamFrame } from '@/lib/api/contract/trace-stream';
import { ApiFetchError } from '@/components/ui/use-api';

/**
 * Reads the trace stream (`GET /api/v1/traces/{id}/stream`, NDJSON) frame by frame: each
 * line is parsed and checked against its frame's schema on its own (lib/api/contract/
 * trace-stream.ts), and the reader gives the event loop back between frames, so the frames
 * after the waterfall never add up to a long task while the user scrolls. A body that is
 * not the contract's is an ApiFetchError, as for every other answer.
 */

/**
 * Back to the event loop as an ordinary task, behind React's render and input (not
 * scheduler.yield, whose continuation would run ahead of them).
 */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
/** After the next paint (an animation frame, then a task); a hidden tab paints nothing, so not longer than 300 ms. */
const afterPaint = (): Promise<void> =>
  typeof requestAnimationFrame === 'function'
    ? new Promise((resolve) => {
        const fallback = setTimeout(resolve, 300);
        requestAnimationFrame(() => setTimeout(() => (clearTimeout(fallback), resolve()), 0));
      })
    : nextTask();

export function parseFrame(line: string): StreamFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new ApiFetchError(200, 'bad_response', 'The server sent a frame that is not JSON.');
  }
  const name = (raw as { frame?: unknown } | null)?.frame;
  const schema = typeof name === 'string' && Object.hasOwn(FRAME_SCHEMAS, name) ? FRAME_SCHEMAS[name as keyof typeof FRAME_SCHEMAS] : null;
  if (!schema) throw new ApiFetchError(200, 'bad_response', `The server sent an unknown frame (${String(name).slice(0, 40)}).`);
  const checked = schema.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new ApiFetchError(200, 'bad_response', `The server sent a ${name} frame in an unexpected shape (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}).`);
  }
  return checked.data as StreamFrame;
}

/** Calls `onFrame` for every frame of `res` in order; resolves at the end of the stream. */
export async function readFrames(res: Response, onFrame: (frame: StreamFrame) => void): Promise<void> {
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiFetchError(res.status, body?.error?.code ?? 'http', body?.error?.message ?? `request failed (${res.status})`);
  }
  if (!res.body) throw new ApiFetchError(res.status, 'bad_response', 'The server sent no body.');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  // Pieces of the line being received: a 50,000-span first frame arrives in many chunks.
  let pieces: string[] = [];
  let count = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    let start = 0;
    for (let nl = value.indexOf('\n'); nl !== -1; nl = value.indexOf('\n', start)) {
      pieces.push(value.slice(start, nl));
      start = nl + 1;
      const line = pieces.join('');
      pieces = [];
      if (line === '') continue;
      // The first frame (the waterfall) is handled at once; the next waits until it is painted,
      // and each later one gets a task of its own.
      if (count === 1) await afterPaint();
      else if (count > 1) await nextTask();
      count++;
      onFrame(parseFrame(line));
    }
    if (start < value.length) pieces.push(value.slice(start));
  }
  const rest = pieces.join('');
  if (rest.trim() !== '') onFrame(parseFrame(rest));
}
