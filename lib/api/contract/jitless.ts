import { z } from 'zod';

/**
 * zod decides on its compiled fast path by probing `new Function` when a schema is built.
 * Under our CSP (no 'unsafe-eval', docs/security.md) the browser reports that caught probe
 * as a violation, so in the browser schemas are built jitless. Imported before any schema
 * is built: by the contract's first module and by instrumentation-client.ts. The server
 * keeps the fast path for big backend answers.
 */
if (typeof window !== 'undefined') z.config({ jitless: true });
