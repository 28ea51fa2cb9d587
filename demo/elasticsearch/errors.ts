/** Elasticsearch's error answer: `{error: {root_cause, type, reason, …}, status}` (lib/sources/elasticsearch/README.md §3). */
export class EsError extends Error {
  constructor(public readonly status: number, public readonly type: string, reason: string, public readonly extra: Record<string, unknown> = {}, public readonly rootCause?: { type: string; reason: string }) {
    super(reason);
  }
  body() {
    const own = { type: this.type, reason: this.message, ...this.extra };
    return { error: { root_cause: [this.rootCause ?? own], ...own }, status: this.status };
  }
}

/** A request part outside what the demo (or Elasticsearch) parses. */
export const parsing = (reason: string) => new EsError(400, 'parsing_exception', reason, { line: 1, col: 1 });
