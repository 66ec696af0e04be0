/**
 * `summary.html`: the class at a glance, for the instructor (it names hidden checks). One offline
 * page under the workbook report's Content-Security-Policy (nothing loads from anywhere): how many
 * submissions are missing, timed out, crashed or were refused; mean and median per exercise; an
 * SVG histogram of the totals; which checks most students fail; and groups of byte-identical
 * submissions per exercise, and the similarity pass's near-copies. Every name is escaped.
 */
import type { RosterEntry, SimilarPair, StudentGrade } from '../grading/index.ts';
import { escapeHtml as esc } from './html-escape.ts';
import { REPORT_CSP } from './html-report.ts';

export interface ClassSummaryInput {
  readonly students: readonly StudentGrade[];
  readonly exercises: readonly string[];
  /** With a roster: its students without a submission. */
  readonly missing?: readonly RosterEntry[];
  /** The similarity pass: pairs at or above `threshold` (0–1), per exercise. */
  readonly similar?: { readonly threshold: number; readonly exercises: readonly { readonly exercise: string; readonly pairs: readonly SimilarPair[] }[] };
}

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.2rem .6rem;text-align:left}td.n{text-align:right}
.bar{fill:#3b6ea5}.axis{stroke:#888}text{font:11px system-ui,sans-serif;fill:#444}`;

export function renderClassSummary(input: ClassSummaryInput): string {
  const { students } = input;
  const body: string[] = [`<h1>Class summary: ${students.length} submissions</h1>`];
  body.push(countsTable(input));
  body.push('<h2>Per exercise</h2>', statsTable(input));
  body.push('<h2>Totals</h2>', histogram(students.map((s) => s.percent)));
  body.push('<h2>Checks most students fail</h2>', failureTable(students));
  body.push('<h2>Identical submissions</h2>', identicalGroups(input));
  if (input.similar !== undefined) body.push('<h2>Similar submissions</h2>', similarTable(input.similar));
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_CSP)}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>Class summary</title><style>${STYLE}</style></head><body>`,
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}

/** The statistics behind the page, for tests and for anyone scripting over them. */
export function classStats(students: readonly StudentGrade[], exercise: string): { mean: number; median: number; max: number } {
  const scores = students.map((s) => s.pairs.find((p) => p.exercise === exercise)?.score ?? 0).sort((a, b) => a - b);
  const max = students[0]?.pairs.find((p) => p.exercise === exercise)?.maxScore ?? 0;
  if (scores.length === 0) return { mean: 0, median: 0, max };
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const mid = Math.floor(scores.length / 2);
  const median = scores.length % 2 === 1 ? scores[mid]! : (scores[mid - 1]! + scores[mid]!) / 2;
  return { mean: round(mean), median: round(median), max };
}

function countsTable(input: ClassSummaryInput): string {
  const pairs = input.students.flatMap((s) => s.pairs);
  const count = (f: (p: (typeof pairs)[number]) => boolean): number => pairs.filter(f).length;
  const rows: [string, number][] = [
    ['pairs graded', count((p) => p.outcome === 'graded')],
    ['exercise file missing', count((p) => p.outcome === 'missing')],
    ['submission refused', count((p) => p.outcome === 'rejected')],
    ['timed out (a check or the load)', count((p) => p.checks.some((c) => c.status === 'timed-out'))],
    ['crashed', count((p) => p.checks.some((c) => c.status === 'crashed'))],
    ['internal errors (graded again next run)', count((p) => p.outcome === 'internal-error')],
  ];
  if (input.missing !== undefined) rows.push(['roster students without a submission', input.missing.length]);
  return `<table><tbody>${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td class="n">${v}</td></tr>`).join('')}</tbody></table>`;
}

function statsTable(input: ClassSummaryInput): string {
  const rows = input.exercises.map((id) => {
    const s = classStats(input.students, id);
    return `<tr><td>${esc(id)}</td><td class="n">${s.mean}</td><td class="n">${s.median}</td><td class="n">${s.max}</td></tr>`;
  });
  return `<table><thead><tr><th>Exercise</th><th>Mean</th><th>Median</th><th>Max</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Ten bins of the total percentage (the last one closed: 100 % counts in 90–100). */
export function histogramBins(percents: readonly number[]): number[] {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const p of percents) bins[Math.min(9, Math.max(0, Math.floor(p / 10)))]!++;
  return bins;
}

function histogram(percents: readonly number[]): string {
  const bins = histogramBins(percents);
  const top = Math.max(1, ...bins);
  const w = 40;
  const h = 160;
  const bars = bins.map((n, i) => {
    const bh = Math.round((n / top) * h);
    return `<rect class="bar" x="${30 + i * w}" y="${10 + h - bh}" width="${w - 4}" height="${bh}"><title>${i * 10}–${i * 10 + 10} %: ${n}</title></rect><text x="${30 + i * w + 8}" y="${h + 24}">${i * 10}</text><text x="${30 + i * w + 12}" y="${6 + h - bh}">${n > 0 ? n : ''}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${40 + 10 * w}" height="${h + 40}" role="img" aria-label="Histogram of total scores in percent"><line class="axis" x1="28" y1="${h + 10}" x2="${30 + 10 * w}" y2="${h + 10}"/>${bars.join('')}</svg>`;
}

function failureTable(students: readonly StudentGrade[]): string {
  const failed = new Map<string, { exercise: string; title: string; failed: number; of: number }>();
  for (const s of students) {
    for (const p of s.pairs) {
      if (p.outcome !== 'graded') continue;
      for (const c of p.checks) {
        const key = `${p.exercise}\0${c.id}`;
        const entry = failed.get(key) ?? { exercise: p.exercise, title: c.title, failed: 0, of: 0 };
        entry.of++;
        if (c.status !== 'passed') entry.failed++;
        failed.set(key, entry);
      }
    }
  }
  const rows = [...failed.values()].filter((e) => e.failed > 0).sort((a, b) => b.failed - a.failed || a.exercise.localeCompare(b.exercise) || a.title.localeCompare(b.title));
  if (rows.length === 0) return '<p>No check failed.</p>';
  return `<table><thead><tr><th>Exercise</th><th>Check</th><th>Failed</th><th>of</th></tr></thead><tbody>${rows
    .map((e) => `<tr><td>${esc(e.exercise)}</td><td>${esc(e.title)}</td><td class="n">${e.failed}</td><td class="n">${e.of}</td></tr>`)
    .join('')}</tbody></table>`;
}

function identicalGroups(input: ClassSummaryInput): string {
  const groups: string[] = [];
  for (const id of input.exercises) {
    const byHash = new Map<string, string[]>();
    for (const s of input.students) {
      const p = s.pairs.find((x) => x.exercise === id);
      if (p === undefined || p.outcome !== 'graded') continue;
      byHash.set(p.submissionHash, [...(byHash.get(p.submissionHash) ?? []), s.name ?? s.student]);
    }
    for (const [hash, names] of byHash) if (names.length > 1) groups.push(`<tr><td>${esc(id)}</td><td>${names.map(esc).join(', ')}</td><td><code>${hash.slice(0, 12)}</code></td></tr>`);
  }
  if (groups.length === 0) return '<p>No two submissions of an exercise are byte-identical.</p>';
  return `<p>Byte-identical exercise folders, each group graded once and copied to every student in it (unless <code>--no-dedupe</code>). Identical starter code counts too: look before you conclude.</p><table><thead><tr><th>Exercise</th><th>Students</th><th>Files hash</th></tr></thead><tbody>${groups.join('')}</tbody></table>`;
}

function similarTable(similar: NonNullable<ClassSummaryInput['similar']>): string {
  const rows = similar.exercises.flatMap(({ exercise, pairs }) =>
    pairs.map((p) => `<tr><td>${esc(exercise)}</td><td>${esc(p.a.name ?? p.a.student)}</td><td>${esc(p.b.name ?? p.b.student)}</td><td class="n">${Math.round(p.similarity * 100)} %</td></tr>`),
  );
  const how = `Normalised tokens (comments, layout and names ignored), the starter code left out; pairs sharing at least ${Math.round(similar.threshold * 100)} % of their code. A lead to read, not a verdict.`;
  if (rows.length === 0) return `<p>${esc(how)}</p><p>No pair of submissions is that similar.</p>`;
  return `<p>${esc(how)}</p><table><thead><tr><th>Exercise</th><th>Student</th><th>Student</th><th>Similarity</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
