#!/usr/bin/env node
// Prints CI's last line, "N passed, M failed", from vitest's JSON report.
// A suite that fails to load has no failed test, and an unhandled error fails no test either; both are failures here.
// Usage: node scripts/ci-summary.mjs <vitest.json> <vitest exit status>
import { readFileSync } from 'node:fs';

export function summarize(report, exitStatus) {
  const passed = report.numPassedTests ?? 0;
  const failedTests = report.numFailedTests ?? 0;
  const brokenSuites = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  let failed = failedTests + brokenSuites;
  // Errors outside any test (unhandled rejections, teardown errors) make vitest fail without a failed test.
  if (failed === 0 && (report.success === false || exitStatus !== 0)) failed = 1;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  return `${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const [file, status] = process.argv.slice(2);
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    console.log('no readable vitest report was written');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.log(summarize(report, Number(status ?? 0)));
}
