import { describe, expect, it } from 'vitest';
import { traceStreamUrl } from '@/lib/views/api-urls';
import { startTraceStream, takeTraceStream, traceStreamUrlOf } from './early-stream';

const ID = '0af7651916cd43dd8448eb211c80319c';

/** A fetch that records what it was asked and answers an empty 200. */
function recorder() {
  const calls: { url: string; signal: AbortSignal | undefined }[] = [];
  const fetchStream = (url: string, signal?: AbortSignal) => {
    calls.push({ url, signal });
    return Promise.resolve(new Response(''));
  };
  return { calls, fetchStream };
}

describe('traceStreamUrlOf', () => {
  it('is the URL the view asks for: canonical id, the range and the chosen sources', () => {
    const search = '?from=now-1h&to=now&span=abc&logsSource=loki-eu';
    expect(traceStreamUrlOf(`/trace/${ID.toUpperCase()}`, search)).toBe(traceStreamUrl(ID, new URLSearchParams(search)));
  });

  it('is null for other pages and for segments that are not trace ids', () => {
    expect(traceStreamUrlOf('/traces', '')).toBeNull();
    expect(traceStreamUrlOf(`/trace/${ID}/x`, '')).toBeNull();
    expect(traceStreamUrlOf('/trace/not-hex', '')).toBeNull();
    expect(traceStreamUrlOf('/trace/%E0%A4%A', '')).toBeNull();
  });
});

describe('startTraceStream / takeTraceStream', () => {
  it('starts the stream on a trace page and hands that response to the view once', async () => {
    const { calls, fetchStream } = recorder();
    startTraceStream({ pathname: `/trace/${ID}`, search: '?from=now-15m&to=now' }, fetchStream);
    const url = traceStreamUrl(ID, new URLSearchParams('from=now-15m&to=now'));
    expect(calls.map((c) => c.url)).toEqual([url]);
    const taken = takeTraceStream(url, new AbortController().signal);
    expect(taken).not.toBeNull();
    expect((await taken!).status).toBe(200);
    expect(takeTraceStream(url, new AbortController().signal)).toBeNull();
  });

  it('asks nothing on other pages', () => {
    const { calls, fetchStream } = recorder();
    startTraceStream({ pathname: '/anomalies', search: '' }, fetchStream);
    expect(calls).toEqual([]);
    expect(takeTraceStream(traceStreamUrl(ID, new URLSearchParams()), new AbortController().signal)).toBeNull();
  });

  it('cancels a stream started for another address instead of handing it out', () => {
    const { calls, fetchStream } = recorder();
    startTraceStream({ pathname: `/trace/${ID}`, search: '' }, fetchStream);
    expect(takeTraceStream(traceStreamUrl(ID, new URLSearchParams('from=now-6h')), new AbortController().signal)).toBeNull();
    expect(calls[0].signal?.aborted).toBe(true);
  });

  it('cancels the taken stream when the view lets go of it', () => {
    const { calls, fetchStream } = recorder();
    startTraceStream({ pathname: `/trace/${ID}`, search: '' }, fetchStream);
    const view = new AbortController();
    takeTraceStream(traceStreamUrl(ID, new URLSearchParams()), view.signal);
    expect(calls[0].signal?.aborted).toBe(false);
    view.abort();
    expect(calls[0].signal?.aborted).toBe(true);
  });
});
