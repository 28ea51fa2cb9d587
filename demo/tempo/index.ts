import type { DemoBackend } from '../http';
import { handleTempoRequest } from './api';

export { handleTempoRequest } from './api';

/** The demo Tempo, mounted at /tempo: the app's TEMPO_URL (or DEMO_TEMPO_URL) is `<demo>/tempo`. */
export const tempoBackend: DemoBackend = { name: 'tempo', mount: '/tempo', handle: handleTempoRequest };
