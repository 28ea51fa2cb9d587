// Sums vitest (unit, integration) and Playwright (e2e) JSON reports into the closing line
// CI reads: "N passed, N failed". Exits non-zero when a suite failed, ran nothing or is missing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [dir = 'test-results', failedSteps = '0'] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

function vitest(name) {
  const file = path.join(dir, `${name}.json`);
  if (!existsSync(file)) return problems.push(`${name}: no report`);
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  // A file that failed to load has no failed test inside it; count it as one failure.
  const brokenFiles = (r.testResults ?? []).filter((t) => t.status === 'failed' && !t.assertionResults?.some((a) => a.status === 'failed')).length;
  failed += r.numFailedTests + brokenFiles;
  skipped += r.numPendingTests ?? 0;
  if (r.numTotalTests === 0) problems.push(`${name}: ran no test`);
  console.log(`${name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}

function playwright(name) {
  const file = path.join(dir, `${name}.json`);
  if (!existsSync(file)) return problems.push(`${name}: no report`);
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  const p = (s.expected ?? 0) + (s.flaky ?? 0);
  const f = s.unexpected ?? 0;
  passed += p;
  failed += f;
  skipped += s.skipped ?? 0;
  if (p + f === 0) problems.push(`${name}: ran no test`);
  console.log(`${name}: ${p} passed, ${f} failed`);
}

vitest('unit');
vitest('integration');
playwright('e2e');
playwright('e2e-tempo-elastic');
for (const p of problems) console.log(p);
const stepFailures = Number(failedSteps) || 0;
// A failed static check or set-up step counts as a failure too.
failed += stepFailures;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
