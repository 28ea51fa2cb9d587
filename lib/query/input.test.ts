import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/respond';
import { TimeRangeError } from '../time/range';
import { MAX_LOG_LIMIT, parseLogsInput, parseMetricsInput, parseStepSec } from './input';
import { NOW } from './test-fakes';

describe('parseStepSec', () => {
  it('reads float seconds and Prometheus durations', () => {
    expect(parseStepSec('15')).toBe(15);
    expect(parseStepSec('0.5')).toBe(0.5);
    expect(parseStepSec('1m30s')).toBe(90);
    expect(parseStepSec('1h')).toBe(3600);
    expect(parseStepSec('250ms')).toBe(0.25);
  });
  it('refuses what Prometheus would refuse', () => {
    for (const bad of ['', '-5', '1.5m', 'abc', '5 s', 'm']) expect(parseStepSec(bad)).toBeNull();
  });
});

describe('parseMetricsInput', () => {
  it('defaults to the last hour and keeps the trimmed query', () => {
    expect(parseMetricsInput({ query: '  up ' }, NOW)).toEqual({ query: 'up', stepSec: undefined, fromMs: NOW - 3_600_000, toMs: NOW });
  });
  it('parses the step', () => {
    expect(parseMetricsInput({ query: 'up', step: '30s' }, NOW).stepSec).toBe(30);
  });
  it.each([
    [{}, /query is required/],
    [{ query: '   ' }, /query is required/],
    [{ query: 'x'.repeat(10 * 1024 + 1) }, /longer than 10 kB/],
    [{ query: 'up', step: '0' }, /step "0" must be a positive duration/],
    [{ query: 'up', step: '2d' }, /up to 1d/],
    [{ query: 'up', step: 'fast' }, /step "fast"/],
  ])('rejects %j with a 400 naming the problem', (raw, message) => {
    try {
      parseMetricsInput(raw as Record<string, string>, NOW);
      expect.unreachable('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(400);
      expect((err as ApiError).message).toMatch(message);
    }
  });
  it('rejects a bad or inverted time range', () => {
    expect(() => parseMetricsInput({ query: 'up', from: 'yesterday' }, NOW)).toThrow(TimeRangeError);
    expect(() => parseMetricsInput({ query: 'up', from: 'now', to: 'now-1h' }, NOW)).toThrow(/must be after/);
  });
});

describe('parseLogsInput', () => {
  it('defaults the limit to 1,000', () => {
    expect(parseLogsInput({ query: '{job="a"}' }, NOW).limit).toBe(1_000);
  });
  it('accepts limits up to the maximum and refuses others', () => {
    expect(parseLogsInput({ query: '{job="a"}', limit: String(MAX_LOG_LIMIT) }, NOW).limit).toBe(MAX_LOG_LIMIT);
    for (const bad of ['0', '-1', '2.5', String(MAX_LOG_LIMIT + 1), 'many']) {
      expect(() => parseLogsInput({ query: '{job="a"}', limit: bad }, NOW)).toThrow(/limit must be a whole number/);
    }
  });
});
