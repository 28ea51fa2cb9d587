import type { LokiClient, PrometheusClient } from '../sources/types';

/** Fake backend clients for the query tests: only the methods a test scripts exist. */

function unscripted(name: string): never {
  throw new Error(`${name} was not expected in this test`);
}

export function fakePrometheus(over: Partial<PrometheusClient>): PrometheusClient {
  return {
    query: () => unscripted('query'),
    queryRange: () => unscripted('queryRange'),
    series: () => unscripted('series'),
    labels: () => unscripted('labels'),
    labelValues: () => unscripted('labelValues'),
    metadata: () => unscripted('metadata'),
    exemplars: async () => [],
    buildinfo: () => unscripted('buildinfo'),
    ...over,
  };
}

export function fakeLoki(over: Partial<LokiClient>): LokiClient {
  return {
    queryRange: () => unscripted('queryRange'),
    queryRangeMetric: () => unscripted('queryRangeMetric'),
    query: () => unscripted('query'),
    labels: () => unscripted('labels'),
    labelValues: () => unscripted('labelValues'),
    series: () => unscripted('series'),
    buildinfo: () => unscripted('buildinfo'),
    ...over,
  };
}

/** 2024-07-03T07:00:00Z, fixed so relative ranges are reproducible. */
export const NOW = Date.UTC(2024, 6, 3, 7, 0, 0);
