import { describe, expect, it } from 'vitest';
import { allSourcesDown, sourceProblems } from './source-status';

const ok = { status: 'ok' as const, ms: 5 };

describe('sourceProblems', () => {
  it('says which findings may be missing for each source that did not answer', () => {
    const problems = sourceProblems({
      prometheus: ok,
      loki: { status: 'error', message: 'connection refused', ms: 3 },
      jaeger: { status: 'timeout', ms: 10_000 },
    });
    expect(problems.map((p) => [p.source, p.status])).toEqual([
      ['loki', 'error'],
      ['jaeger', 'timeout'],
    ]);
    expect(problems[0].text).toMatch(/^Loki unreachable: connection refused — log findings .* may be missing$/);
    expect(problems[1].text).toMatch(/^Jaeger timed out — trace findings/);
  });

  it('reports a source that is not configured', () => {
    expect(sourceProblems({ prometheus: { status: 'not_configured', message: 'Set PROMETHEUS_URL.', ms: 0 }, loki: ok, jaeger: ok })[0].text).toMatch(
      /^Prometheus not configured: Set PROMETHEUS_URL\. — metric findings/,
    );
  });

  it('is empty when every source answered or there is no status yet', () => {
    expect(sourceProblems({ prometheus: ok, loki: ok, jaeger: ok })).toEqual([]);
    expect(sourceProblems(undefined)).toEqual([]);
  });
});

describe('allSourcesDown', () => {
  it('is true only when all three sources failed', () => {
    const down = { status: 'error' as const, ms: 1 };
    expect(allSourcesDown({ prometheus: down, loki: { status: 'timeout', ms: 1 }, jaeger: { status: 'not_configured', ms: 0 } })).toBe(true);
    expect(allSourcesDown({ prometheus: down, loki: down, jaeger: ok })).toBe(false);
    expect(allSourcesDown(undefined)).toBe(false);
  });
});
