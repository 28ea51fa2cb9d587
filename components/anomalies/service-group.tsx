'use client';

import { ServiceLink } from '@/components/ui/service-link';
import { useState } from 'react';
import { SeverityBadge } from './badges';
import { FindingRowView, type RowContext } from './finding-row';
import { rowIsOpen, type KindGroup, type ServiceGroup } from './grouping';
import { kindName } from './kinds';

/** Rows shown per kind before "show more": per-trace findings can run to dozens. */
const ROWS_SHOWN = 5;

function KindGroupView({ group, ctx }: { group: KindGroup; ctx: RowContext }) {
  const [all, setAll] = useState(false);
  // A shared link that opens a finding further down shows the whole list.
  const openIndex = group.rows.findIndex((r) => rowIsOpen(r, ctx.open));
  const limit = all || openIndex >= ROWS_SHOWN ? group.rows.length : ROWS_SHOWN;
  const hidden = group.rows.length - limit;
  return (
    <div data-testid="kind-group" data-kind={group.kind} className="space-y-1 pl-2">
      <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">
        {kindName(group.kind)} · {group.count}
      </h3>
      <ul className="space-y-2">
        {group.rows.slice(0, limit).map((row) => (
          <FindingRowView key={row.key} row={row} ctx={ctx} />
        ))}
      </ul>
      {hidden > 0 && (
        <button type="button" className="text-sm text-sky-700 hover:underline dark:text-sky-400" onClick={() => setAll(true)} data-testid="show-more">
          Show {hidden} more {kindName(group.kind).toLowerCase()}
        </button>
      )}
    </div>
  );
}

/** One service's findings, kind by kind, worst first. */
export function ServiceGroupView({ group, ctx }: { group: ServiceGroup; ctx: RowContext }) {
  return (
    <section data-testid="service-group" data-service={group.service ?? ''} className="space-y-2">
      <h2 className="flex flex-wrap items-center gap-2 text-base font-semibold">
        {group.service ? <ServiceLink name={group.service} /> : <span className="italic text-slate-500">Not tied to one service</span>}
        <SeverityBadge severity={group.worst} />
        <span className="text-sm font-normal text-slate-500">
          {group.count} {group.count === 1 ? 'finding' : 'findings'}
        </span>
      </h2>
      {group.kinds.map((k) => (
        <KindGroupView key={k.kind} group={k} ctx={ctx} />
      ))}
    </section>
  );
}
