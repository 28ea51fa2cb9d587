import { z } from 'zod';
import { searchResult, traceSearchAnswer, type SearchResult, type TraceSearchAnswer } from '@/lib/api/contract/search';

/**
 * A search answer checked against the contract in two stages (docs/search-api.md, "Pages"):
 * everything but the results, and the first results, at once, so the first rows draw as soon
 * as the answer arrives; the rest (up to 1,500) in slices with a pause between them, so the
 * check is never one long task.
 */
export const FIRST_CHECKED = 50;
const SLICE = 200;
const head = traceSearchAnswer.extend({ results: z.array(z.unknown()) });
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface StagedSearch {
  /** The answer with its first results checked (in the API's order: most recent first). */
  answer: TraceSearchAnswer;
  /** The results after those, not checked yet (checkRest). */
  rest: unknown[];
}

export async function parseSearchHead(body: unknown): Promise<StagedSearch> {
  const h = head.parse(body);
  return { answer: { ...h, results: h.results.slice(0, FIRST_CHECKED).map((r) => searchResult.parse(r)) }, rest: h.results.slice(FIRST_CHECKED) };
}

/** The remaining results, checked in slices; rejects on the first one that breaks the contract. */
export async function checkRest(rest: readonly unknown[], signal?: { aborted: boolean }): Promise<SearchResult[]> {
  const out: SearchResult[] = new Array(rest.length);
  for (let i = 0; i < rest.length; i++) {
    if (i > 0 && i % SLICE === 0) {
      await pause();
      if (signal?.aborted) throw new Error('aborted');
    }
    const checked = searchResult.safeParse(rest[i]);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new Error(`The server answered in an unexpected shape (results.${FIRST_CHECKED + i}.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}).`);
    }
    out[i] = checked.data;
  }
  return out;
}
