/**
 * The chapter guide: one file per section of the source notes, and every relative link resolves.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../harness/curriculum/index.ts';
import { packageRoot } from '../harness/grading/index.ts';

const dir = join(packageRoot(), 'chapters', '06-replication');
const files = readdirSync(dir).filter((f) => f.endsWith('.md'));

describe('chapter guide', () => {
  it('has a file for each of the seven sections and an index', () => {
    expect(files.sort()).toEqual(['01-introduction.md', '02-single-leader.md', '03-replication-lag.md', '04-multi-leader.md', '05-leaderless.md', '06-advanced.md', '07-summary.md', 'README.md']);
  });

  it.each(files)('%s: every relative link points at a file that exists', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const links = [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    for (const link of links) expect(existsSync(resolve(dirname(join(dir, file)), link)), `${file} links ${link}`).toBe(true);
  });

  it('links every exercise from the section the manifest names', () => {
    for (const e of EXERCISES) {
      const section = readFileSync(join(packageRoot(), e.section.file), 'utf8');
      expect(section).toContain(e.readme.replace(/^exercises\//, '../../exercises/'));
    }
  });
});
