import type { ApiTrace } from '@/lib/api/types';

/**
 * The trace as a file: the normalized model the page draws (docs/api.md, `Trace`: spans with
 * tags, events and warnings, process tags once per process), not Jaeger's wire format, so
 * it reads the same whichever Jaeger API it came from.
 */
export function traceDownload(traceId: string, trace: ApiTrace): { filename: string; json: string } {
  return { filename: `trace-${traceId}.json`, json: `${JSON.stringify({ traceId, trace }, null, 2)}\n` };
}

/** Saves text as a file through a temporary object URL (browser only). */
export function saveText(filename: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
