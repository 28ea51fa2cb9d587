import { Counter, Histogram, Registry } from './registry';

/** Process-wide metrics (kept on globalThis so dev reloads do not reset them). */
function create() {
  const registry = new Registry();
  return {
    registry,
    sourceRequests: registry.register(new Counter('triangulate_source_requests_total', 'Backend requests by source and outcome.')),
    sourceDuration: registry.register(new Histogram('triangulate_source_request_duration_seconds', 'Backend request latency by source.')),
    processStart: Date.now() / 1000,
  };
}

const g = globalThis as unknown as { triangulateTelemetry?: ReturnType<typeof create> };
export const telemetry = (g.triangulateTelemetry ??= create());

export function renderMetrics(): string {
  const up = [
    '# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.',
    '# TYPE process_start_time_seconds gauge',
    `process_start_time_seconds ${telemetry.processStart}`,
  ];
  return telemetry.registry.render() + up.join('\n') + '\n';
}
