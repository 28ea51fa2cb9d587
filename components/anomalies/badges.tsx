import type { Severity } from '@/lib/model/anomaly';
import { kindName, SEVERITY_CLASSES } from './kinds';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide ${SEVERITY_CLASSES[severity]?.badge ?? ''}`} data-testid="severity-badge">
      {severity}
    </span>
  );
}

export function KindBadge({ kind }: { kind: string }) {
  return (
    <span className="inline-block rounded border border-slate-300 px-1.5 py-0.5 text-[11px] text-slate-700 dark:border-slate-700 dark:text-slate-300" title={kind}>
      {kindName(kind)}
    </span>
  );
}
