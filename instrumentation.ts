/**
 * Next.js start-up hook: starts the in-process digest runner (lib/digests) in the Node.js
 * server runtime only — the edge runtime has no database driver or SMTP. The dynamic
 * import keeps those modules out of other runtimes' bundles. A failure to start is logged
 * and never stops the server.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  try {
    const { startServerDigestRunner } = await import('./lib/digests/server');
    startServerDigestRunner();
  } catch (err) {
    console.error('[triangulate] the digest runner did not start', err);
  }
}
