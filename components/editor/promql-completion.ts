import type { PrometheusClient } from '@prometheus-io/codemirror-promql';
import { EqlRegex, EqlSingle, Neq, NeqRegex } from '@prometheus-io/lezer-promql';
import { promMetadataResponse, promNamesResponse } from '@/lib/api/contract/explore';
import { fetchApi } from '@/components/ui/use-api';

/**
 * Remote completion for the PromQL editor, answered by Triangulate's own API
 * (/api/v1/query/promql/*, docs/api.md) so the browser never talks to Prometheus. The
 * Prometheus package's completion (HybridComplete) calls labelNames, labelValues,
 * metricNames and metricMetadata; answers are cached for a minute per question, and a
 * failure completes nothing rather than breaking the editor.
 */

type Matcher = { type: number; name: string; value: string };

const OPS: Record<number, string> = { [EqlSingle]: '=', [Neq]: '!=', [EqlRegex]: '=~', [NeqRegex]: '!~' };
const quote = (v: string) => JSON.stringify(v);

/** `metric{a="b"}`: the series the completion is about, leaving out the label being completed. */
export function completionSelector(metricName?: string, matchers: readonly Matcher[] = [], labelName?: string): string | undefined {
  const parts = matchers.filter((m) => m.name !== labelName && m.value !== '').map((m) => `${m.name}${OPS[m.type] ?? '='}${quote(m.value)}`);
  if (!metricName && parts.length === 0) return undefined;
  return `${metricName ?? ''}{${parts.join(',')}}`;
}

const TTL_MS = 60_000;

export class ApiPrometheusClient implements PrometheusClient {
  private readonly cache = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  private cached<T>(key: string, load: () => Promise<T>, empty: T): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
    const value = load().catch(() => {
      this.cache.delete(key);
      return empty;
    });
    this.cache.set(key, { at: this.now(), value });
    return value;
  }

  private names(path: string, params: Record<string, string | undefined>): Promise<string[]> {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
    const url = `/api/v1/query/promql/${path}?${q}`;
    return this.cached(url, async () => (await fetchApi(url, promNamesResponse)).data, []);
  }

  labelNames(metricName?: string): Promise<string[]> {
    return this.names('labels', { match: completionSelector(metricName) });
  }

  labelValues(labelName: string, metricName?: string, matchers?: Matcher[]): Promise<string[]> {
    return this.names('label-values', { label: labelName, match: completionSelector(metricName, matchers, labelName) });
  }

  metricNames(): Promise<string[]> {
    return this.labelValues('__name__');
  }

  metricMetadata(): Promise<Record<string, { type: string; help: string }[]>> {
    return this.cached('metadata', async () => (await fetchApi('/api/v1/query/promql/metadata', promMetadataResponse)).data, {});
  }

  /** Not used by the completion strategy; answered from label values, one label per map. */
  async series(metricName: string, matchers?: Matcher[], labelName?: string): Promise<Map<string, string>[]> {
    const label = labelName ?? '__name__';
    const values = await this.labelValues(label, metricName, matchers);
    return values.map((v) => new Map([[label, v]]));
  }

  /** Prometheus flags are not exposed through Triangulate's API. */
  async flags(): Promise<Record<string, string>> {
    return {};
  }
}
