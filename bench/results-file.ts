import { readFileSync } from 'node:fs';

/** The `--only` name of each results section. */
export const SECTION_FLAGS: Record<string, string> = { pipeline: 'pipeline', api: 'api', browser: 'browser', scanScale: 'scan', search: 'search', traceTools: 'tools', traceToolsBrowser: 'tools-browser' };

export type Measured = { generatedAt: string; machine: Record<string, unknown> };

/** Every section with when it was measured; sections outside `ran` (null: all ran) come from the earlier file when it has them. */
export function keepEarlierSections(file: string, fresh: Record<string, unknown>, ran: string[] | null, measured: Measured): Record<string, unknown> {
  let earlier: Record<string, unknown> = {};
  try {
    earlier = (JSON.parse(readFileSync(file, 'utf8')) as { sections?: Record<string, unknown> }).sections ?? {};
  } catch {
    /* no earlier file, or one from before sections were kept: only this run's */
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fresh)) {
    const keep = ran !== null && !ran.includes(name) && earlier[name] !== undefined;
    out[name] = keep ? earlier[name] : { measured, result: value };
  }
  return out;
}
