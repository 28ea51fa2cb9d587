/** The demo's samples as a 15 s scrape would see them, with metadata: input for the detector tests. */
import { demoFamilies } from './metrics';
import type { Series } from '../../lib/model/types';
import type { MetricMetadata } from '../../lib/sources/types';

/** The demo's series scraped every 15 s over (fromMs, toMs], with its metadata. */
export function scrapeDemo(anchorMs: number, fromMs: number, toMs: number): { series: Series[]; metadata: Record<string, MetricMetadata[]> } {
  const families = demoFamilies(anchorMs);
  const byKey = new Map<string, Series>();
  for (let t = fromMs + 15_000; t <= toMs; t += 15_000) {
    for (const family of families) {
      for (const source of family.metrics) {
        for (const s of source.at(t)) {
          const key = s.name + JSON.stringify(s.labels);
          if (!byKey.has(key)) byKey.set(key, { name: s.name, labels: s.labels, points: [] });
          byKey.get(key)!.points.push([t, s.value]);
        }
      }
    }
  }
  const metadata = Object.fromEntries(families.map((f) => [f.name, [{ type: f.type, help: f.help, unit: '' } as MetricMetadata]]));
  return { series: [...byKey.values()], metadata };
}
