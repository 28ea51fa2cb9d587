import { describe, expect, it } from 'vitest';
import type { LogEntry } from '@/lib/model/types';
import { filterLogs, joinedByText, logsBySpan, parseLevels, withLevels } from './log-filter';

const entry = (line: string, over: Partial<LogEntry> = {}): LogEntry => ({
  ts: '2024-01-01T00:00:00.000Z',
  tsNs: '1704067200000000000',
  line,
  labels: {},
  service: 'checkout',
  traceId: null,
  spanId: null,
  joinedBy: null,
  ...over,
});

const logs = withLevels([
  entry('level=error payment declined', { spanId: 'aaaa', joinedBy: 'span_id' }),
  entry('level=info request done', { spanId: 'aaaa', joinedBy: 'time' }),
  entry('WARN retrying', { service: 'risk-engine', labels: { pod: 'risk-7f' } }),
]);
const lines = (xs: ReturnType<typeof filterLogs>) => xs.map((l) => l.entry.line);

describe('filterLogs', () => {
  it('returns everything for an empty filter', () => {
    expect(filterLogs(logs, '  ', new Set())).toHaveLength(3);
  });

  it('requires every term, case-insensitively, across line, service and labels', () => {
    expect(lines(filterLogs(logs, 'PAYMENT declined', new Set()))).toEqual(['level=error payment declined']);
    expect(lines(filterLogs(logs, 'risk-7f', new Set()))).toEqual(['WARN retrying']);
  });

  it('excludes lines matching a -term', () => {
    expect(lines(filterLogs(logs, '-payment', new Set()))).toEqual(['level=info request done', 'WARN retrying']);
  });

  it('keeps only the selected levels', () => {
    expect(lines(filterLogs(logs, '', parseLevels('error,warn')))).toEqual(['level=error payment declined', 'WARN retrying']);
  });
});

describe('log helpers', () => {
  it('parseLevels ignores unknown values', () => {
    expect([...parseLevels('error,<script>,WARN')]).toEqual(['error', 'warn']);
  });

  it('groups joined lines by span id', () => {
    const bySpan = logsBySpan(logs);
    expect(bySpan.get('aaaa')?.map((l) => l.seq)).toEqual([0, 1]);
    expect(bySpan.size).toBe(1);
  });

  it('says how a line was joined', () => {
    expect(joinedByText('span_id')).toBe('by span id');
    expect(joinedByText('time')).toBe('by service + time');
    expect(joinedByText(null)).toBe('not joined');
  });
});
