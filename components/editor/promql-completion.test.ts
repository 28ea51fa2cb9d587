import { EqlRegex, EqlSingle, Neq } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import { completionSelector } from './promql-completion';

describe('completionSelector', () => {
  it('scopes completion to the metric and the matchers already typed, minus the label being completed', () => {
    expect(completionSelector('http_requests_total', [{ type: EqlSingle, name: 'job', value: 'api' }, { type: EqlRegex, name: 'code', value: '5..' }, { type: Neq, name: 'le', value: 'x' }], 'le')).toBe(
      'http_requests_total{job="api",code=~"5.."}',
    );
  });
  it('quotes hostile values and leaves no selector when there is nothing to scope by', () => {
    expect(completionSelector(undefined, [{ type: EqlSingle, name: 'a', value: 'x"}' }])).toBe('{a="x\\"}"}');
    expect(completionSelector()).toBeUndefined();
    expect(completionSelector('up', [{ type: EqlSingle, name: 'job', value: '' }])).toBe('up{}');
  });
});
