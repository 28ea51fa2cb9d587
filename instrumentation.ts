/**
 * Next.js start-up hook (Node.js server runtime only — the edge runtime has no database
 * driver or SMTP). The configuration is parsed here, so a bad value stops start-up with a
 * message naming the variable instead of failing the first request. Then the in-process
 * digest runner starts; a failure there is logged and never stops the server.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getConfig, ConfigError } = await import('./lib/config');
  try {
    getConfig();
    // The clients too, once, so each source's breaker and limiter exist before the first request.
    const { getSources } = await import('./lib/sources');
    getSources();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`[triangulate] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  // Before the first request, so proxy.ts and the handlers share it (lib/auth/internal.ts).
  (await import('./lib/auth/internal')).internalKey();
  try {
    const { startServerDigestRunner } = await import('./lib/digests/server');
    startServerDigestRunner();
  } catch (err) {
    console.error('[triangulate] the digest runner did not start', err);
  }
}
