import { Sparkline } from '@/components/charts/sparkline';
import type { Anomaly } from '@/lib/model/anomaly';
import { useTimeZone } from '@/components/settings/time-zone';
import { kindName } from './kinds';
import { findingMarks, sparklineModel, timelineText } from './sparkline-model';

interface Props {
  anomaly: Anomaly;
  range: { fromMs: number; toMs: number };
  width?: number;
  height?: number;
}

/**
 * The finding over the checked range: its series with reset markers and the storm's span
 * shaded, when the evidence carries points; otherwise a strip that still places the marks
 * in the range (no line), so every row shows *where* the problem sits.
 */
export function FindingSparkline({ anomaly, range, width = 140, height = 28 }: Props) {
  const zone = useTimeZone();
  const model = sparklineModel(anomaly, range, zone);
  const marks = model ?? { points: [], ...findingMarks(anomaly, range.fromMs, range.toMs, zone), ...range };
  const hasMarks = marks.markers.length > 0 || marks.shaded.length > 0;
  if (!model && !hasMarks) return null;
  return (
    <span className="inline-flex shrink-0 items-center" data-testid="finding-sparkline" data-has-points={model ? 'true' : 'false'}>
      <Sparkline
        points={marks.points}
        fromMs={range.fromMs}
        toMs={range.toMs}
        width={width}
        height={height}
        markers={marks.markers}
        shaded={marks.shaded}
        label={`${kindName(anomaly.kind)} over the checked range${model ? '' : ' (position only; no samples in the evidence)'}`}
      />
    </span>
  );
}

/** What happened when, as text: shown when the evidence has no points to draw. */
export function FindingTimeline({ anomaly, referenceMs }: { anomaly: Anomaly; referenceMs: number }) {
  const zone = useTimeZone();
  return (
    <ol className="space-y-0.5 font-mono text-xs text-slate-700 dark:text-slate-300" data-testid="finding-timeline">
      {timelineText(anomaly, zone, referenceMs).map((line, i) => (
        <li key={i} className="whitespace-pre-wrap">
          {line}
        </li>
      ))}
    </ol>
  );
}
