import { ServiceLink } from '@/components/ui/service-link';
import { IntentLink } from '@/components/ui/intent-link';
import type { Anomaly, AnomalyKind } from '@/lib/model/anomaly';
import { kindName, SEVERITY_CLASSES } from '@/components/anomalies/kinds';
import { countMatrix } from './overview-model';
import { anomaliesHref } from '@/lib/routes';

/** Findings by service (rows) and kind (columns), each cell coloured by its worst severity. */
export function CountMatrix({ anomalies, params }: { anomalies: readonly Anomaly[]; params: URLSearchParams }) {
  const m = countMatrix(anomalies);
  const cellLink = (service: string | null, kind: AnomalyKind | null, text: string, cls: string) => (
    <IntentLink href={anomaliesHref(params, { service, kind })} className={`block rounded px-2 py-0.5 text-center tabular-nums hover:underline ${cls}`}>
      {text}
    </IntentLink>
  );
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full border-separate border-spacing-1 text-sm" data-testid="count-matrix">
        <thead>
          <tr>
            <th className="text-left text-xs font-medium text-slate-500">Service</th>
            {m.kinds.map((k) => (
              <th key={k} scope="col" className="px-1 text-xs font-medium text-slate-500" title={k}>
                {kindName(k)}
              </th>
            ))}
            <th scope="col" className="px-1 text-xs font-medium text-slate-500">
              All
            </th>
          </tr>
        </thead>
        <tbody>
          {m.services.map((s) => (
            <tr key={s ?? ''} data-testid="count-row" data-service={s ?? ''}>
              <th scope="row" className="whitespace-nowrap pr-2 text-left font-medium">
                {s !== null ? <ServiceLink name={s} /> : <span className="italic text-slate-500">no service</span>}
              </th>
              {m.kinds.map((k) => {
                const c = m.cell(s, k);
                return (
                  <td key={k} data-kind={k} data-count={c?.count ?? 0}>
                    {c ? cellLink(s, k, String(c.count), SEVERITY_CLASSES[c.worst].cell) : <span className="block text-center text-slate-300 dark:text-slate-700">·</span>}
                  </td>
                );
              })}
              <td>{cellLink(s, null, String(m.byService.get(s)!.count), 'font-semibold')}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" className="pr-2 text-left text-xs font-medium text-slate-500">
              All services
            </th>
            {m.kinds.map((k) => (
              <td key={k} data-kind={k} data-count={m.byKind.get(k)!.count}>
                {cellLink(null, k, String(m.byKind.get(k)!.count), 'font-semibold')}
              </td>
            ))}
            <td>{cellLink(null, null, String(m.total), 'font-bold')}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
