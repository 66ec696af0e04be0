/**
 * The similarity pass: normalised tokens make renamed variables, reformatting and comments
 * invisible, the starter code counts for nobody, and independent correct solutions stay below the
 * default threshold; `--export-for-moss` writes the layout `moss -d -b` reads.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { normalisedTokens, similarPairs, type GradeRunResult, type SubmittedFile } from '../../harness/grading/index.ts';
import { renderClassSummary } from '../../harness/render/index.ts';
import { writeMossExport } from '../../harness/cli/commands/grade-similarity.ts';
import { ROOT } from '../cli/run-workbook.ts';

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const SOLUTION = read('solutions/06-replication/2.3-failover-coordinator/failover-coordinator.ts');
const STUB = read('exercises/06-replication/2.3-failover-coordinator/failover-coordinator.ts');
const file = (content: string): SubmittedFile[] => [{ path: 'failover-coordinator.ts', content }];
const scratch = mkdtempSync(join(tmpdir(), 'ddia-similarity-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The solution with its locals renamed, every line re-indented and split, and comments added. */
function disguise(source: string): string {
  return source
    .replace(/\bleader\b/g, 'oldBoss')
    .replace(/\bcandidates\b/g, 'pool')
    .replace(/\bbest\b/g, 'winner')
    .replace(/\bepoch\b(?!s)/g, 'term')
    .split('\n')
    .map((line) => `    ${line.replace(/, /g, ',\n      ')} // mine`)
    .join('\n');
}

it('reads code as normalised tokens: names, layout and comments do not count', () => {
  expect(normalisedTokens('const a = f(1, "x"); // hi')).toEqual(['const', 'I', '=', 'I', '(', 'N', ',', 'S', ')', ';']);
  expect(normalisedTokens('let  longName=g( 22 ,\n `y` ) ;/* c */')).toEqual(['let', 'I', '=', 'I', '(', 'N', ',', 'S', ')', ';']);
  expect(normalisedTokens('x ??= y?.z === 3')).toEqual(['I', '??=', 'I', '?.', 'I', '===', 'N']);
});

it('finds a disguised copy and leaves independent solutions and untouched stubs alone', () => {
  const inputs = [
    { student: 'ann', files: file(SOLUTION) },
    { student: 'ben', files: file(disguise(SOLUTION)) },
    { student: 'cat', files: file(read('test/fixtures/correct/failover-coordinator/reduce-highest-id.ts')) },
    { student: 'dan', files: file(read('test/fixtures/correct/failover-coordinator/sort-and-max.ts')) },
    { student: 'eve', files: file(STUB) },
    { student: 'fay', files: file(STUB) },
  ];
  const all = similarPairs(inputs, file(STUB), 0);
  const of = (a: string, b: string) => all.find((p) => p.a.student === a && p.b.student === b)?.similarity;
  expect(of('ann', 'ben')).toBe(1);
  for (const [a, b] of [['ann', 'cat'], ['ann', 'dan'], ['cat', 'dan'], ['ben', 'cat']] as const) expect(of(a, b), `${a}~${b}`).toBeLessThan(0.5);
  // Stubs share only the starter code, which is no evidence: they are compared with nothing.
  expect(all.some((p) => ['eve', 'fay'].includes(p.a.student) || ['eve', 'fay'].includes(p.b.student))).toBe(false);
  expect(similarPairs(inputs, file(STUB), 0.8).map((p) => [p.a.student, p.b.student])).toEqual([['ann', 'ben']]);
});

it('lists the pairs in summary.html, escaped', () => {
  const pairs = similarPairs([{ student: 'x', name: 'Xi <i>', files: file(SOLUTION) }, { student: 'y', files: file(disguise(SOLUTION)) }], file(STUB), 0.8);
  const html = renderClassSummary({ students: [], exercises: [], similar: { threshold: 0.8, exercises: [{ exercise: 'failover-coordinator', pairs }] } });
  expect(html).toContain('<tr><td>failover-coordinator</td><td>Xi &lt;i&gt;</td><td>y</td><td class="n">100 %</td></tr>');
  expect(html).toContain('at least 80 % of their code');
});

it('exports one folder per student with the stub as the base file, for moss -d -b', () => {
  const main = 'exercises/06-replication/2.3-failover-coordinator/failover-coordinator.ts';
  const submitted = new Map([
    ['ann/failover-coordinator', { main, files: [{ path: main, content: SOLUTION }, { path: 'exercises/06-replication/2.3-failover-coordinator/lib/util.ts', content: 'export {};' }], hash: 'a' }],
    ['_-3a4732/failover-coordinator', { main: 'failover-coordinator.ts', files: file(disguise(SOLUTION)), hash: 'b' }],
  ]);
  const run = { students: [{ student: 'ann', pairs: [] }, { student: '_-3a4732', name: '李雷', pairs: [] }], submitted } as unknown as GradeRunResult;
  const dir = join(scratch, 'moss');
  writeMossExport(dir, run, ['failover-coordinator']);
  const ex = join(dir, 'failover-coordinator');
  expect(readFileSync(join(ex, 'base', 'failover-coordinator.ts'), 'utf8')).toBe(STUB);
  expect(readdirSync(join(ex, 'submissions')).sort()).toEqual(['_-3a4732', 'ann']);
  expect(readdirSync(join(ex, 'submissions', 'ann')).sort()).toEqual(['failover-coordinator.ts', 'lib__util.ts']);
  expect(readFileSync(join(ex, 'submissions', 'ann', 'failover-coordinator.ts'), 'utf8')).toBe(SOLUTION);
  expect(readFileSync(join(ex, 'moss.sh'), 'utf8')).toContain('exec moss -l javascript -d -b base/failover-coordinator.ts submissions/*/*');
  expect(readFileSync(join(dir, 'names.csv'), 'utf8')).toBe('folder,name\r\n_-3a4732,李雷\r\nann,ann\r\n');
  expect(existsSync(join(ex, 'submissions', 'ann', 'lib'))).toBe(false);
});
