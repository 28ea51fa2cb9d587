import { getConfig } from '../config';
import { notConfiguredMessage } from '../investigate/source-call';
import { getSources } from '../sources';
import type { CompletionDeps } from './prom-completion';

/** What the three completion routes hand to prom-completion.ts (one place, so they cannot drift). */
export function completionDeps(req: Request): CompletionDeps {
  return {
    prometheus: getSources().prometheus,
    nowMs: Date.now(),
    notConfiguredMessage: notConfiguredMessage('prometheus', getConfig().demo),
    signal: req.signal,
  };
}
