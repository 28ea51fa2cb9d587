import type { ReactNode } from 'react';

/** A panel's heading: its name, the query language it speaks, and what it reports on the right (counts, CSV). */
export function PanelHeader({ id, title, language, children }: { id: string; title: string; language: string; children?: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-2">
      <h2 id={id} className="text-sm font-semibold">
        {title} <span className="font-normal text-slate-500">{language}</span>
      </h2>
      {children}
    </div>
  );
}

/** One of Explore's panels (metrics, logs): a labelled box with its PanelHeader; `aside` is the header's right side. */
export function ExplorePanel({ testId, titleId, title, language, aside, children }: { testId: string; titleId: string; title: string; language: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section data-testid={testId} aria-labelledby={titleId} className="space-y-2 rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <PanelHeader id={titleId} title={title} language={language}>
        {aside}
      </PanelHeader>
      {children}
    </section>
  );
}
