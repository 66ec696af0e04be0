// The end of CI's log (.ci/run): one line per failing test, then "N passed, N failed", read from the
// vitest JSON reports of its legs. The failure lines come first because a log that keeps only its
// tail must still say what failed (stop 11's did not: one intermittent failure went unnamed).
//
//   node scripts/ci-summary.js <report> <exit status> <leg name> [<report> <exit status> <leg name> ...]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A report that is missing or unreadable counts as empty: its leg's exit status then says it failed. */
function read(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

/** Passed and failed tests of one leg; a leg that exited non-zero with no failure on record failed once. */
export function countLeg(report, status) {
  const passed = report.numPassedTests ?? 0;
  const failedSuites = report.numFailedTestSuites && !report.numFailedTests ? report.numFailedTestSuites : 0;
  const failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0) + failedSuites;
  return { passed, failed: failed || (String(status) !== '0' ? 1 : 0) };
}

/** A line per failing test, and per file that failed outside any test (an import, a hook). */
export function failureLines(report, leg, cwd = process.cwd()) {
  const lines = [];
  const firstLine = (text) => String(text ?? '').split('\n')[0].slice(0, 300);
  for (const suite of report.testResults ?? []) {
    const where = suite.name ? relative(cwd, suite.name) : '?';
    const tests = suite.assertionResults ?? [];
    if (suite.status === 'failed' && !tests.some((t) => t.status === 'failed')) lines.push(`FAILED (${leg}) ${where}: ${firstLine(suite.message)}`);
    for (const t of tests) if (t.status === 'failed') lines.push(`FAILED (${leg}) ${where} > ${t.fullName ?? t.title}: ${firstLine((t.failureMessages ?? [])[0])}`);
  }
  return lines;
}

/** Every leg's failure lines, then the summary line. */
export function summaryLines(legs, cwd = process.cwd()) {
  const lines = legs.flatMap((l) => failureLines(l.report, l.name, cwd));
  const totals = legs.map((l) => countLeg(l.report, l.status)).reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed }), { passed: 0, failed: 0 });
  return [...lines, `${totals.passed} passed, ${totals.failed} failed`];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const legs = [];
  for (let i = 0; i + 2 < args.length; i += 3) legs.push({ report: read(args[i]), status: args[i + 1], name: args[i + 2] });
  for (const line of summaryLines(legs)) console.log(line);
}
