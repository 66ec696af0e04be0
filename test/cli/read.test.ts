import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../../harness/curriculum/index.ts';
import { workbook } from './run-workbook.ts';

describe('workbook read', () => {
  it('without a section: the guide contents and the list of sections', async () => {
    const r = await workbook(['read']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CHAPTER 6: REPLICATION');
    expect(r.stdout).toMatch(/2\. Single-leader replication\s+chapters\/06-replication\/02-single-leader\.md/);
  });

  it('a numbered subsection, with box diagrams intact and its exercises at the end', async () => {
    const r = await workbook(['read', '2.3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('chapters/06-replication/02-single-leader.md — 2.3 Handling node failures');
    expect(r.stdout).toContain('   A: 1:1 1:2 1:3 1:4 1:5      last = (epoch 1, position 5)');
    expect(r.stdout).not.toContain('2.4 Replication log implementations');
    expect(r.stdout).toMatch(/Exercises for this section:\n {2}failover-coordinator: .*\n {4}open exercises\/06-replication\/2.3-failover-coordinator\/failover-coordinator\.ts, then run: \.\/workbook watch failover-coordinator\n$/);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('by page name, and says which sections exist for an unknown one', async () => {
    const page = await workbook(['read', 'leaderless']);
    expect(page.stdout).toContain('5. LEADERLESS REPLICATION');
    const practised = EXERCISES.filter((e) => e.section.file.endsWith('05-leaderless.md'));
    if (practised.length === 0) expect(page.stdout).toContain('No exercise for this section yet.');
    for (const e of practised) expect(page.stdout).toContain(`  ${e.id}: ${e.title}`);
    const unknown = await workbook(['read', 'nonsense']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('there is no chapter section "nonsense". Sections: README, 01-introduction');
  });
});
