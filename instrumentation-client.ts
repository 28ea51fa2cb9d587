// Runs in the browser before the app's own code (Next.js instrumentation-client): zod must
// be jitless before any schema is built, or the CSP reports its eval probe.
import './lib/api/contract/jitless';
import { startTraceStream } from './components/traces/early-stream';

// The trace page's stream starts here, after the page's scripts and before hydration
// (components/traces/early-stream.ts).
startTraceStream(window.location);
