import { z } from 'zod';
import { apiSpan, apiTrace, correlatedResponse, type ApiSpan, type CorrelatedResponse } from '@/lib/api/contract/trace';

/**
 * The full investigation checked against the contract without one long task: everything
 * but the spans at once, then the spans in slices with a pause between them, so a
 * 50,000-span answer never blocks scrolling the waterfall (a slice is a few ms).
 */
const SLICE = 2_000;
const shell = correlatedResponse.extend({ trace: apiTrace.extend({ spans: z.array(z.unknown()) }).nullable() });
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function parseCorrelated(body: unknown): Promise<CorrelatedResponse> {
  const head = shell.parse(body);
  if (!head.trace) return { ...head, trace: null };
  const raw = head.trace.spans;
  const spans: ApiSpan[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    if (i > 0 && i % SLICE === 0) await pause();
    spans[i] = apiSpan.parse(raw[i]);
  }
  return { ...head, trace: { ...head.trace, spans } };
}
