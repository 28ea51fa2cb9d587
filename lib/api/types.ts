/** The public API's response types, inferred from the contract's schemas (lib/api/contract). */
export type {
  AnomaliesResponse,
  ApiExemplar,
  ApiMetric,
  ApiSpan,
  ApiSpanEvent,
  ApiTrace,
  CorrelatedResponse,
} from './contract';
