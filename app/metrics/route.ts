import { renderMetrics } from '@/lib/telemetry';

export const dynamic = 'force-dynamic';

/** Triangulate's own metrics, for a Prometheus to scrape. */
export function GET() {
  return new Response(renderMetrics(), { headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' } });
}
