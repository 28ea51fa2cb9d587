import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderExposition } from '../metrics/exporter';
import { demoBackfill, renderOpenMetrics, sampleTimes } from './openmetrics';
import { MISSING_TRACE_ID } from './story';
import { traceById } from './traces';

const ANCHOR = Date.UTC(2026, 7, 22, 12, 0, 0);
const text = renderOpenMetrics(sampleTimes(ANCHOR - 30 * 60_000, ANCHOR, 60_000), ANCHOR);

const familyOf = (name: string, families: Set<string>) => {
  for (const suffix of ['_bucket', '_count', '_sum', '_total', '']) {
    if (name.endsWith(suffix) && families.has(name.slice(0, name.length - suffix.length))) return name.slice(0, name.length - suffix.length);
  }
  throw new Error(`sample ${name} outside any declared family`);
};

describe('OpenMetrics backfill text', () => {
  it('is deterministic', () => {
    expect(renderOpenMetrics(sampleTimes(ANCHOR - 30 * 60_000, ANCHOR, 60_000), ANCHOR)).toBe(text);
  });

  it('has contiguous families, increasing timestamps per series, samples before the anchor, and ends with # EOF', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('# EOF');
    const declared = new Set<string>();
    const closed = new Set<string>();
    let current = '';
    const lastTs = new Map<string, number>();
    for (const line of lines.slice(0, -1)) {
      const type = /^# TYPE (\S+) (counter|gauge|histogram|summary)$/.exec(line);
      if (type) {
        expect(declared.has(type[1])).toBe(false);
        if (current) closed.add(current);
        declared.add(type[1]);
        current = type[1];
        continue;
      }
      if (line.startsWith('# HELP ')) continue;
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+) (\d+\.\d{3})$/.exec(line);
      expect(m, line).not.toBeNull();
      const fam = familyOf(m![1], declared);
      expect(fam).toBe(current);
      expect(closed.has(fam)).toBe(false);
      const ts = Number(m![4]);
      expect(ts * 1000).toBeLessThan(ANCHOR);
      const key = m![1] + (m![2] ?? '');
      if (lastTs.has(key)) expect(ts).toBeGreaterThan(lastTs.get(key)!);
      lastTs.set(key, ts);
    }
    expect(declared).toContain('http_request_duration_seconds');
    expect(declared).toContain('go_goroutines');
  });
});

describe('live exposition', () => {
  const now = ANCHOR + 90_000;
  const body = renderExposition(now, ANCHOR);

  it('has current values without timestamps and exemplars only on histogram buckets', () => {
    expect(body.endsWith('# EOF\n')).toBe(true);
    const exemplarLines = body.split('\n').filter((l) => l.includes(' # {'));
    expect(exemplarLines.length).toBeGreaterThan(5);
    for (const l of exemplarLines) expect(l).toMatch(/^http_request_duration_seconds_bucket\{[^}]*\} \d+ # \{trace_id="[0-9a-f]{32}",span_id="[0-9a-f]{16}"\} [\d.e-]+ \d+\.\d{3}$/);
  });

  it('has exactly one exemplar pointing at a trace the demo Jaeger does not have, on risk-engine', () => {
    const ids = [...body.matchAll(/trace_id="([0-9a-f]{32})"/g)].map((m) => m[1]);
    const missing = ids.filter((id) => !traceById(id, ANCHOR, now));
    expect(missing).toEqual([MISSING_TRACE_ID]);
    expect(body.split('\n').find((l) => l.includes(MISSING_TRACE_ID))).toContain('service_name="risk-engine"');
  });
});

describe.runIf(existsSync('/usr/bin/promtool'))('promtool', () => {
  it('accepts the backfill text with create-blocks-from openmetrics', () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-om-'));
    try {
      const file = join(dir, 'demo.om');
      writeFileSync(file, text);
      const out = execFileSync('/usr/bin/promtool', ['tsdb', 'create-blocks-from', 'openmetrics', file, join(dir, 'data')], { encoding: 'utf8' });
      expect(out).toMatch(/BLOCK ULID/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('demo backfill', () => {
  it('reaches the seam at the live scrape interval: no gap wider than one scrape before live samples take over', () => {
    const end = ANCHOR + 20 * 60_000 + 37_000; // a demo whose anchor is 20 min old, started mid-minute
    const om = demoBackfill(ANCHOR, { endMs: end, historyMs: 30 * 60_000, fineStepMs: 5_000 });
    const times = [...new Set([...om.matchAll(/^go_goroutines\{[^}]*service_name="worker"[^}]*\} \S+ (\d+\.\d{3})$/gm)].map((m) => Number(m[1]) * 1000))].sort((a, b) => a - b);
    expect(times[0]).toBe(ANCHOR - 30 * 60_000);
    expect(end - times.at(-1)!).toBeLessThanOrEqual(5_000);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(Math.max(...gaps)).toBe(15_000);
    expect(gaps.slice(-50).every((g) => g <= 5_000)).toBe(true);
  });
});
