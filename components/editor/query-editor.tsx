'use client';

import { autocompletion, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, syntaxHighlighting } from '@codemirror/language';
import { lintKeymap } from '@codemirror/lint';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { documentNonce } from './csp-nonce';
import { languageExtension, queryHighlightStyle, type QueryLanguage } from './languages';

/**
 * A small CodeMirror 6 editor for one PromQL or LogQL query. Ctrl/Cmd+Enter runs it. The
 * parent owns the text (`value`/`onChange`); the editor is created once and only patched
 * when `value` changes from outside (e.g. browser back restoring another query).
 */

export interface QueryEditorProps {
  language: QueryLanguage;
  value: string;
  onChange: (value: string) => void;
  onRun: (value: string) => void;
  /** Accessible name of the editing area. */
  label: string;
  placeholder?: string;
}

const theme = EditorView.theme({
  '&': { fontSize: '13px', backgroundColor: 'transparent' },
  '&.cm-focused': { outline: 'none' },
  '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', padding: '6px 0', caretColor: 'currentColor' },
  '.cm-line': { padding: '0 8px' },
  '.cm-tooltip': { fontSize: '12px' },
  '.cm-placeholder': { color: 'var(--color-slate-500)' },
});

export function QueryEditor({ language, value, onChange, onRun, label, placeholder }: QueryEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // Latest props for the long-lived editor's handlers (and the text to start from if it is rebuilt).
  const latest = useRef({ onChange, onRun, value });
  useEffect(() => {
    latest.current = { onChange, onRun, value };
  }, [onChange, onRun, value]);

  useEffect(() => {
    if (!host.current) return;
    const lang = languageExtension(language);
    const run = (v: EditorView) => {
      latest.current.onRun(v.state.doc.toString());
      return true;
    };
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          Prec.highest(keymap.of([{ key: 'Mod-Enter', run, preventDefault: true }])),
          history(),
          closeBrackets(),
          bracketMatching(),
          autocompletion(), // brings its own completion keymap
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...lintKeymap]),
          syntaxHighlighting(queryHighlightStyle),
          placeholderExt(placeholder ?? ''),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label, 'data-language': language }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current.onChange(u.state.doc.toString());
          }),
          theme,
          // CodeMirror's themes are a <style> element: it needs the page's CSP nonce.
          EditorView.cspNonce.of(documentNonce()),
          lang.extension,
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      lang.destroy();
      view.current = null;
    };
  }, [language, label, placeholder]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  return (
    <div
      ref={host}
      data-testid={`query-editor-${language}`}
      className="min-h-[34px] flex-1 rounded border border-slate-300 bg-white focus-within:border-sky-500 dark:border-slate-700 dark:bg-slate-900"
    />
  );
}
