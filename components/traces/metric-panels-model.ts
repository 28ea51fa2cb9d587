import type { ApiExemplar, ApiMetric } from '@/lib/api/types';
import { seriesService } from '@/components/charts/chart-markers';
import { severityRank, type Anomaly, type Severity } from '@/lib/model/anomaly';

/** Metric panels of the investigation page: one row per involved service, panels in a fixed order. */

export const PANEL_ORDER = ['requests', 'errors', 'error_rate', 'latency_p50', 'latency_p99', 'gc_rate', 'gc_time', 'heap', 'threads', 'goroutines', 'restarts'];

const PANEL_TITLES: Record<string, string> = {
  requests: 'Request rate',
  errors: 'Errors',
  error_rate: 'Error rate',
  latency_p50: 'Latency p50',
  latency_p99: 'Latency p99',
  gc_rate: 'GC collections/s',
  gc_time: 'Time in GC',
  heap: 'Heap',
  threads: 'Threads',
  goroutines: 'Goroutines',
  restarts: 'Restarts',
};

export interface MetricPanel {
  key: string;
  panel: string;
  service: string;
  title: string;
  unit?: string;
  series: ApiMetric[];
  exemplars: ApiExemplar[];
  exemplarScale: number;
  /** Whole numbers only on the y axis (restarts, threads): no "0.5 restarts", no 0–1.05 range. */
  integer: boolean;
}

export interface ServicePanels {
  service: string;
  panels: MetricPanel[];
}

const panelRank = (p: string) => {
  const i = PANEL_ORDER.indexOf(p);
  return i < 0 ? PANEL_ORDER.length : i;
};

export function exemplarService(e: ApiExemplar): string | null {
  const l = { ...(e.seriesLabels ?? {}), ...e.labels };
  return seriesService({ labels: l });
}

/** Exemplars of latency histograms are usually in seconds; panels may show ms. */
export function exemplarScaleFor(unit: string | undefined, exemplars: readonly ApiExemplar[]): number {
  if (unit !== 'ms') return 1;
  const name = exemplars.find((e) => e.seriesLabels?.__name__)?.seriesLabels?.__name__ ?? '';
  return name === '' || /_seconds/.test(name) ? 1000 : 1;
}

export function groupPanels(metrics: readonly ApiMetric[], exemplars: readonly ApiExemplar[]): ServicePanels[] {
  const byService = new Map<string, Map<string, ApiMetric[]>>();
  for (const m of metrics) {
    const service = seriesService(m) ?? 'unknown';
    const panel = m.panel ?? m.name;
    const panels = byService.get(service) ?? new Map<string, ApiMetric[]>();
    panels.set(panel, [...(panels.get(panel) ?? []), m]);
    byService.set(service, panels);
  }
  const onlyService = byService.size === 1 ? [...byService.keys()][0] : null;
  const exemplarsOf = (service: string) => exemplars.filter((e) => (exemplarService(e) ?? onlyService) === service);
  const out: ServicePanels[] = [];
  for (const [service, panels] of byService) {
    const keys = [...panels.keys()].sort((a, b) => panelRank(a) - panelRank(b) || a.localeCompare(b));
    // Exemplars are latency samples: they go on the p99 panel, else the first latency panel.
    const exemplarPanel = keys.includes('latency_p99') ? 'latency_p99' : keys.find((k) => k.startsWith('latency'));
    const own = exemplarsOf(service);
    out.push({
      service,
      panels: keys.map((panel) => {
        const series = panels.get(panel)!;
        const unit = series.find((s) => s.unit)?.unit;
        const ex = panel === exemplarPanel ? own : [];
        return {
          key: `${service}\u0000${panel}`,
          panel,
          service,
          title: series[0].title ?? PANEL_TITLES[panel] ?? panel,
          unit,
          series,
          exemplars: ex,
          exemplarScale: exemplarScaleFor(unit, ex),
          integer: unit === 'count',
        };
      }),
    });
  }
  return out.sort((a, b) => a.service.localeCompare(b.service));
}

/**
 * The x range of every panel: the samples' extent (the server queried the trace window with
 * a margin), always covering the trace; without samples, the trace ± max(5 min, 2× its length).
 */
export function chartWindow(metrics: readonly ApiMetric[], trace: { fromMs: number; toMs: number } | null, fallback: { fromMs: number; toMs: number }): { fromMs: number; toMs: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of metrics) {
    if (m.points.length === 0) continue;
    lo = Math.min(lo, m.points[0][0]);
    hi = Math.max(hi, m.points[m.points.length - 1][0]);
  }
  if (trace) {
    if (lo > hi) {
      const margin = Math.max(5 * 60_000, 2 * (trace.toMs - trace.fromMs));
      return { fromMs: trace.fromMs - margin, toMs: trace.toMs + margin };
    }
    return { fromMs: Math.min(lo, trace.fromMs), toMs: Math.max(hi, trace.toMs) };
  }
  return lo <= hi ? { fromMs: lo, toMs: hi } : fallback;
}

/** A service's row of panels, with what was found on it: open by default when something was. */
export interface ServiceSection extends ServicePanels {
  findings: number;
  worst: Severity | null;
  open: boolean;
}

/**
 * The services in the order an SRE reads them (issue 16): those with findings first, worst
 * first, open; the rest after, by name, collapsed, so six services × ten panels is not a
 * 5,000 px page.
 */
export function serviceSections(groups: readonly ServicePanels[], anomalies: readonly Pick<Anomaly, 'service' | 'severity'>[]): ServiceSection[] {
  const found = new Map<string, { n: number; worst: Severity }>();
  for (const a of anomalies) {
    if (!a.service) continue;
    const f = found.get(a.service);
    if (!f) found.set(a.service, { n: 1, worst: a.severity });
    else {
      f.n++;
      if (severityRank(a.severity) > severityRank(f.worst)) f.worst = a.severity;
    }
  }
  return groups
    .map((g) => {
      const f = found.get(g.service);
      return { ...g, findings: f?.n ?? 0, worst: f?.worst ?? null, open: f !== undefined };
    })
    .sort((a, b) => (b.worst ? severityRank(b.worst) + 1 : 0) - (a.worst ? severityRank(a.worst) + 1 : 0) || b.findings - a.findings || a.service.localeCompare(b.service));
}
