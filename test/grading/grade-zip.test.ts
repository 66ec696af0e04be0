import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { extractZip, parseGradeConfig, configHash, defaultGradeConfig, readSubmittedExercise } from '../../harness/grading/index.ts';
import { EXERCISES } from '../../harness/curriculum/index.ts';
import { zipWithDotDot } from './grade-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'ddia-zip-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function makeZip(name: string, entries: { path: string; content?: string; mode?: number }[]): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(Buffer.from(e.content ?? 'x'), e.path, e.mode !== undefined ? { mode: e.mode } : {});
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  const file = join(dir, name);
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

describe('zip submissions', () => {
  it('extracts a well-formed archive', async () => {
    const zip = await makeZip('ok.zip', [{ path: 'exercises/a/b.ts', content: 'export const b = 1;\n' }]);
    const out = join(dir, 'ok');
    expect(await extractZip(zip, out)).toBeUndefined();
    expect(readFileSync(join(out, 'exercises', 'a', 'b.ts'), 'utf8')).toBe('export const b = 1;\n');
  });

  it('refuses an archive with a ".." entry and writes nothing', async () => {
    const zip = join(dir, 'slip.zip');
    await zipWithDotDot(zip, 'evil.ts', 'export {};');
    const out = join(dir, 'slip');
    expect(await extractZip(zip, out)).toMatch(/\.\./);
    expect(existsSync(join(dir, 'evil.ts'))).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses symbolic links, too many entries and too many bytes', async () => {
    const link = await makeZip('link.zip', [{ path: 'exercises/x.ts', content: '/etc/passwd', mode: 0o120777 }]);
    expect(await extractZip(link, join(dir, 'link'))).toMatch(/symbolic link/);
    const many = await makeZip('many.zip', Array.from({ length: 6 }, (_, i) => ({ path: `f${i}.ts` })));
    expect(await extractZip(many, join(dir, 'many'), { maxEntries: 5, maxBytes: 1e6 })).toMatch(/6 entries; at most 5/);
    const big = await makeZip('big.zip', [{ path: 'big.ts', content: 'a'.repeat(2_000_000) }]);
    expect(await extractZip(big, join(dir, 'big'), { maxEntries: 5, maxBytes: 1_000_000 })).toMatch(/more than/);
  });

  it('does not follow a symlinked folder out of a submission', () => {
    const sub = join(dir, 'linked-sub');
    const elsewhere = join(dir, 'elsewhere', '06-replication', '2.3-failover-coordinator');
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(join(elsewhere, 'failover-coordinator.ts'), 'export {};');
    mkdirSync(sub);
    symlinkSync(join(dir, 'elsewhere'), join(sub, 'exercises'));
    const found = readSubmittedExercise(sub, EXERCISES.find((e) => e.id === 'failover-coordinator')!);
    expect(found).toMatchObject({ problem: expect.stringMatching(/outside the submission/) });
  });
});

describe('grading configuration', () => {
  it('names the option at fault', () => {
    expect(() => parseGradeConfig({ hidden: { 'failover-coordinator': { seed: 1, schedules: 601 } } }, 'g.json')).toThrow(
      'g.json: "hidden.failover-coordinator.schedules" must be a whole number from 1 to 600, got 601',
    );
    expect(() => parseGradeConfig({ limits: { cpuMsPerCall: -1 } }, 'g.json')).toThrow('"limits.cpuMsPerCall" must be a positive number');
    expect(() => parseGradeConfig({ hidden: { nope: { seed: 1 } } }, 'g.json')).toThrow('no exercise named "nope"');
    expect(() => parseGradeConfig({ seeds: 1 }, 'g.json')).toThrow('unknown option "seeds"');
  });

  it('hashes everything that changes a grade', () => {
    const a = parseGradeConfig({ hidden: { 'failover-coordinator': { seed: 1 } } }, 'a');
    const b = parseGradeConfig({ hidden: { 'failover-coordinator': { seed: 2 } } }, 'b');
    const c = parseGradeConfig({ hidden: { 'failover-coordinator': { seed: 1 } } }, 'elsewhere');
    expect(configHash(a)).not.toBe(configHash(b));
    expect(configHash(a)).toBe(configHash(c));
    expect(defaultGradeConfig().secretSeeds).toBe(false);
    expect(a.secretSeeds).toBe(true);
  });
});
