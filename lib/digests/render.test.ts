import { describe, expect, it } from 'vitest';
import { composeDigest } from './compose';
import { escapeHtml, renderDigest, renderHtml, renderSlack, renderText } from './render';
import { COUNTER_RESET, GC_STORM, ORPHANS, anomaly, scanResponse } from './test-fixtures';
import { counterResetDetector } from '../anomalies/counter-reset';
import { DEFAULT_DETECTOR_OPTIONS } from '../anomalies/types';
import { emptyInput, seriesOf, T0 } from '../anomalies/test-helpers';

const FROM = Date.parse('2026-11-23T00:00:00Z');
const TO = Date.parse('2026-11-23T08:00:00Z');
const HOSTILE = anomaly({
  id: 'h1',
  kind: 'log_without_trace_context',
  service: '<img src=x onerror=alert(1)>',
  title: '<script>alert("t")</script> & <@channel> <https://evil.example|click>',
  explanation: '"quoted" \'single\' </li>',
});
const digestOf = (anomalies = [GC_STORM, COUNTER_RESET, HOSTILE]) =>
  composeDigest({
    schedule: { id: 's1', name: 'Night <shift>' },
    window: { fromMs: FROM, toMs: TO },
    response: scanResponse(anomalies, FROM, TO),
    filters: {},
    previous: null,
    nowMs: TO,
    publicUrl: 'https://tri.example',
    snapshots: { digest: 'https://tri.example/s/abc', byAnomaly: {} },
  });

describe('HTML rendering', () => {
  it('escapes every piece of backend text, so no tag or attribute from the data survives', () => {
    const { html } = renderDigest(digestOf());
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('</li>"');
    expect(html).toContain('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &lt;@channel&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Night &lt;shift&gt;');
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
  });
  it('names the kinds, the services and the snapshot link', () => {
    const { html, text, subject } = renderDigest(digestOf([GC_STORM, COUNTER_RESET]));
    for (const out of [html, text]) {
      expect(out).toContain('GC storm');
      expect(out).toContain('Counter reset');
      expect(out).toContain('risk-engine');
      expect(out).toContain('payment-gateway');
      expect(out).toContain('https://tri.example/s/abc');
    }
    expect(text.indexOf('risk-engine')).toBeLessThan(text.indexOf('payment-gateway'));
    expect(subject).toBe('[Triangulate] Night <shift>: 1 incident (1 new); 2 findings, 2 new');
  });
  it('says briefly that there is nothing to report', () => {
    const { text, subject } = renderDigest(digestOf([]));
    expect(text).toContain('Nothing to report');
    expect(subject).toContain('nothing to report');
  });
});

describe('Slack blocks', () => {
  it('escape mrkdwn control characters so data cannot make links or mentions', () => {
    const msg = renderSlack(digestOf());
    const all = JSON.stringify(msg.blocks);
    expect(all).not.toContain('<@channel>');
    expect(all).not.toContain('<https://evil.example|click>');
    expect(all).toContain('&lt;@channel&gt;');
    expect(all).toContain('<https://tri.example/s/abc|evidence>');
    expect(msg.blocks[0]).toMatchObject({ type: 'header' });
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
  });
});

describe('incidents in a digest', () => {
  it('come first, then the telemetry-health summary, then every finding', () => {
    const { text } = renderDigest(digestOf([GC_STORM, COUNTER_RESET, ORPHANS]));
    const at = (s: string) => text.indexOf(s);
    expect(at('== Incidents ==')).toBeGreaterThan(0);
    expect(text).toContain('- [NEW] CRITICAL internal: From 02:10 UTC to 02:40 UTC risk-engine was in a GC storm.');
    expect(text).toContain('Telemetry health: 2 findings (1 Counter reset, 1 Orphan spans) — 2 new, 0 still going, 0 resolved.');
    expect(at('== Incidents ==')).toBeLessThan(at('Telemetry health:'));
    expect(at('Telemetry health:')).toBeLessThan(at('== All findings =='));
  });

  it('escape a hostile service name in the incident sentence', () => {
    const evil = { ...GC_STORM, service: '<img src=x onerror=alert(1)>' };
    const { html } = renderDigest(digestOf([evil]));
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; was in a GC storm');
  });
});

describe('restarts in a digest', () => {
  it('renders one restart of a target as one row in text, HTML and Slack, not one row per series', () => {
    const tgt = { job: 'billing', instance: 'b-0:9000' };
    const at = (T0 + 50_000) / 1000;
    const names = ['a_total', 'b_total', 'c_total', 'd_total'];
    const records = counterResetDetector.detect(
      emptyInput({ series: [...names.map((n) => seriesOf(n, tgt, [50, 60, 70, 1, 2, 3])), seriesOf('process_start_time_seconds', tgt, [1, 1, 1, at, at, at])] }),
      DEFAULT_DETECTOR_OPTIONS,
    );
    const d = composeDigest({
      schedule: { id: 's', name: 'Ops' },
      window: { fromMs: T0, toMs: T0 + 3_600_000 },
      response: scanResponse(records, T0, T0 + 3_600_000),
      filters: {},
      previous: null,
      nowMs: T0 + 3_600_000,
      publicUrl: 'http://127.0.0.1:3000',
    });
    const text = renderText(d);
    expect(text.match(/restarted at/g)).toHaveLength(1);
    expect(text).toContain('4 counter series reset');
    expect(text).not.toContain('a_total reset');
    expect(renderHtml(d).match(/restarted at/g)).toHaveLength(1);
    expect(JSON.stringify(renderSlack(d).blocks).match(/restarted at/g)).toHaveLength(1);
  });
});
