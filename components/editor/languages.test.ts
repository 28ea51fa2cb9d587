import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { highlightTree } from '@lezer/highlight';
import { describe, expect, it } from 'vitest';
import { languageExtension, queryHighlightStyle, type QueryLanguage } from './languages';

/** The highlighted pieces of `doc` under the editor's language, as [text, class] pairs. */
function highlighted(language: QueryLanguage, doc: string): [string, string][] {
  const lang = languageExtension(language);
  const state = EditorState.create({ doc, extensions: [lang.extension] });
  const tree = ensureSyntaxTree(state, doc.length, 5_000);
  expect(tree).not.toBeNull();
  const out: [string, string][] = [];
  highlightTree(tree!, queryHighlightStyle, (from, to, cls) => out.push([doc.slice(from, to), cls]));
  lang.destroy();
  return out;
}

// PromQL is not exercised here: under Node, @prometheus-io/codemirror-promql resolves to its
// CommonJS build and so to a second @codemirror/state; bundlers pick its ES module build.
describe('query languages', () => {
  it('highlights LogQL strings, functions, durations and label names', () => {
    const pieces = highlighted('logql', 'count_over_time({app="checkout"} |= "error" [5m])');
    const texts = pieces.map(([t]) => t);
    expect(texts).toContain('"checkout"');
    expect(texts).toContain('"error"');
    expect(texts).toContain('count_over_time');
    expect(texts).toContain('app');
    expect(texts.some((t) => t.includes('5m'))).toBe(true);
    // Strings and the function get different styles.
    const cls = Object.fromEntries(pieces);
    expect(cls['"checkout"']).not.toBe(cls['count_over_time']);
  });

  it('highlights Lucene field names, phrases and boolean operators apart', () => {
    const pieces = highlighted('lucene', 'service.name:checkout AND NOT "payment failed"');
    const cls = (text: string) => pieces.find(([t]) => t === text)?.[1];
    expect(cls('service.name')).toBeTruthy();
    expect(cls('"payment failed"')).toBeTruthy();
    expect(cls('AND')).toBeTruthy();
    expect(new Set([cls('service.name'), cls('"payment failed"'), cls('AND')]).size).toBe(3);
    expect(cls('checkout')).toBeUndefined();
  });
});
