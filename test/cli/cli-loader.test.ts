/**
 * bin/cli-loader.js runs a CommonJS bundle from V8's code cache only when the cache was made from that
 * very source: a bundle rebuilt to other text of the same length (which V8 alone would accept) and a
 * damaged cache file are compiled afresh, and give their own results. Cached code runs as it is, and
 * its sums are no seal, so a cache is offered only where no one else can have written it (review
 * finding 5): a poisoned cache (other code of the same length under a valid header) that another user
 * could have written, group- or world-writable or in such a folder, is never run.
 */
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import vm from 'node:vm';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../harness/grading/index.ts';

const { loadCli } = (await import(pathToFileURL(join(packageRoot(), 'bin', 'cli-loader.js')).href)) as {
  loadCli(file: string, options?: { cache?: boolean }): { exports: { answer(): number }; usedCache: boolean; keepCache(): void };
};
const bundle = (n: number): string => `"use strict";exports.answer = function answer() { return ${n}; };\n`;

describe('the CLI loader', () => {
  it('uses the cache for the source it was made from, and never for other source', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-loader-'));
    const file = join(dir, 'cli.js');
    writeFileSync(file, bundle(1));
    const first = loadCli(file);
    expect(first.usedCache).toBe(false);
    first.keepCache();
    const second = loadCli(file);
    expect(second.usedCache).toBe(true);
    expect(second.exports.answer()).toBe(1);
    // The same length, other text: compiled afresh.
    writeFileSync(file, bundle(2));
    const rebuilt = loadCli(file);
    expect(rebuilt.usedCache).toBe(false);
    expect(rebuilt.exports.answer()).toBe(2);
    rebuilt.keepCache();
    expect(loadCli(file).usedCache).toBe(true);
    // A damaged cache is not offered.
    const cache = readFileSync(`${file}.cache`);
    cache.writeUInt8(cache.readUInt8(cache.length - 1) ^ 0xff, cache.length - 1);
    writeFileSync(`${file}.cache`, cache);
    const damaged = loadCli(file);
    expect(damaged.usedCache).toBe(false);
    expect(damaged.exports.answer()).toBe(2);
  });

  it('never runs a cache another user could have written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-loader-'));
    const file = join(dir, 'cli.js');
    writeFileSync(file, bundle(1));
    // The review's poison: other code of the wrapped bundle's length, under the header of the real source.
    const wrapped = `(function (exports, require, module, __filename, __dirname) {${bundle(1)}\n})`;
    let evil = '(function (exports) { exports.answer = () => 666; })';
    evil = evil.slice(0, -1) + ' '.repeat(wrapped.length - evil.length) + ')';
    const data = new vm.Script(evil, { filename: file }).createCachedData();
    const sum = (b: string | Buffer) => createHash('sha256').update(b).digest();
    writeFileSync(`${file}.cache`, Buffer.concat([sum(bundle(1)), sum(data), data]), { mode: 0o664 });
    chmodSync(`${file}.cache`, 0o664);
    expect(loadCli(file).exports.answer()).toBe(1);
    chmodSync(`${file}.cache`, 0o644);
    chmodSync(dir, 0o777);
    expect(loadCli(file).exports.answer()).toBe(1);
    chmodSync(dir, 0o700);
    if (process.getuid?.() === 0) {
      chownSync(`${file}.cache`, 65534, 65534);
      expect(loadCli(file).exports.answer()).toBe(1);
      chownSync(`${file}.cache`, 0, 0);
    }
  });

  it('neither reads nor writes a cache when told not to (`workbook grade`)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-loader-'));
    const file = join(dir, 'cli.js');
    writeFileSync(file, bundle(3));
    const loaded = loadCli(file, { cache: false });
    loaded.keepCache();
    expect(existsSync(`${file}.cache`)).toBe(false);
    loadCli(file).keepCache();
    expect(loadCli(file, { cache: false }).usedCache).toBe(false);
    expect(loadCli(file).usedCache).toBe(true);
  });
});
