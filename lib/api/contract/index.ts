/** The public HTTP API's schemas and types, one module per area (docs/api.md). */
export * from './common';
export * from './anomaly';
export * from './anomalies';
export * from './trace';
export * from './explore';
export * from './views';
export * from './digests';
export * from './health';
export * from './search';
export * from './auth';
export * from './incidents';
export * from './trace-stream';
