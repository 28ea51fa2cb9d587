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

const render = (e: LogEntry, expanded = false) =>
  renderToStaticMarkup(createElement(LogLineRow, { entry: e, level: 'error', expanded, selected: false, onSelect: () => undefined }));

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

  it('shows no trace link when the line has no trace id (the service name still links to its page)', () => {
    const html = render(entry({ line: `id ${T} mentioned` }));
    expect(html).not.toContain('href="/trace/');
    expect(html).toContain('href="/services/checkout"');
  });
});
