import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '@/lib/model/types';
import { LogLineRow } from './log-line';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';

const entry = (over: Partial<LogEntry>): LogEntry => ({
  ts: '2024-07-03T07:00:00.123Z',
  tsNs: '1719990000123456789',
  line: '',
  labels: {},
  service: 'checkout',
  traceId: null,
  spanId: null,
  joinedBy: null,
  ...over,
});

const render = (e: LogEntry, expanded = false, extra: Partial<Parameters<typeof LogLineRow>[0]> = {}) =>
  renderToStaticMarkup(createElement(LogLineRow, { entry: e, level: 'error', expanded, selected: false, wrap: false, onSelect: () => undefined, ...extra }));

describe('LogLineRow', () => {
  it('renders markup in a log line as text, and the trace id as a link to its trace', () => {
    const html = render(entry({ line: `<img src=x onerror=alert(1)> failed trace_id=${T}`, traceId: T }));
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; failed trace_id=');
    expect(html).toMatch(new RegExp(`<a [^>]*href="/trace/${T}\\?from=2024-07-03T06%3A45%3A00.123Z&amp;to=2024-07-03T07%3A15%3A00.123Z"[^>]*>${T}</a>`));
  });

  it('renders labels as text when expanded, linking the span id label to the span', () => {
    const html = render(entry({ line: 'x', traceId: T, spanId: S, labels: { span_id: S, note: '<script>alert(1)</script>' } }), true);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(new RegExp(`href="/trace/${T}\\?span=${S}&amp;from=[^"]+"[^>]*>${S}</a>`));
  });

  it('gives a line whose trace id is only in its labels a trace chip, and none when the line shows the id', () => {
    const onlyInLabels = render(entry({ line: 'payment failed', traceId: T, labels: { trace_id: T } }));
    expect(onlyInLabels).toMatch(new RegExp(`<a [^>]*data-testid="log-trace-chip"[^>]*>trace 4bf92f35…</a>`));
    expect(onlyInLabels).toContain(`href="/trace/${T}?`);
    const inLine = render(entry({ line: `failed ${T}`, traceId: T }));
    expect(inLine).not.toContain('log-trace-chip');
  });

  it('offers context and filter buttons on an opened row with a stream, and wraps when asked', () => {
    const e = { ...entry({ line: 'x', labels: { level: 'error' } }), stream: { job: 'a' } };
    const opened = render(e, true, { onContext: () => undefined, onFilter: () => undefined });
    expect(opened).toContain('data-testid="log-show-context"');
    expect(opened).toContain('aria-label="Filter for level=error"');
    expect(render(e, false, { wrap: true })).toContain('whitespace-pre-wrap');
    expect(render(e, false)).not.toContain('whitespace-pre-wrap');
  });

  it('shows no trace link when the line has no trace id (the service name still links to its page)', () => {
    const html = render(entry({ line: `id ${T} mentioned` }));
    expect(html).not.toContain('href="/trace/');
    expect(html).toContain('href="/services/checkout"');
  });
});
