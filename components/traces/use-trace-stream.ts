'use client';

import { useEffect, useState } from 'react';
import type { CorrelatedResponse } from '@/lib/api/contract/trace';
import type { StreamFrame } from '@/lib/api/contract/trace-stream';
import { decodeSpanColumns } from '@/lib/correlate/span-columns';
import { applySpanDetails } from '@/lib/correlate/span-details';
import { ApiFetchError, fetchApiStream } from '@/components/ui/use-api';
import { readFrames } from './read-frames';
import { takeTraceStream } from './early-stream';

/**
 * The trace page's investigation as its stream's frames land (docs/architecture.md, "Data
 * flow of the trace page"): `data` has the waterfall from the first frame, then logs,
 * exemplars, metrics and findings as each arrives. The spans are decoded once; span details
 * and orphan reasons are written into those span objects (span-details.ts), so the
 * waterfall's index is never rebuilt. `detailsVersion` changes when they have all landed.
 */
export interface TraceStreamState {
  data: CorrelatedResponse | undefined;
  /** Which later parts have landed. */
  has: { details: boolean; logs: boolean; exemplars: boolean; metrics: boolean; findings: boolean };
  detailsVersion: number;
  error: ApiFetchError | null;
}

const NOTHING: TraceStreamState['has'] = { details: false, logs: false, exemplars: false, metrics: false, findings: false };
const INITIAL: TraceStreamState = { data: undefined, has: NOTHING, detailsVersion: 0, error: null };

/** The state after one frame (the state's spans are changed in place by details and findings). */
export function applyFrame(s: TraceStreamState, f: StreamFrame): TraceStreamState {
  if (f.frame === 'trace') {
    let trace: CorrelatedResponse['trace'] = null;
    if (f.trace) {
      const { columns, ...rest } = f.trace;
      trace = { ...rest, spans: decodeSpanColumns(columns) };
    }
    const data: CorrelatedResponse = { traceId: f.traceId, trace, logs: [], metrics: [], exemplars: [], anomalies: [], sources: f.sources as CorrelatedResponse['sources'], range: f.range };
    return { ...s, data, has: { ...NOTHING, details: trace === null || trace.spans.length === 0 } };
  }
  const data = s.data;
  if (!data) throw new ApiFetchError(200, 'bad_response', `The server sent a ${f.frame} frame before the trace.`);
  switch (f.frame) {
    case 'details': {
      const spans = data.trace?.spans ?? [];
      applySpanDetails(spans, f);
      if (f.from + f.tags.length < spans.length) return s;
      return { ...s, has: { ...s.has, details: true }, detailsVersion: s.detailsVersion + 1 };
    }
    case 'logs':
      return { ...s, data: { ...data, logs: f.logs, sources: { ...data.sources, loki: f.sources.loki } }, has: { ...s.has, logs: true } };
    case 'exemplars':
      return { ...s, data: { ...data, exemplars: f.exemplars }, has: { ...s.has, exemplars: true } };
    case 'metrics':
      return { ...s, data: { ...data, metrics: f.metrics }, has: { ...s.has, metrics: true } };
    case 'findings': {
      const spans = data.trace?.spans ?? [];
      for (const [row, reason] of Object.entries(f.orphanReasons)) if (spans[Number(row)]) spans[Number(row)].orphanReason = reason;
      return { ...s, data: { ...data, anomalies: f.anomalies, sources: f.sources }, has: { ...s.has, findings: true }, detailsVersion: s.detailsVersion + 1 };
    }
    case 'error':
      return { ...s, error: new ApiFetchError(200, f.error.code, f.error.message) };
  }
}

/** Streams `url` (null: nothing). A new URL starts over; leaving the page cancels the stream. */
export function useTraceStream(url: string | null): TraceStreamState {
  const [state, setState] = useState<{ url: string | null; s: TraceStreamState }>({ url, s: INITIAL });
  useEffect(() => {
    if (!url) return;
    const ctl = new AbortController();
    let current = INITIAL;
    const publish = (s: TraceStreamState) => {
      current = s;
      if (!ctl.signal.aborted) setState({ url, s });
    };
    // The stream instrumentation-client.ts started for this page, if it is this one (early-stream.ts).
    (takeTraceStream(url, ctl.signal) ?? fetchApiStream(url, ctl.signal))
      .then((res) => readFrames(res, (f) => publish(applyFrame(current, f))))
      .then(() => {
        if (!current.has.findings && !current.error) publish({ ...current, error: new ApiFetchError(200, 'incomplete', 'the answer ended before the findings') });
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return;
        publish({ ...current, error: e instanceof ApiFetchError ? e : new ApiFetchError(0, 'network', e instanceof Error ? e.message : 'no response') });
      });
    return () => ctl.abort();
  }, [url]);
  return state.url === url ? state.s : INITIAL;
}
