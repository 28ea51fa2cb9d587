import type { DemoBackend } from '../http';
import { handleJaegerRequest } from './api';

export { handleJaegerRequest } from './api';

/** The demo Jaeger (v1 and v3 APIs), mounted at /jaeger: the app's JAEGER_URL is `<demo>/jaeger`. */
export const jaegerBackend: DemoBackend = { name: 'jaeger', mount: '/jaeger', handle: handleJaegerRequest };
