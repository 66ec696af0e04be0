/**
 * bin/cli-loader.js runs a CommonJS bundle from V8's code cache only when the cache was made from that
 * very source: a bundle rebuilt to other text of the same length (which V8 alone would accept) and a
 * damaged cache file are compiled afresh, and give their own results.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../harness/grading/index.ts';

const { loadCli } = (await import(pathToFileURL(join(packageRoot(), 'bin', 'cli-loader.js')).href)) as {
  loadCli(file: string): { exports: { answer(): number }; usedCache: boolean; keepCache(): void };
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
});
