import { describe, expect, it } from 'vitest';
import { csvCell, logsCsv, seriesCsv, toCsv } from './csv';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });
  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1+cmd|calc')).toBe("'+1+cmd|calc");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
  });
  it('writes numbers as numbers (a negative value stays a number) and empties for null', () => {
    expect(csvCell(-2.5)).toBe('-2.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Infinity)).toBe('+Inf');
  });
});

describe('toCsv', () => {
  it('ends every record with CRLF', () => {
    expect(toCsv([['a', 1], ['b', null]])).toBe('a,1\r\nb,\r\n');
  });
});

describe('seriesCsv', () => {
  it('writes one row per sample with one column per label', () => {
    const csv = seriesCsv([{ name: 'up', labels: { job: 'a', instance: 'x' }, points: [[0, 1], [1000, null]] }], ['instance=x']);
    expect(csv.split('\r\n')).toEqual(['series,instance,job,time,timestamp_ms,value', 'instance=x,x,a,1970-01-01T00:00:00.000Z,0,1', 'instance=x,x,a,1970-01-01T00:00:01.000Z,1000,', '']);
  });
});

describe('logsCsv', () => {
  it('keeps hostile lines inert and the exact nanosecond time', () => {
    const csv = logsCsv([{ ts: '2024-01-01T00:00:00.000Z', tsNs: '1704067200000000001', service: 'api', traceId: null, spanId: null, line: '=cmd|"/c calc"!A0, boom', labels: { level: 'error' } }]);
    const [, row] = csv.split('\r\n');
    expect(row).toBe(`2024-01-01T00:00:00.000Z,1704067200000000001,api,,,"'=cmd|""/c calc""!A0, boom","{""level"":""error""}"`);
  });
});
