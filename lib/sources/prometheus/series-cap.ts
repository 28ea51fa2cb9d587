/**
 * Series caps before materializing (docs/reliability.md, "Memory budget"). A query with a
 * `limit` keeps only its first `limit` series, but JSON.parse would build every series of
 * the answer first (a 32 MiB matrix is ~100 MiB of heap). So the body text is cut before it
 * is parsed: each series of a Prometheus query answer is an object that opens with
 * `{"metric":{` (labels are strings, and quotes inside strings are escaped, so nothing else
 * in the answer looks like that). The text is cut before series `limit + 1` and the result
 * array, `data` and the envelope are closed. Warnings after `data` are dropped with the
 * series (the caller reports the cut itself).
 *
 * Any other layout (another envelope key order, series whose first key is not `metric`) is
 * left whole, and the parsed result is cut instead, as before.
 */

const SERIES_START = /\{\s*"metric"\s*:\s*\{/g;
/** The envelope the closing `]}}` matches: Prometheus's own key order. */
const ENVELOPE = /^\s*\{\s*"status"\s*:\s*"success"\s*,\s*"data"\s*:\s*\{\s*"resultType"\s*:\s*"(matrix|vector)"\s*,\s*"result"\s*:\s*\[/;

export function cutSeriesText(text: string, limit: number): string {
  if (!(limit > 0) || !ENVELOPE.test(text.slice(0, 200))) return text;
  SERIES_START.lastIndex = 0;
  let count = 0;
  let m: RegExpExecArray | null;
  while ((m = SERIES_START.exec(text)) !== null) {
    if (++count > limit) break;
  }
  if (!m) return text;
  let i = m.index - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  if (text[i] !== ',') return text;
  return `${text.slice(0, i)}]}}`;
}
