/**
 * The chapter guide: one file per section of the source notes, every relative link resolves, and
 * its exercise links agree with the manifest both ways.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUIDE_PAGES } from '../harness/curriculum/chapter-guide.ts';
import { EXERCISES } from '../harness/curriculum/index.ts';
import { packageRoot } from '../harness/grading/index.ts';

const dir = join(packageRoot(), 'chapters', '06-replication');
const files = readdirSync(dir).filter((f) => f.endsWith('.md'));

describe('chapter guide', () => {
  it('has a file for each of the seven sections and an index', () => {
    expect(files.sort()).toEqual(['01-introduction.md', '02-single-leader.md', '03-replication-lag.md', '04-multi-leader.md', '05-leaderless.md', '06-advanced.md', '07-summary.md', 'README.md']);
    expect(GUIDE_PAGES.map((p) => `${p}.md`)).toEqual(files.filter((f) => f !== 'README.md').sort());
  });

  it.each(files)('%s: every relative link points at a file that exists', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const links = [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    for (const link of links) expect(existsSync(resolve(dirname(join(dir, file)), link)), `${file} links ${link}`).toBe(true);
  });

  it('links every exercise from the section the manifest names, at its current path', () => {
    for (const e of EXERCISES) {
      expect(exerciseLinks(e.section.file), `${e.section.file} links ${e.id}`).toContain(e.readme);
    }
  });

  it.each(files)('%s: every exercise link names a manifest exercise at its current path', (file) => {
    const known = EXERCISES.flatMap((e) => [e.readme, e.file]);
    for (const link of exerciseLinks(`chapters/06-replication/${file}`)) expect(known, `${file} links ${link}`).toContain(link);
  });

  it.each(EXERCISES.map((e) => [e.id, e]))('%s: its heading is in its page, in the section its folder is named after', (_, e) => {
    const headings = headingsOf(readFileSync(join(packageRoot(), e.section.file), 'utf8'));
    const at = headings.findIndex((h) => h.text.startsWith(e.section.heading));
    expect(at, `${e.section.file} has no heading "${e.section.heading}"`).toBeGreaterThanOrEqual(0);
    const numbered = headings.slice(0, at + 1).reverse().find((h) => /^\d+\.\d+ /.test(h.text));
    expect(numbered?.text.split(' ')[0]).toBe(e.section.number);
    expect(e.folder).toBe(`${e.section.number}-${e.id}`);
  });
});

/** The exercise files a guide page links, relative to the workbook root. */
function exerciseLinks(page: string): string[] {
  const text = readFileSync(join(packageRoot(), page), 'utf8');
  return [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
    .map((m) => relative(packageRoot(), resolve(dirname(join(packageRoot(), page)), m[1]!)).split('\\').join('/'))
    .filter((l) => l.startsWith('exercises/') || l.startsWith('solutions/'));
}

function headingsOf(markdown: string): { level: number; text: string }[] {
  let inFence = false;
  const out: { level: number; text: string }[] = [];
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const h = inFence ? null : /^(#{1,6})\s+(.*)$/.exec(line);
    if (h !== null) out.push({ level: h[1]!.length, text: h[2]! });
  }
  return out;
}
