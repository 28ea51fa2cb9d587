import { describe, expect, it } from 'vitest';
import { roleDisplayName } from './source-names';

describe('roleDisplayName', () => {
  it('names the backend health reports for a role, else the role', () => {
    expect(roleDisplayName('loki', 'elasticsearch')).toBe('Elasticsearch');
    expect(roleDisplayName('jaeger', 'tempo')).toBe('Tempo');
    expect(roleDisplayName('loki', undefined)).toBe('Loki');
    expect(roleDisplayName('jaeger', 'something-new')).toBe('Jaeger');
  });
});
