import type { SourceName } from './types';

/** How the UI and messages name each backend, what it contributes, and the variable that connects it. */
export const SOURCE_DISPLAY_NAMES: Record<SourceName, string> = { prometheus: 'Prometheus', loki: 'Loki', jaeger: 'Jaeger' };
export const SOURCE_SIGNALS: Record<SourceName, string> = { prometheus: 'metrics', loki: 'logs', jaeger: 'trace' };
export const sourceUrlVar = (name: SourceName): string => `${name.toUpperCase()}_URL`;
