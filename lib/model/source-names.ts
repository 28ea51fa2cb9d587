import type { SourceName } from './types';

/** How the UI and messages name each backend, what it contributes, and the variable that connects it. */
export const SOURCE_DISPLAY_NAMES: Record<SourceName, string> = { prometheus: 'Prometheus', loki: 'Loki', jaeger: 'Jaeger' };
export const SOURCE_SIGNALS: Record<SourceName, string> = { prometheus: 'metrics', loki: 'logs', jaeger: 'trace' };
export const sourceUrlVar = (name: SourceName): string => `${name.toUpperCase()}_URL`;

/** The backend serving a role, as /api/health names it (TRACES_BACKEND, LOGS_BACKEND). */
export const BACKEND_DISPLAY_NAMES: Record<string, string> = { ...SOURCE_DISPLAY_NAMES, elasticsearch: 'Elasticsearch', tempo: 'Tempo' };

/** A role's display name: its backend's when health named one, else the role's default. */
export const roleDisplayName = (name: SourceName, backend: string | undefined): string => (backend && BACKEND_DISPLAY_NAMES[backend]) || SOURCE_DISPLAY_NAMES[name];
