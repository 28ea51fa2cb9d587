'use client';

import { useHealth } from '@/components/shell/source-pills';
import { roleDisplayName, sourceUrlVar } from '@/lib/model/source-names';
import { SOURCE_NAMES } from '@/lib/model/types';

/** One card per kind: what its first source is connected to (and, with several, each one's status), and what to do when it is not. */
export function SourceCards() {
  const { data, isLoading, isError } = useHealth();
  if (isError) return <p className="text-sm text-red-600">The health check did not answer; is the server running?</p>;
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      {SOURCE_NAMES.map((name) => {
        const s = data?.sources[name];
        return (
          <section key={name} className="rounded border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900" data-testid={`source-card-${name}`}>
            <h2 className="font-semibold">
              {roleDisplayName(name, s?.backend)} {s?.demo && <span className="ml-1 rounded bg-sky-100 px-1.5 text-xs text-sky-800 dark:bg-sky-900 dark:text-sky-100">demo</span>}
            </h2>
            {isLoading || !s ? (
              <p className="text-slate-500">Checking…</p>
            ) : s.status === 'ok' ? (
              <p className="text-emerald-700 dark:text-emerald-400">
                Connected{s.version ? ` · v${s.version}` : ''}
                {s.api ? ` · API ${s.api}` : ''} · {s.ms} ms
              </p>
            ) : s.status === 'not_configured' ? (
              <p className="text-slate-600 dark:text-slate-400">
                Not configured. {s.message ?? `Set ${sourceUrlVar(name)}.`}
              </p>
            ) : (
              <p className="text-red-700 dark:text-red-400">
                {s.status === 'timeout' ? 'Timed out' : 'Error'}: {s.message}
              </p>
            )}
            {s?.sources && (
              <ul className="mt-1 space-y-0.5 text-xs text-slate-600 dark:text-slate-400" data-testid={`source-card-${name}-sources`}>
                {s.sources.map((n) => (
                  <li key={n.name}>
                    {n.name} ({roleDisplayName(name, n.backend)}): {n.status === 'ok' ? `ok${n.version ? ` · v${n.version}` : ''}` : `${n.status.replace('_', ' ')}${n.message ? ` — ${n.message}` : ''}`}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
