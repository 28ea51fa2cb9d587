/**
 * Writes the demo's metric history as OpenMetrics text for
 * `promtool tsdb create-blocks-from openmetrics FILE DIR`.
 * Usage: npx tsx scripts/demo-openmetrics.ts OUT_FILE [--anchor MS] [--hours 3] [--step-seconds 15]
 */
import { writeFileSync } from 'node:fs';
import { renderOpenMetrics } from '../lib/demo/openmetrics';
import { resolveAnchorMs } from '../lib/demo/anchor';

function main(argv: string[]): void {
  const out = argv[0];
  const opt = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (!out || out.startsWith('--')) {
    console.error('usage: demo-openmetrics.ts OUT_FILE [--anchor MS] [--hours 3] [--step-seconds 15]');
    process.exit(2);
  }
  const anchorMs = resolveAnchorMs(opt('anchor') ?? process.env.DEMO_ANCHOR_MS, Date.now());
  const hours = Number(opt('hours') ?? 3);
  const stepMs = Number(opt('step-seconds') ?? 15) * 1000;
  if (!(hours > 0) || !(stepMs > 0)) {
    console.error('--hours and --step-seconds must be positive numbers');
    process.exit(2);
  }
  // Samples end strictly before the anchor so the first live scrape is never out of order.
  writeFileSync(out, renderOpenMetrics(anchorMs - hours * 3_600_000, anchorMs, stepMs, anchorMs));
  console.log(`wrote ${out} (anchor ${anchorMs}, ${hours}h at ${stepMs / 1000}s)`);
}

main(process.argv.slice(2));
