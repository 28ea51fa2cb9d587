import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { buildRegistry, selectSources, UnknownSourceError, UnsupportedSourceType } from './registry';
import type { NamedSourceConfig } from '../config';

const source = (label: string, slot: NamedSourceConfig['name'], type: NamedSourceConfig['type'] = slot): NamedSourceConfig => ({
  name: slot,
  label,
  type,
  baseUrl: `http://${label}`,
  auth: null,
  timeoutMs: 1000,
  demo: false,
  tenant: null,
  serviceLabel: null,
  options: {},
});

describe('source registry', () => {
  const registry = buildRegistry([source('prom-a', 'prometheus'), source('loki-eu', 'loki'), source('loki-us', 'loki'), source('jaeger', 'jaeger')]);

  it('builds one client per named source, each with its own transport', () => {
    expect(registry.lists.loki.map((s) => s.name)).toEqual(['loki-eu', 'loki-us']);
    expect(registry.lists.loki[0].client).not.toBe(registry.lists.loki[1].client);
    expect(registry.transports.get('loki-eu')?.transport).not.toBe(registry.transports.get('loki-us')?.transport);
  });

  it('selects the first of a kind by default, one by name, several by list and all with *', () => {
    expect(selectSources(registry.lists, {}).loki.map((s) => s.name)).toEqual(['loki-eu']);
    expect(selectSources(registry.lists, { logs: 'LOKI-US' }).loki.map((s) => s.name)).toEqual(['loki-us']);
    expect(selectSources(registry.lists, { logs: 'loki-us,loki-eu' }).loki.map((s) => s.name)).toEqual(['loki-us', 'loki-eu']);
    expect(selectSources(registry.lists, { logs: '*' }).loki.map((s) => s.name)).toEqual(['loki-eu', 'loki-us']);
    expect(selectSources(registry.lists, { logs: '*' }).prometheus.map((s) => s.name)).toEqual(['prom-a']);
  });

  it('names the unknown source and the known ones', () => {
    expect(() => selectSources(registry.lists, { traces: 'tempo-eu' })).toThrow(UnknownSourceError);
    expect(() => selectSources(registry.lists, { traces: 'tempo-eu' })).toThrow('tracesSource: no traces source is named "tempo-eu" (known: jaeger)');
  });

  it('compiles per-source trace-id rules once', () => {
    const withRules = buildRegistry([{ ...source('l', 'loki'), traceIds: { traceKeys: ['traceID'], defaultRegexes: false } }]);
    expect(withRules.lists.loki[0].extraction?.traceKeys).toContain('traceID');
  });

  it('says which type this build cannot speak yet', () => {
    expect(() => buildRegistry([source('t', 'jaeger', 'tempo')])).toThrow(UnsupportedSourceType);
  });

  it('serves the env-var configuration unchanged: one client per kind', () => {
    const cfg = parseConfig({ PROMETHEUS_URL: 'http://p', LOKI_URL: 'http://l' });
    const r = buildRegistry(cfg.namedSources);
    expect([r.lists.prometheus.length, r.lists.loki.length, r.lists.jaeger.length]).toEqual([1, 1, 0]);
  });
});
