import { describe, expect, it } from 'vitest';
import { detectLevel, normalizeLevel } from './log-level';

describe('detectLevel', () => {
  it('prefers the level labels over the line', () => {
    expect(detectLevel({ level: 'warn' }, 'ERROR boom')).toBe('warn');
    expect(detectLevel({ severity: 'ERROR' }, 'all good')).toBe('error');
    expect(detectLevel({ detected_level: 'debug' }, '')).toBe('debug');
    expect(detectLevel({ severity_text: 'Information' }, '')).toBe('info');
  });

  it('skips an unrecognised label value and falls back to the line', () => {
    expect(detectLevel({ level: 'whatever' }, 'level=error msg=x')).toBe('error');
  });

  it('reads logfmt and JSON level fields', () => {
    expect(detectLevel({}, 'ts=1 level=error msg="db down"')).toBe('error');
    expect(detectLevel({}, '{"ts":1,"level":"warn","msg":"slow"}')).toBe('warn');
    expect(detectLevel({}, '{"severity": "CRITICAL"}')).toBe('critical');
  });

  it('falls back to an upper-case level word', () => {
    expect(detectLevel({}, '2024-01-01 12:00:00 WARN pool exhausted')).toBe('warn');
    expect(detectLevel({}, '[ERROR] payment failed')).toBe('error');
  });

  it('does not take lower-case prose for a level', () => {
    expect(detectLevel({}, 'no error occurred here')).toBe('unknown');
  });

  it('maps OpenTelemetry severity numbers', () => {
    expect(normalizeLevel('9')).toBe('info');
    expect(normalizeLevel('17')).toBe('error');
    expect(normalizeLevel('30')).toBeNull();
  });
});
