import { SEVERITIES, type Severity } from '@/lib/model/anomaly';

export { KIND_NAMES, kindName } from '@/lib/model/anomaly';

/** Worst first: the order findings and filters list severities in. */
export const SEVERITIES_WORST_FIRST: readonly Severity[] = [...SEVERITIES].reverse();

export const isSeverity = (s: string | null | undefined): s is Severity => s != null && (SEVERITIES as readonly string[]).includes(s);

export const SEVERITY_CLASSES: Record<Severity, { badge: string; bar: string; cell: string }> = {
  critical: {
    badge: 'bg-red-600 text-white',
    bar: 'border-l-red-600',
    cell: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100',
  },
  warning: {
    badge: 'bg-amber-400 text-amber-950',
    bar: 'border-l-amber-400',
    cell: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100',
  },
  info: {
    badge: 'bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100',
    bar: 'border-l-sky-400',
    cell: 'bg-sky-50 text-sky-900 dark:bg-sky-950 dark:text-sky-100',
  },
};
