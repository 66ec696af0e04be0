/**
 * Intake: archive names normalised before any check (Windows backslashes read, drive letters and
 * leading `/` refused), .tar.gz through the zip caps with only files and folders taken and the rest
 * named, a lone nested archive opened once on the same budget, discovery naming what it skips and
 * keeping original names apart with safe ids, and work folders removed on SIGTERM and by the next run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverSubmissions, normaliseEntryName, openSubmission, removeStaleWorkFolders, safeId } from '../../harness/grading/index.ts';
import { ROOT } from '../cli/run-workbook.ts';
import { removeWorkFoldersOf } from '../../harness/grading/grade/work-folders.ts';
import { CLASS, filesUnder, patchZipNames, zipFolder } from './grade-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'ddia-intake-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }));
const FILE = 'exercises/06-replication/2.3-failover-coordinator/failover-coordinator.ts';

function tree(name: string, files: Record<string, string>): string {
  const root = join(dir, name);
  mkdirSync(root, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function work(name: string): string {
  const w = join(dir, `work-${name}`);
  mkdirSync(w, { recursive: true });
  return w;
}

describe('archive entry names', () => {
  it('reads backslashes as folders and refuses what could land outside', () => {
    expect(normaliseEntryName('exercises\\06\\a.ts', 32)).toEqual({ path: 'exercises/06/a.ts' });
    expect(normaliseEntryName('./a//b/', 32)).toEqual({ path: 'a/b' });
    expect(normaliseEntryName('C:\\Users\\x.ts', 32)).toMatchObject({ problem: expect.stringContaining('absolute path') });
    expect(normaliseEntryName('/etc/passwd', 32)).toMatchObject({ problem: expect.stringContaining('absolute path') });
    expect(normaliseEntryName('a\\..\\..\\x.ts', 32)).toMatchObject({ problem: expect.stringContaining('".."') });
    expect(normaliseEntryName('a/b/c/d', 3)).toMatchObject({ problem: expect.stringContaining('more than 3 deep') });
  });
});

describe('zip submissions', () => {
  it('reads a Windows PowerShell 5.1 zip (backslash paths, no folder entries)', async () => {
    const zip = join(dir, 'ps.zip');
    await zipFolder(join(CLASS, 'alice-correct'), zip);
    patchZipNames(zip, (n) => n.replace(/\//g, '\\'), [FILE]);
    const opened = await openSubmission({ student: 'ps', kind: 'zip', path: zip }, work('ps'));
    expect(opened.refused).toBeUndefined();
    expect(filesUnder(opened.root)).toEqual([FILE]);
  });

  it('refuses a drive letter or a leading slash, and writes nothing', async () => {
    for (const [name, written, evil] of [
      ['drive.zip', 'ab/x.ts', 'C:/x.ts'],
      ['slash.zip', 'cab/x.ts', '/ab/x.ts'],
    ] as const) {
      const zip = join(dir, name);
      await zipFolder(tree(`src-${name}`, { [written]: 'export {};' }), zip);
      patchZipNames(zip, () => evil, [written]);
      const opened = await openSubmission({ student: name, kind: 'zip', path: zip }, work(name));
      expect(opened.refused, name).toMatch(/absolute path/);
      expect(existsSync(opened.root) ? filesUnder(opened.root) : [], name).toEqual([]);
    }
  });

  it('opens a single zip nested in a zip, on the same caps', async () => {
    const inner = join(dir, 'inner.zip');
    await zipFolder(join(CLASS, 'alice-correct'), inner);
    const outer = join(dir, 'outer.zip');
    const wrap = tree('wrap', {});
    writeFileSync(join(wrap, 'my-work.zip'), readFileSync(inner));
    await zipFolder(wrap, outer);
    const opened = await openSubmission({ student: 'nested', kind: 'zip', path: outer }, work('nested'));
    expect(opened.refused).toBeUndefined();
    expect(opened.warnings).toEqual(['opened the archive "my-work.zip" found alone inside your submission']);
    expect(filesUnder(opened.root)).toEqual([FILE]);
    // The nested archive spends the outer one's budget: two entries in all allow no more.
    const tight = await openSubmission({ student: 'tight', kind: 'zip', path: outer }, work('tight'), { maxEntries: 1, maxBytes: 1e6 });
    expect(tight.refused).toMatch(/my-work\.zip: the archive has 2 entries; at most 1/);
  });

  it('opens a folder that holds only an archive (as Gradescope keeps an uploaded zip)', async () => {
    const folder = tree('only-zip', {});
    await zipFolder(join(CLASS, 'alice-correct'), join(folder, 'submission.zip'));
    const opened = await openSubmission({ student: 'only-zip', kind: 'folder', path: folder }, work('only-zip'));
    expect(opened.refused).toBeUndefined();
    expect(filesUnder(opened.root)).toEqual([FILE]);
  });
});

describe('tar submissions', () => {
  it('extracts a .tar.gz, skipping links and naming them', async () => {
    const src = tree('tar-src', { [FILE]: readFileSync(join(CLASS, 'alice-correct', FILE), 'utf8') });
    symlinkSync('/etc/passwd', join(src, 'exercises', 'passwd.ts'));
    const file = join(dir, 'student.tar.gz');
    await tar.c({ gzip: true, file, cwd: src, portable: true }, ['exercises']);
    const opened = await openSubmission({ student: 'tar', kind: 'tar', path: file }, work('tar'));
    expect(opened.refused).toBeUndefined();
    expect(opened.warnings).toEqual(['skipped "exercises/passwd.ts" in the archive: a SymbolicLink, and only files and folders are taken']);
    expect(filesUnder(opened.root)).toEqual([FILE]);
  });

  it('applies the zip caps: entries, bytes (as decompressed) and depth', async () => {
    const many = tree('tar-many', Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`f${i}.ts`, 'x'])));
    const manyFile = join(dir, 'many.tgz');
    await tar.c({ gzip: true, file: manyFile, cwd: many, portable: true }, readdirSync(many));
    expect((await openSubmission({ student: 'm', kind: 'tar', path: manyFile }, work('m'), { maxEntries: 5, maxBytes: 1e6 })).refused).toMatch(/6 entries; at most 5/);
    const big = tree('tar-big', { 'big.ts': 'a'.repeat(2_000_000) });
    const bigFile = join(dir, 'big.tar.gz');
    await tar.c({ gzip: true, file: bigFile, cwd: big, portable: true }, ['big.ts']);
    const refused = await openSubmission({ student: 'b', kind: 'tar', path: bigFile }, work('b'), { maxEntries: 5, maxBytes: 1_000_000 });
    expect(refused.refused).toMatch(/more than/);
    expect(existsSync(refused.root)).toBe(false);
    const deep = tree('tar-deep', { 'a/b/c/d/e.ts': 'x' });
    const deepFile = join(dir, 'deep.tar');
    await tar.c({ file: deepFile, cwd: deep, portable: true }, ['a']);
    expect((await openSubmission({ student: 'd', kind: 'tar', path: deepFile }, work('d'), { maxEntries: 50, maxBytes: 1e6, maxDepth: 3 })).refused).toMatch(/more than 3 deep/);
  });

  it('refuses a file that is no tar', async () => {
    const file = join(dir, 'fake.tar.gz');
    writeFileSync(file, 'not an archive at all');
    expect((await openSubmission({ student: 'f', kind: 'tar', path: file }, work('f'))).refused).toMatch(/not a readable tar archive/);
  });
});

describe('discovery', () => {
  it('keeps original names, gives distinct safe ids, and names what it skips', () => {
    const root = tree('discover', { '李雷/x': '', '王芳/x': '', '=HYPERLINK("x")/x': '', 'plain/x': '', 'notes.rar': 'x', 'ann.tgz': 'x', '.DS_Store': '' });
    const skipped: string[] = [];
    const subs = discoverSubmissions(root, skipped);
    expect(subs.map((s) => [s.name, s.kind])).toEqual([
      ['=HYPERLINK("x")', 'folder'],
      ['ann', 'tar'],
      ['plain', 'folder'],
      ['李雷', 'folder'],
      ['王芳', 'folder'],
    ]);
    expect(subs.find((s) => s.name === 'plain')!.student).toBe('plain');
    const ids = subs.map((s) => s.student);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9._@+-]+$/);
    expect(safeId('李雷')).toBe(subs.find((s) => s.name === '李雷')!.student);
    expect(skipped).toEqual(['skipped "notes.rar": not a folder, .zip, .tar.gz, .tgz or .tar (a .rar or .7z is not read: ask for a .zip)']);
  });
});

describe('work folders', () => {
  it('removes what dead processes left, and keeps the folders of live ones', () => {
    const tmp = tree('tmp', {});
    const dead = spawn(process.execPath, ['-e', '']);
    return new Promise<void>((resolve) =>
      dead.on('exit', () => {
        mkdirSync(join(tmp, `ddia-submissions-${dead.pid}-abc`, 'x'), { recursive: true });
        mkdirSync(join(tmp, `ddia-grade-${process.pid}-abc`));
        mkdirSync(join(tmp, 'ddia-submissions-unrelated'));
        expect(removeStaleWorkFolders(tmp)).toBe(1);
        expect(readdirSync(tmp).sort()).toEqual([`ddia-grade-${process.pid}-abc`, 'ddia-submissions-unrelated']);
        resolve();
      }),
    );
  });

  it('removes the folders of one killed grading process, and no other pid that starts the same', () => {
    const tmp = tree('tmp-of', {});
    for (const name of ['ddia-grade-12-a', 'ddia-typecheck-12-b', 'ddia-grade-123-c', 'ddia-submissions-1-d']) mkdirSync(join(tmp, name));
    removeWorkFoldersOf(12, tmp);
    expect(readdirSync(tmp).sort()).toEqual(['ddia-grade-123-c', 'ddia-submissions-1-d']);
  });

  // Linux: the processes left are read from /proc.
  it.skipIf(process.platform !== 'linux')('a grading run stopped by SIGTERM ends what it started and removes the students’ code it, its grading processes and its compilers held', async () => {
    const tmp = tree('tmp-signal', {});
    const classDir = tree('signal-class', {});
    await zipFolder(join(CLASS, 'erin-infinite-loop'), join(classDir, 'erin.zip'));
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'workbook.js'), 'grade', classDir, '--out', join(dir, 'signal-out'), '--jobs', '1'], { env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' });
    const mine = (): string[] => readdirSync(tmp).filter((n) => n.startsWith(`ddia-submissions-${child.pid}-`));
    const staged = (): string[] => readdirSync(tmp).filter((n) => n.startsWith('ddia-grade-'));
    // Until the run has extracted the zip (its folder then holds erin's files) and staged it for a compiler or a grading process.
    for (let i = 0; i < 600 && !(mine().length === 1 && existsSync(join(tmp, mine()[0]!, 'erin')) && staged().length > 0); i++) await new Promise((r) => setTimeout(r, 100));
    expect(mine()).toHaveLength(1);
    expect(staged().length).toBeGreaterThan(0);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    // Every process of the run had this TMPDIR: none is left (a SIGKILLed one may take a moment to go).
    for (let i = 0; i < 100 && processesWithTmpdir(tmp).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(processesWithTmpdir(tmp)).toEqual([]);
    expect(readdirSync(tmp).filter((n) => n.startsWith('ddia-'))).toEqual([]);
  }, 120_000);
});

/** Pids of the live processes whose environment sets TMPDIR to `tmp` (Linux: /proc). */
function processesWithTmpdir(tmp: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const env = readFileSync(`/proc/${name}/environ`, 'latin1').split('\0');
      const state = /\) (\S)/.exec(readFileSync(`/proc/${name}/stat`, 'latin1'))?.[1];
      if (env.includes(`TMPDIR=${tmp}`) && state !== 'Z') pids.push(Number(name));
    } catch {
      // Gone meanwhile, or another user's.
    }
  }
  return pids;
}
