'use client';

import { useSetViewParams, useViewParams } from '@/components/ui/view-params';
import { BACKEND_DISPLAY_NAMES, roleDisplayName, SOURCE_SIGNALS } from '@/lib/model/source-names';
import type { SourceName } from '@/lib/model/types';
import { SOURCE_PARAM_OF } from '@/lib/views/api-urls';

/** All sources of a kind at once (docs/api.md, "Choosing sources"). */
const ALL = '*';

/**
 * Which named source of a kind the page asks (`?logsSource=` etc.), shown only when the
 * provisioning file lists several; the first is the default and leaves the URL clean. When the
 * kind mixes types (a Loki and an Elasticsearch), each option names its type.
 */
export function SourcePicker({ slot, names, backends }: { slot: SourceName; names: string[]; backends?: readonly string[] }) {
  const mixed = new Set(backends).size > 1;
  const params = useViewParams();
  const setParams = useSetViewParams();
  const param = SOURCE_PARAM_OF[slot];
  const value = params.get(param) ?? names[0];
  return (
    <select
      // Named by the signal, not the backend: a logs kind may mix Loki and Elasticsearch.
      aria-label={mixed ? `Source of ${SOURCE_SIGNALS[slot]}` : `${roleDisplayName(slot, backends?.[0])} source`}
      data-testid={`source-picker-${slot}`}
      className="rounded border border-slate-300 bg-transparent text-xs dark:border-slate-700"
      value={value}
      onChange={(e) => setParams({ [param]: e.target.value === names[0] ? null : e.target.value }, 'replace')}
    >
      {names.map((n, i) => (
        <option key={n} value={n}>
          {mixed && backends?.[i] ? `${n} (${BACKEND_DISPLAY_NAMES[backends[i]] ?? backends[i]})` : n}
        </option>
      ))}
      <option value={ALL}>all ({names.length})</option>
    </select>
  );
}
