import { parser } from '@grafana/lezer-logql';

/**
 * LogQL syntax validation from Grafana's Lezer grammar: every error node of the parse tree
 * becomes one problem. Pure (no DOM), so it is tested directly; the editor turns these into
 * CodeMirror diagnostics.
 */

export interface SyntaxProblem {
  from: number;
  to: number;
  message: string;
}

export function logqlSyntaxErrors(text: string): SyntaxProblem[] {
  if (text.trim() === '') return [];
  const problems: SyntaxProblem[] = [];
  parser.parse(text).iterate({
    enter(node) {
      if (!node.type.isError) return;
      const atEnd = node.from >= text.trimEnd().length;
      const from = Math.min(node.from, Math.max(0, text.length - 1));
      const to = Math.max(from + 1, Math.min(node.to, text.length));
      const near = text.slice(from, Math.min(to, from + 20));
      problems.push({ from, to, message: atEnd ? 'Incomplete query: something is missing at the end' : `Syntax error near "${near}"` });
    },
  });
  // Lezer may report several adjacent error nodes for one mistake: keep one per position.
  return problems.filter((p, i) => i === 0 || p.from !== problems[i - 1].from);
}
