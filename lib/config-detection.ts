import { z } from 'zod';
import { parsePatterns, type CounterFilter } from './anomalies/counter-discovery';
import { DEFAULT_RED_FAMILIES, type RedFamily } from './anomalies/red';

/** The detection part of the environment (lib/config.ts reads it once at start-up). */

/** What the anomaly scan looks at beyond its built-in knowledge (docs/anomalies.md). */
export interface DetectionConfig {
  /** COUNTER_SCAN_INCLUDE / COUNTER_SCAN_EXCLUDE: comma-separated regexes, anchored. */
  counterFilter: CounterFilter;
  /** The built-in HTTP and gRPC families, then RED_FAMILIES. */
  redFamilies: RedFamily[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const redFamiliesSchema = z.array(
  z.object({
    requests: z.string().regex(METRIC_NAME, 'must be a metric name'),
    errorLabel: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a label name'),
    errorValues: z.string().min(1).refine((v) => {
      try {
        new RegExp(v);
        return true;
      } catch {
        return false;
      }
    }, 'must be a regular expression'),
    latency: z.string().regex(METRIC_NAME, 'must be a metric name').nullable().default(null),
  }),
);

/** RED_FAMILIES is JSON: [{"requests":"…_total","errorLabel":"…","errorValues":"5..|error","latency":"…_bucket"}]. */
export function detection(e: { COUNTER_SCAN_INCLUDE?: string; COUNTER_SCAN_EXCLUDE?: string; RED_FAMILIES?: string }): { value: DetectionConfig | null; problems: string[] } {
  const problems: string[] = [];
  const patterns = (name: 'COUNTER_SCAN_INCLUDE' | 'COUNTER_SCAN_EXCLUDE'): RegExp[] => {
    try {
      return parsePatterns(e[name], name);
    } catch (err) {
      problems.push((err as Error).message);
      return [];
    }
  };
  const counterFilter = { include: patterns('COUNTER_SCAN_INCLUDE'), exclude: patterns('COUNTER_SCAN_EXCLUDE') };
  let extra: RedFamily[] = [];
  if (e.RED_FAMILIES) {
    let json: unknown;
    try {
      json = JSON.parse(e.RED_FAMILIES);
    } catch {
      problems.push('RED_FAMILIES: must be a JSON array of {requests, errorLabel, errorValues, latency?}');
    }
    const parsed = redFamiliesSchema.safeParse(json);
    if (json !== undefined && !parsed.success) for (const i of parsed.error.issues) problems.push(`RED_FAMILIES[${i.path.join('.')}]: ${i.message}`);
    else if (parsed.success) extra = parsed.data;
  }
  return { value: problems.length ? null : { counterFilter, redFamilies: [...DEFAULT_RED_FAMILIES, ...extra] }, problems };
}
