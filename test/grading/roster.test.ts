/**
 * Identity: the roster's CSV read as RFC 4180, submissions matched by folder, Gradescope id or
 * GitHub username (Classroom's `<assignment>-<user>` too), and end to end a class with Unicode names,
 * a folder named `=HYPERLINK("x")`, a .tar.gz, a PowerShell zip, a .rar and a roster student who
 * submitted nothing: every row right in gradebook.csv and lms.csv, every name kept, every cell
 * defused, and `--out` inside the submissions refused.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchRoster, parseCsv, parseRoster, type StudentGrade } from '../../harness/grading/index.ts';
import { workbook, type WorkbookRun } from '../cli/run-workbook.ts';
import { CLASS, CLASS_CONFIG, patchZipNames, zipFolder } from './grade-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'ddia-roster-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FILE = 'exercises/06-replication/2.3-failover-coordinator/failover-coordinator.ts';

describe('roster file', () => {
  it('reads quoted cells, a BOM and CRLF rows; names the column at fault', () => {
    expect(parseCsv('a,"b ""c""",d\r\n"x,y",,z\n')).toEqual([
      ['a', 'b "c"', 'd'],
      ['x,y', '', 'z'],
    ]);
    const roster = parseRoster('\uFEFFlms_id,name,github\r\n1001,"Lee, Ann",ann-lee\r\n1002,Bo,lee\r\n', 'r.csv');
    expect(roster).toEqual([
      { lmsId: '1001', name: 'Lee, Ann', github: 'ann-lee' },
      { lmsId: '1002', name: 'Bo', github: 'lee' },
    ]);
    expect(() => parseRoster('id,name\n1,a\n', 'r.csv')).toThrow('r.csv: unknown column "id"');
    expect(() => parseRoster('name\na\n', 'r.csv')).toThrow('needs an "lms_id" column');
    expect(() => parseRoster('lms_id\n1\n1\n', 'r.csv')).toThrow('lms_id "1" appears twice');
  });

  it('matches by folder, Gradescope id and GitHub username, an exact name before a Classroom suffix', () => {
    const roster = parseRoster('lms_id,folder,gradescope_id,github\n1,alice,,\n2,,555,\n3,,,lee\n4,,,ann-lee\n5,,,nobody-here\n', 'r');
    const subs = ['alice', 'submission_555', 'hw1-ann-lee', 'hw1-lee', 'stranger'].map((name) => ({ student: name, name, kind: 'folder' as const, path: name }));
    const m = matchRoster(roster, subs);
    expect(Object.fromEntries([...m.bySubmission].map(([s, r]) => [s, r.lmsId]))).toEqual({ alice: '1', submission_555: '2', 'hw1-ann-lee': '4', 'hw1-lee': '3' });
    expect(m.missing.map((r) => r.lmsId)).toEqual(['5']);
    expect(m.warnings).toEqual(['submission "stranger" matches no roster row']);
  });
});

describe('a class with Unicode names, a roster, a missing student, a .tar.gz and a PowerShell zip', () => {
  let classDir: string;
  let out: string;
  let run: WorkbookRun;
  const csv = (file: string): string[][] => parseCsv(readFileSync(join(out, file), 'utf8'));

  beforeAll(async () => {
    classDir = join(dir, 'class');
    mkdirSync(classDir);
    cpSync(join(CLASS, 'alice-correct'), join(classDir, '李雷'), { recursive: true });
    cpSync(join(CLASS, 'dave-stub'), join(classDir, '=HYPERLINK("x")'), { recursive: true });
    await tar.c({ gzip: true, file: join(classDir, '王芳.tar.gz'), cwd: join(CLASS, 'carol-partial'), portable: true }, ['exercises']);
    await zipFolder(join(CLASS, 'bob-different'), join(classDir, 'hw1-octocat.zip'));
    patchZipNames(join(classDir, 'hw1-octocat.zip'), (n) => n.replace(/\//g, '\\'), [FILE]);
    writeFileSync(join(classDir, 'late-work.rar'), 'Rar!');
    const roster = join(dir, 'roster.csv');
    writeFileSync(
      roster,
      ['lms_id,name,folder,github', '2001,李雷,李雷,', '2002,王芳,王芳,', '2003,"=HYPERLINK(""x"")","=HYPERLINK(""x"")",', '2004,Mona Octocat,,octocat', '2005,Zoë Missing,,zoe'].join('\r\n') + '\r\n',
    );
    out = join(dir, 'out');
    run = await workbook(['grade', classDir, '--out', out, '--config', CLASS_CONFIG, '--roster', roster, '--jobs', '2']);
  }, 600_000);

  it('grades every submission and says what it skipped', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('4 students, 1 on the roster without a submission, 4 pairs');
    expect(run.stderr).toContain('workbook grade: skipped "late-work.rar": not a folder, .zip, .tar.gz, .tgz or .tar');
  });

  it('writes the right rows: scores, original names, LMS ids, the missing student, defused cells', () => {
    const rows = csv('gradebook.csv');
    expect(rows[0]).toEqual(['student', 'failover-coordinator', 'total', 'max', 'percent', 'notes', 'name', 'lms_id']);
    const byLms = Object.fromEntries(rows.slice(1).map((r) => [r[7], r]));
    expect(Object.keys(byLms).sort()).toEqual(['2001', '2002', '2003', '2004', '2005']);
    expect(byLms['2001']!.slice(1, 7)).toEqual(['25', '25', '25', '100', '', '李雷']);
    expect(byLms['2002']!.slice(1, 7)).toEqual(['16', '16', '25', '64', '', '王芳']);
    expect(byLms['2003']!.slice(1, 7)).toEqual(['0', '0', '25', '0', '', `'=HYPERLINK("x")`]);
    expect(byLms['2004']!.slice(1, 7)).toEqual(['25', '25', '25', '100', '', 'hw1-octocat']);
    expect(byLms['2005']).toEqual(['', '0', '0', '25', '0', 'no submission', 'Zoë Missing', '2005']);
    // Ids are safe for file names and tell 李雷 from 王芳; the original name is in every output.
    const ids = rows.slice(1, 5).map((r) => r[0]!);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9._@+-]+$/);
    expect(new Set(ids).size).toBe(4);
    const lms = csv('lms.csv');
    expect(lms[0]).toEqual(['lms_id', 'name', 'student', 'score', 'max_score', 'percent', 'status']);
    expect(lms.slice(1).map((r) => [r[0], r[1], r[3], r[6]])).toEqual([
      ['2003', `'=HYPERLINK("x")`, '0', 'graded'],
      ['2004', 'hw1-octocat', '25', 'graded'],
      ['2001', '李雷', '25', 'graded'],
      ['2002', '王芳', '16', 'graded'],
      ['2005', 'Zoë Missing', '0', 'no submission'],
    ]);
    const book = JSON.parse(readFileSync(join(out, 'gradebook.json'), 'utf8')) as { students: StudentGrade[]; missing: { lmsId: string }[] };
    expect(book.students.map((s) => [s.name, s.lmsId])).toEqual([
      ['=HYPERLINK("x")', '2003'],
      ['hw1-octocat', '2004'],
      ['李雷', '2001'],
      ['王芳', '2002'],
    ]);
    expect(book.missing.map((m) => m.lmsId)).toEqual(['2005']);
    const li = book.students.find((s) => s.name === '李雷')!;
    expect(readFileSync(join(out, 'students', li.student, 'feedback.md'), 'utf8')).toContain('# Feedback for 李雷');
    expect(readFileSync(join(out, 'students', li.student, 'feedback.html'), 'utf8')).toContain('<h1>Feedback for 李雷</h1>');
    expect(readFileSync(join(out, 'runs', `${li.student}.log`), 'utf8')).toContain('(submitted as "李雷"), LMS id 2001');
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('<property name="student_name" value="李雷"/><property name="lms_id" value="2001"/>');
  });

  it('refuses --out inside the submissions folder', async () => {
    const refused = await workbook(['grade', classDir, '--out', join(classDir, 'grades')]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('is inside the submissions folder');
  });
});
