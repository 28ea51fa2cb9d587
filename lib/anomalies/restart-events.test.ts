import { describe, expect, it } from 'vitest';
import { counterResetDetector } from './counter-reset';
import { restartEvents, restartGroups, restartSentence } from './restart-events';
import { emptyInput, seriesOf, T0 } from './test-helpers';
import { DEFAULT_DETECTOR_OPTIONS } from './types';

const target = { job: 'billing', instance: 'b-0:9000' };
const started = (restartAtSec: number) => seriesOf('process_start_time_seconds', target, [100, 100, 100, restartAtSec, restartAtSec, restartAtSec]);

describe('restartEvents', () => {
  const restartSec = (T0 + 50_000) / 1000;
  const input = emptyInput({
    series: [
      seriesOf('ledger_writes_total', target, [500, 510, 520, 3, 9, 12]),
      seriesOf('ledger_bytes_total', target, [9e6, 9.1e6, 9.2e6, 40, 90, 120]),
      // Restored from saved state: a big value right after the restart, a false rate() spike.
      seriesOf('ledger_cache_hits_total', target, [1000, 1010, 1020, 900, 905, 910]),
      started(restartSec),
      // Another target's counter that went down with no restart: a row of its own.
      seriesOf('queue_acks_total', { job: 'queue', instance: 'q:1' }, [50, 60, 40, 45, 50, 55]),
    ],
  });
  const records = counterResetDetector.detect(input, DEFAULT_DETECTOR_OPTIONS);

  it('keeps one API record per series', () => {
    expect(records.map((a) => a.subject.series?.name).sort()).toEqual(['ledger_bytes_total', 'ledger_cache_hits_total', 'ledger_writes_total', 'queue_acks_total']);
  });

  it('shows one restart of a target as one event: target, time, how many series, false spike', () => {
    const { events, rest } = restartEvents(records);
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e.target).toBe('billing/b-0:9000');
    expect(e.atMs).toBe(T0 + 50_000);
    expect(e.members).toHaveLength(3);
    expect(e.falseSpike).toBe(true);
    expect(rest.map((a) => a.subject.series?.name)).toEqual(['queue_acks_total']);
    expect(restartSentence(e, () => '14:00:50')).toBe('billing (billing/b-0:9000) restarted at 14:00:50: 3 counter series reset; rate() panels show a false spike there.');
  });

  it('names no group for a finding of another kind or a reset without a restart', () => {
    expect(restartGroups({ ...records[0], kind: 'gc_storm' })).toEqual([]);
    expect(restartGroups(records.find((a) => a.subject.series?.name === 'queue_acks_total')!)).toEqual([]);
  });
});
