import type { IncidentsResponse } from '../investigate/scan/incidents';
import type { AnomaliesResponse } from '../api/types';
import type { Anomaly } from '../model/anomaly';
import { toRfc3339 } from '../time/range';
import { anomaliesPath } from '../routes';

/**
 * Evidence that outlives the backends' retention: snapshot share links (lib/views).
 * Economy: one snapshot of the anomalies page for the digest's window — frozen from the
 * very scan the digest was built from, so it costs no second scan — plus one snapshot of
 * the trace view per distinct trace a finding points at (orphans, split traces, skew),
 * because the anomalies page does not hold spans. At most `maxTraceSnapshots` of those
 * per digest, new findings first; other trace findings link to the window's snapshot.
 */

export interface SnapshotRequest {
  /** Name of the saved view behind the share. */
  name: string;
  /** App-relative view path with absolute from/to. */
  path: string;
  /** The API response the view shows, when the caller already has it (no re-fetch). */
  response?: AnomaliesResponse;
  /** The view's incidents from the same scan (its second request). */
  incidents?: IncidentsResponse;
}

/** Makes a snapshot share and returns its absolute URL. */
export type SnapshotMaker = (req: SnapshotRequest) => Promise<string>;

export interface DigestSnapshots {
  digest: string | null;
  byAnomaly: Record<string, string>;
  /** Fixed text for the digest itself (outside channels). */
  warnings: string[];
  /** The same with the error text, for the server log only. */
  problems: string[];
}

export const DEFAULT_MAX_TRACE_SNAPSHOTS = 5;

export async function makeDigestSnapshots(
  make: SnapshotMaker,
  input: {
    scheduleName: string;
    window: { fromMs: number; toMs: number };
    /** The scan the digest used, its anomalies cut to what the digest shows; null: the maker captures the page itself. */
    response: AnomaliesResponse | null;
    incidents?: IncidentsResponse | null;
    findings: readonly (Anomaly & { state: 'new' | 'ongoing' })[];
    maxTraceSnapshots?: number;
  },
): Promise<DigestSnapshots> {
  const { fromMs, toMs } = input.window;
  const label = `${input.scheduleName} ${toRfc3339(fromMs)} → ${toRfc3339(toMs)}`;
  const out: DigestSnapshots = { digest: null, byAnomaly: {}, warnings: [], problems: [] };
  try {
    out.digest = await make({ name: `Digest: ${label}`, path: anomaliesPath(fromMs, toMs), ...(input.response ? { response: input.response } : {}), ...(input.incidents ? { incidents: input.incidents } : {}) });
  } catch (e) {
    out.warnings.push('snapshot of the window could not be made');
    out.problems.push(`snapshot of the window could not be made: ${(e as Error).message}`);
  }

  const byTrace = new Map<string, string[]>();
  const ordered = [...input.findings].sort((a, b) => (a.state === b.state ? 0 : a.state === 'new' ? -1 : 1));
  for (const f of ordered) {
    const traceId = f.subject.traceId;
    if (!traceId) continue;
    if (!byTrace.has(traceId) && byTrace.size >= (input.maxTraceSnapshots ?? DEFAULT_MAX_TRACE_SNAPSHOTS)) continue;
    byTrace.set(traceId, [...(byTrace.get(traceId) ?? []), f.id]);
  }
  const range = new URLSearchParams({ from: toRfc3339(fromMs), to: toRfc3339(toMs) }).toString();
  for (const [traceId, ids] of byTrace) {
    try {
      const url = await make({ name: `Digest: trace ${traceId.slice(0, 8)}… (${input.scheduleName})`, path: `/trace/${encodeURIComponent(traceId)}?${range}` });
      for (const id of ids) out.byAnomaly[id] = url;
    } catch (e) {
      out.warnings.push(`snapshot of trace ${traceId.slice(0, 8)}… could not be made`);
      out.problems.push(`snapshot of trace ${traceId.slice(0, 8)}… could not be made: ${(e as Error).message}`);
    }
  }
  return out;
}
