import { HighlightStyle, LRLanguage, LanguageSupport, StreamLanguage } from '@codemirror/language';
import { linter, type Diagnostic } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { parser as logqlParser } from '@grafana/lezer-logql';
import { styleTags, tags as t } from '@lezer/highlight';
import { LanguageType, PromQLExtension } from '@prometheus-io/codemirror-promql';
import { logqlSyntaxErrors } from './logql-lint';
import { ApiPrometheusClient } from './promql-completion';

/**
 * The two query languages of /explore. PromQL comes with highlighting, completion and a
 * syntax linter from the Prometheus package; metric, label and label-value names complete
 * through Triangulate's own API (promql-completion.ts), so the browser never learns a
 * backend's URL. LogQL gets Grafana's grammar with highlighting and a parse-tree linter.
 */

export type QueryLanguage = 'promql' | 'logql' | 'lucene';

/**
 * Elasticsearch's query_string (Lucene) syntax, for LOGS_BACKEND=elasticsearch: highlighting
 * only (field names, phrases, AND/OR/NOT, wildcards); Elasticsearch itself says what does not parse.
 */
export const luceneLanguage = StreamLanguage.define<null>({
  name: 'lucene',
  startState: () => null,
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (stream.match(/^(?:AND|OR|NOT|TO)\b/) || stream.match(/^(?:&&|\|\||!|[+-](?=\S))/)) return 'operator';
    if (stream.match(/^[^\s():"]+(?=:)/)) return 'propertyName';
    if (stream.match(/^\d+(?:\.\d+)?\b/)) return 'number';
    if (stream.match(/^[()[\]{}]/)) return 'bracket';
    if (!stream.match(/^[^\s()"]+/)) stream.next();
    return null;
  },
  languageData: { closeBrackets: { brackets: ['(', '"'] } },
});

const LOGQL_KEYWORDS =
  'Json Logfmt Unpack Pattern Regexp Unwrap LabelFormat LineFormat LabelReplace Vector Offset Bool On Ignoring GroupLeft GroupRight Decolorize Drop Keep By Without And Or Unless';
const LOGQL_FUNCTIONS =
  'Sum Avg Count Max Min Stddev Stdvar Bottomk Topk Sort Sort_Desc CountOverTime Rate RateCounter BytesOverTime BytesRate AvgOverTime SumOverTime MinOverTime MaxOverTime StddevOverTime StdvarOverTime QuantileOverTime FirstOverTime LastOverTime AbsentOverTime BytesConv DurationConv DurationSecondsConv';
const LOGQL_OPERATORS = 'Eq Neq Re Nre PipeExact PipeMatch PipePattern Npa Pipe Gtr Gte Lss Lte Eql Add Sub Mul Div Mod Pow';

const logqlLanguage = LRLanguage.define({
  name: 'logql',
  parser: logqlParser.configure({
    props: [
      styleTags({
        [LOGQL_KEYWORDS]: t.keyword,
        [LOGQL_FUNCTIONS]: t.function(t.variableName),
        [LOGQL_OPERATORS]: t.operator,
        Identifier: t.labelName,
        String: t.string,
        'Number Duration Bytes': t.number,
        LineComment: t.lineComment,
        '( )': t.paren,
        '{ }': t.brace,
        '[ ]': t.squareBracket,
      }),
    ],
  }),
  languageData: { closeBrackets: { brackets: ['(', '[', '{', '"', '`'] }, commentTokens: { line: '#' } },
});

const logqlLinter = linter((view) =>
  logqlSyntaxErrors(view.state.doc.toString()).map((p): Diagnostic => ({ from: p.from, to: p.to, severity: 'error', message: p.message, source: 'LogQL' })),
);

/** Readable on light and dark backgrounds alike (the app follows the system scheme). */
export const queryHighlightStyle = HighlightStyle.define([
  // Colours per theme, each AA-readable on its background (app/globals.css, --hl-*).
  { tag: t.keyword, color: 'var(--hl-keyword)' },
  { tag: [t.function(t.variableName), t.function(t.name)], color: 'var(--hl-function)' },
  { tag: [t.labelName, t.propertyName, t.attributeName], color: 'var(--hl-label)' },
  { tag: t.string, color: 'var(--hl-string)' },
  { tag: t.number, color: 'var(--hl-number)' },
  { tag: t.operator, color: 'var(--hl-operator)' },
  { tag: [t.lineComment, t.comment], color: 'var(--color-slate-500)', fontStyle: 'italic' },
  { tag: t.invalid, color: 'var(--hl-invalid)' },
]);

/** A fresh extension per editor: PromQLExtension holds per-editor completion state. */
export function languageExtension(language: QueryLanguage): { extension: Extension; destroy: () => void } {
  if (language === 'lucene') return { extension: luceneLanguage, destroy: () => undefined };
  if (language === 'logql') return { extension: [new LanguageSupport(logqlLanguage), logqlLinter], destroy: () => undefined };
  const promql = new PromQLExtension().setComplete({ remote: new ApiPrometheusClient() }).activateLinter(true);
  return { extension: promql.asExtension(LanguageType.PromQL), destroy: () => promql.destroy() };
}
