import { describe, expect, it } from 'vitest';
import type { HealthResponse } from '@/lib/api/contract/health';
import { logsLanguage } from './logs-language';

const report = (backend: 'loki' | 'elasticsearch') => ({ status: 'ok' as const, ms: 1, demo: false, backend });

function health(first: 'loki' | 'elasticsearch', all?: [string, 'loki' | 'elasticsearch'][]): HealthResponse {
  const loki = { ...report(first), ...(all ? { sources: all.map(([name, backend]) => ({ name, ...report(backend) })) } : {}) };
  return {
    status: 'ok',
    demo: false,
    sources: { prometheus: { status: 'not_configured', ms: 0, demo: false }, loki, jaeger: { status: 'not_configured', ms: 0, demo: false } },
    named: { prometheus: [], loki: all ? all.map(([n]) => n) : ['logs'], jaeger: [] },
  };
}

describe('logsLanguage', () => {
  it('is LogQL until health answers, and the single logs source\'s language after', () => {
    expect(logsLanguage(undefined, null)).toBe('logql');
    expect(logsLanguage(health('elasticsearch'), null)).toBe('lucene');
    expect(logsLanguage(health('loki'), null)).toBe('logql');
  });

  it('follows the chosen source, and for several the first in configuration order', () => {
    const mixed = health('loki', [
      ['eu', 'loki'],
      ['elk', 'elasticsearch'],
    ]);
    expect(logsLanguage(mixed, null)).toBe('logql');
    expect(logsLanguage(mixed, 'ELK')).toBe('lucene');
    expect(logsLanguage(mixed, 'elk,eu')).toBe('logql');
    expect(logsLanguage(mixed, '*')).toBe('logql');
  });
});
