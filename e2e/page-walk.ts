import type { APIRequestContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/**
 * Every page of the app on the demo, each with what shows that its data has arrived, for the
 * accessibility and screenshot walk (a11y-screenshots.spec.ts). Ids come from the demo's own
 * API, never from constants.
 */
export interface WalkPage {
  name: string;
  path: string;
  /** A locator that is visible once the page shows its data. */
  ready: (page: Page) => ReturnType<Page['locator']>;
}

export async function demoTraceId(request: APIRequestContext): Promise<string> {
  const q = new URLSearchParams({ query: '{service_name="risk-engine"} |= "scoring failed"', from: 'now-30m', to: 'now', limit: '20' });
  const res = await request.get(`/api/v1/query/logs?${q}`);
  expect(res.ok()).toBe(true);
  const withTrace = ((await res.json()) as { logs: { traceId: string | null }[] }).logs.find((l) => l.traceId);
  expect(withTrace, 'a risk-engine error log that carries a trace id').toBeTruthy();
  return withTrace!.traceId!;
}

/** A snapshot share of an Explore query, whose banner shows the decoded path. */
export async function snapshotShare(request: APIRequestContext, path: string): Promise<string> {
  const view = await request.post('/api/v1/views', { data: { name: 'Walk snapshot', path } });
  expect(view.status()).toBe(201);
  const share = await request.post(`/api/v1/views/${(await view.json()).id}/share`, { data: { snapshot: true } });
  expect(share.status()).toBe(201);
  return `${new URL((await share.json()).url as string).pathname}/view`;
}

export const SNAPSHOT_QUERY = 'sum by (service) (rate(http_server_requests_seconds_count{status=~"5.."}[5m]))';

export const WALK_PAGE_NAMES = ['overview', 'anomalies', 'incidents', 'explore', 'trace', 'missing-trace', 'traces-search', 'service', 'map', 'views', 'digests', 'share'] as const;

export function walkPages(traceId: string, sharePath: string): WalkPage[] {
  const range = 'from=now-1h&to=now';
  const missing = `${'0'.repeat(16)}${traceId.slice(16).split('').reverse().join('')}`;
  return [
    { name: 'overview', path: `/?${range}`, ready: (p) => p.getByTestId('incidents-heading') },
    { name: 'anomalies', path: `/anomalies?${range}`, ready: (p) => p.getByTestId('anomaly-row').first() },
    { name: 'incidents', path: `/anomalies?${range}&group=incident`, ready: (p) => p.getByTestId('anomalies-summary') },
    // A query and a log search with answers, so the picture shows a chart and log lines, not two empty panels.
    {
      name: 'explore',
      path: `/explore?${range}&query=${encodeURIComponent('sum by (code) (rate(http_requests_total[5m]))')}&logql=${encodeURIComponent('{service_name="risk-engine"}')}`,
      ready: (p) => p.getByTestId('explore-logs-summary').or(p.locator('[role="alert"]')).first(),
    },
    { name: 'trace', path: `/trace/${traceId}?${range}`, ready: (p) => p.getByTestId('span-row').first() },
    { name: 'missing-trace', path: `/trace/${missing}?${range}`, ready: (p) => p.getByTestId('trace-missing') },
    { name: 'traces-search', path: `/traces?${range}&service=risk-engine`, ready: (p) => p.getByTestId('search-result').first() },
    { name: 'service', path: `/services/risk-engine?${range}`, ready: (p) => p.getByTestId('log-volume') },
    { name: 'map', path: `/map?${range}`, ready: (p) => p.locator('[data-testid="map-node"]').first() },
    { name: 'views', path: '/views', ready: (p) => p.getByRole('heading', { level: 1 }) },
    { name: 'digests', path: '/digests', ready: (p) => p.getByRole('heading', { level: 1 }) },
    { name: 'share', path: sharePath, ready: (p) => p.getByTestId('snapshot-banner') },
  ];
}
