// Runs in the browser before the app's own code (Next.js instrumentation-client): zod must
// be jitless before any schema is built, or the CSP reports its eval probe.
import './lib/api/contract/jitless';
