import { text, type DemoBackend } from '../http';
import { OPENMETRICS_CONTENT_TYPE, renderExposition } from './exporter';

export { renderExposition, exemplarsFor, OPENMETRICS_CONTENT_TYPE, MISSING_EXEMPLAR_LE } from './exporter';

/**
 * The live exporter at /metrics, which the demo's real Prometheus scrapes: current values
 * and exemplars (only scraping brings exemplars in; the history is backfilled).
 */
export const metricsBackend: DemoBackend = {
  name: 'metrics',
  mount: '/metrics',
  handle: (req, clock) =>
    req.path === '' || req.path === '/'
      ? { status: 200, contentType: OPENMETRICS_CONTENT_TYPE, body: renderExposition(clock.nowMs, clock.anchorMs, clock.seed) }
      : text(404, '404 page not found'),
};
