import type { ApiSpan, ApiSpanEvent } from '../api/contract/trace';
import type { DetailsFrame } from '../api/contract/trace-stream';
import type { TagValue } from '../model/types';
import { rfc3339Formatter } from '../time/range';
import { apiEvents } from './api-shape';
import type { TraceView } from './trace-model';

/**
 * What the waterfall's columns leave out (span-columns.ts): each span's tags and events, by
 * row, in the order of the columns. The trace stream sends them in slices after the columns
 * (docs/architecture.md, "Data flow of the trace page"), so every span is sent once and no
 * slice is a long task to build or to read.
 */
export const DETAILS_SLICE = 2_000;

export function encodeSpanDetails(view: TraceView, from: number, to: number): DetailsFrame {
  const rfc3339 = rfc3339Formatter();
  const end = Math.min(to, view.spans.length);
  const tags: Record<string, TagValue>[] = [];
  const events: (ApiSpanEvent[] | null)[] = [];
  for (let i = from; i < end; i++) {
    const node = view.spans[i];
    tags.push(node.span.tags);
    events.push(apiEvents(node, rfc3339));
  }
  return { frame: 'details', from, tags, events };
}

/**
 * A details slice onto spans decoded from the columns (decodeSpanColumns). The spans are
 * changed in place: the waterfall's index holds these objects, and rebuilding it for 50,000
 * spans would be the long task this split avoids. Rows outside the trace are ignored.
 */
export function applySpanDetails(spans: ApiSpan[], d: DetailsFrame): void {
  const n = Math.min(d.tags.length, spans.length - d.from);
  for (let k = 0; k < n; k++) {
    const span = spans[d.from + k];
    span.tags = d.tags[k];
    const ev = d.events[k];
    if (ev) span.events = ev;
  }
}
