/**
 * The launcher learners type (`./workbook`, `workbook.cmd` on Windows) starts node on the CLI directly:
 * `npx workbook` runs npm's resolver first, which cost more than the whole 0.3 s budget of a check. So
 * every command the workbook prints or documents must use it, and `npx workbook` must keep working.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HARNESS_VERSION, WORKBOOK_COMMAND } from '../../harness/curriculum/index.ts';
import { ROOT } from './run-workbook.ts';

/** Every file under `dir` (relative to ROOT) whose name passes `keep`. */
function files(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (keep(name)) out.push(relative(ROOT, path));
    }
  };
  walk(join(ROOT, dir));
  return out;
}

describe('the workbook launcher', () => {
  it.skipIf(process.platform === 'win32')('./workbook runs the CLI, from any working directory', () => {
    for (const cwd of [ROOT, join(ROOT, 'exercises')]) {
      const r = spawnSync(join(ROOT, 'workbook'), ['--version'], { cwd, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${HARNESS_VERSION}\n`);
    }
    const bySh = spawnSync('sh', ['workbook', '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(bySh.stdout).toBe(`${HARNESS_VERSION}\n`);
  });

  it('has a Windows twin, and `npx workbook` still resolves to the same CLI', () => {
    expect(readFileSync(join(ROOT, 'workbook.cmd'), 'utf8')).toContain('node "%~dp0bin\\workbook.js" %*');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin.workbook).toBe('bin/workbook.js');
    expect(pkg.scripts.start).toBe('node bin/workbook.js');
    expect(readFileSync(join(ROOT, 'workbook'), 'utf8')).toContain('bin/workbook.js');
  });

  it('is the command every printed instruction uses: no `npx workbook` in what the workbook prints or documents', () => {
    expect(WORKBOOK_COMMAND).toBe('./workbook');
    const printed = [
      ...files('harness', (n) => n.endsWith('.ts')).filter((f) => !f.includes('pristine')),
      ...files('exercises', () => true),
      ...files('chapters', (n) => n.endsWith('.md')),
      'README.md',
    ];
    const offenders: string[] = [];
    for (const file of printed) {
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((text, i) => {
          const code = file.endsWith('.ts') ? text.replace(/^\s*(\/\/|\/\*\*|\*).*$/, '') : text;
          // The README may say that npx still works; nothing may tell a learner to use it.
          if (/npx workbook/.test(code) && !/work too/.test(code)) offenders.push(`${file}:${i + 1}: ${text.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it('keeps the README commands on the launcher', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme.split('\n').slice(2, 5).join('\n')).toMatch(/npm ci && npm start[\s\S]*npm test/);
    expect(readme).toContain('`./workbook check failover-coordinator`');
    expect(readme).toContain('./workbook watch failover-coordinator');
  });
});
