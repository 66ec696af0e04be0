/**
 * Extracts a `.tar.gz`, `.tgz` or `.tar` submission with the `tar` package's parser, under the same
 * caps as a zip (entries, bytes, depth; archive-names.ts) and counting the bytes really decompressed,
 * not the headers' word for them. Only regular files and folders are written: a link, device or FIFO
 * is skipped and named in a warning (a tar made on macOS or Linux often carries harmless symlinks).
 * A refused archive leaves nothing behind.
 */
import { createReadStream, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type * as tarModule from 'tar';
import { normaliseEntryName, tooManyBytes, tooManyEntries, type ArchiveBudget } from './archive-names.ts';

/** Loaded on first use: only a tar submission needs it. */
const loadTar = (): typeof tarModule => createRequire(import.meta.url)('tar') as typeof tarModule;

const REGULAR = new Set(['File', 'OldFile', 'ContiguousFile']);
/** Headers and padding: a tar holds more than its files' bytes (512-byte blocks). */
const overhead = (entries: number): number => (entries + 2) * 1024 + 20 * 512;

export async function extractTarInto(file: string, dir: string, budget: ArchiveBudget, warnings: string[]): Promise<string | undefined> {
  const { limits } = budget;
  const { Parser } = loadTar();
  let refused: string | undefined;
  let entries = 0;
  let bytes = 0;
  const writes: Promise<unknown>[] = [];
  const refuse = (why: string): void => {
    refused ??= why;
  };
  const parser = new Parser({ strict: true });
  parser.on('entry', (entry: tarModule.ReadEntry) => {
    if (refused !== undefined) return void entry.resume();
    entries++;
    if (entries > budget.entries) {
      refuse(tooManyEntries(entries + limits.maxEntries - budget.entries, limits));
      return void entry.resume();
    }
    const name = normaliseEntryName(entry.path, budget.maxDepth);
    if ('problem' in name) {
      refuse(name.problem);
      return void entry.resume();
    }
    const target = join(dir, ...name.path.split('/').filter((s) => s !== ''));
    if (entry.type === 'Directory') {
      mkdirSync(target, { recursive: true });
      return void entry.resume();
    }
    if (!REGULAR.has(entry.type) || name.path === '') {
      warnings.push(`skipped ${JSON.stringify(entry.path)} in the archive: a ${entry.type}, and only files and folders are taken`);
      return void entry.resume();
    }
    bytes += entry.size;
    if (bytes > budget.bytes) {
      refuse(tooManyBytes(limits));
      return void entry.resume();
    }
    mkdirSync(dirname(target), { recursive: true });
    const out = createWriteStream(target, { flags: 'wx', mode: 0o644 });
    writes.push(
      new Promise<void>((resolve) => {
        out.on('error', (error) => {
          refuse(`the archive could not be extracted: ${error.message}`);
          entry.resume();
          resolve();
        });
        out.on('close', () => resolve());
        entry.pipe(out);
      }),
    );
  });
  parser.on('error', (error: Error) => refuse(`not a readable tar archive (${error.message})`));
  // The decompressed stream is counted as it comes: a gzip bomb is stopped, not inflated to disk.
  let inflated = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      inflated += chunk.length;
      if (inflated > budget.bytes + overhead(budget.entries)) callback(new Error(tooManyBytes(limits)));
      else callback(null, chunk);
    },
  });
  try {
    const gzipped = await isGzip(file);
    const sink = parser as unknown as NodeJS.WritableStream;
    if (gzipped) await pipeline(createReadStream(file), createGunzip(), cap, sink);
    else await pipeline(createReadStream(file), cap, sink);
    await Promise.all(writes);
  } catch (error) {
    refuse((error as Error).message.startsWith('the archive') ? (error as Error).message : `not a readable tar archive (${(error as Error).message})`);
    await Promise.all(writes);
  }
  if (refused === undefined && entries === 0) refuse('not a readable tar archive (no entries)');
  if (refused !== undefined) {
    rmSync(dir, { recursive: true, force: true });
    return refused;
  }
  budget.entries -= entries;
  budget.bytes -= bytes;
  return undefined;
}

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    return head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}
