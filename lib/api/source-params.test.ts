import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../sources/registry';
import { parseConfig } from '../config';
import { sourceSelection } from './source-params';
import { ApiError } from './respond';

const lists = buildRegistry(parseConfig({ LOKI_URL: 'http://l', PROMETHEUS_URL: 'http://p' }).namedSources).lists;
const q = (s: string) => new URLSearchParams(s);

describe('source parameters', () => {
  it('reads a name, a list or * per kind; absent kinds keep their default', () => {
    expect(sourceSelection(q('logsSource=*&metricsSource=prometheus'), lists)).toEqual({ logs: '*', metrics: 'prometheus' });
    expect(sourceSelection(q(''), lists)).toEqual({});
  });

  it('answers 400 naming the parameter for a malformed value and the known names for an unknown one', () => {
    expect(() => sourceSelection(q('logsSource=a b'), lists)).toThrow(ApiError);
    expect(() => sourceSelection(q('logsSource=a b'), lists)).toThrow(/^logsSource: must be a logs source name/);
    expect(() => sourceSelection(q('tracesSource=tempo'), lists)).toThrow('tracesSource: no traces source is named "tempo" (known: none configured)');
  });
});
