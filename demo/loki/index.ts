import type { DemoBackend } from '../http';
import { handleLokiRequest } from './api';

export { handleLokiRequest } from './api';

/** The demo Loki, mounted at /loki: the app's LOKI_URL is `<demo>/loki`. */
export const lokiBackend: DemoBackend = { name: 'loki', mount: '/loki', handle: handleLokiRequest };
