/** Pure conversions from validated Loki payloads to lib/model. */
import type { Labels, LogLine, Series } from '../../model/types';
import { parseSampleValue, secondsToMs, toSeries } from '../values';
import type { LokiData, LokiStream } from './schemas';
import { compareNs } from '../../time/range';

export const CATEGORIZE_FLAG = 'categorize-labels';

/** Strips leading zeros so that compareNs stays exact. */
export function canonicalNs(ns: string): string {
  return ns.length > 1 && ns.charCodeAt(0) === 48 ? BigInt(ns).toString() : ns;
}

export function msToNs(ms: number): string {
  return (BigInt(Math.round(ms)) * 1_000_000n).toString();
}

function asLabels(v: unknown): Labels {
  return v !== null && typeof v === 'object' ? (v as Labels) : {};
}

function entryLine(stream: Labels, entry: LokiStream['values'][number], categorized: boolean): LogLine {
  const meta = entry[2];
  let structuredMetadata: Labels = {};
  let parsed: Labels = {};
  if (meta) {
    if (categorized) {
      structuredMetadata = asLabels(meta.structuredMetadata);
      parsed = asLabels(meta.parsed);
    } else if (Object.values(meta).every((v) => typeof v === 'string')) {
      // Push-format flat map from a server that did not categorize.
      structuredMetadata = meta as Labels;
    }
  }
  return { tsNs: canonicalNs(entry[0]), line: entry[1], stream, structuredMetadata, parsed };
}

/** Streams → lines sorted by time (newest first for backward). */
export function normalizeStreams(result: LokiStream[], encodingFlags: string[] | undefined, direction: 'forward' | 'backward'): { lines: LogLine[]; categorized: boolean } {
  const categorized = encodingFlags?.includes(CATEGORIZE_FLAG) ?? false;
  const lines: LogLine[] = [];
  for (const s of result) for (const e of s.values) lines.push(entryLine(s.stream, e, categorized));
  const sign = direction === 'backward' ? -1 : 1;
  lines.sort((a, b) => sign * compareNs(a.tsNs, b.tsNs));
  return { lines, categorized };
}

/** Matrix/vector/scalar → series. A scalar becomes one unnamed, unlabelled one-point series. */
export function normalizeMetricData(data: Exclude<LokiData, { resultType: 'streams' }>): Series[] {
  switch (data.resultType) {
    case 'matrix':
      return data.result.map(toSeries);
    case 'vector':
      return data.result.map(toSeries);
    case 'scalar':
      return [{ name: '', labels: {}, points: [[secondsToMs(data.result[0]), parseSampleValue(data.result[1])]] }];
  }
}

/** Identity of a log entry, for de-duplicating entries re-sent at a page boundary. */
export function entryKey(line: LogLine, streamKey: string): string {
  return `${line.tsNs}\u0000${streamKey}\u0000${line.line}`;
}

export function labelsKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u0001');
}
