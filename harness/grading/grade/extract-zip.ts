/**
 * Extracts a `.zip` submission with yauzl, refusing what could escape or exhaust the grader: absolute
 * paths, `..` segments, symbolic links, and archives over an entry-count or size cap. A refused
 * archive extracts nothing (the student's grade says why).
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { createRequire } from 'node:module';
import type yauzl from 'yauzl';

/** Loaded on first use: only `workbook grade` on a .zip needs it. */
const openZip = (path: string, options: yauzl.Options, callback: (error: Error | null, zip: yauzl.ZipFile) => void): void =>
  (createRequire(import.meta.url)('yauzl') as typeof yauzl).open(path, options, callback);

export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxBytes: 50 * 1024 * 1024 };

/** Extracts `zip` into `dir` (which should be empty); resolves to why it was refused, or undefined. */
export async function extractZip(zip: string, dir: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string | undefined> {
  let archive: yauzl.ZipFile;
  try {
    archive = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      openZip(zip, { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: true }, (error, z) => (error ? reject(error) : resolve(z))),
    );
  } catch (error) {
    return `not a readable zip archive (${(error as Error).message})`;
  }
  if (archive.entryCount > limits.maxEntries) {
    archive.close();
    return `the archive has ${archive.entryCount} entries; at most ${limits.maxEntries} are accepted`;
  }
  // First pass: refuse the whole archive before writing anything.
  const entries: yauzl.Entry[] = [];
  const refused = await new Promise<string | undefined>((resolve) => {
    let declared = 0;
    archive.on('error', (error: Error) => resolve(`the archive was refused: ${error.message}`));
    archive.on('entry', (entry: yauzl.Entry) => {
      const problem = entryProblem(entry);
      if (problem !== undefined) return resolve(problem);
      declared += entry.uncompressedSize;
      if (declared > limits.maxBytes) return resolve(`the archive expands to more than ${limits.maxBytes / 1024 / 1024} MB`);
      entries.push(entry);
      archive.readEntry();
    });
    archive.on('end', () => resolve(undefined));
    archive.readEntry();
  });
  archive.close();
  if (refused !== undefined) return refused;
  // Second pass: extract, counting real bytes too (sizes in the headers are the archive's word only).
  let archive2: yauzl.ZipFile;
  try {
    archive2 = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      openZip(zip, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true }, (error, z) => (error ? reject(error) : resolve(z))),
    );
  } catch (error) {
    return `not a readable zip archive (${(error as Error).message})`;
  }
  let written = 0;
  try {
    for (const entry of entries) {
      const target = join(dir, ...entry.fileName.split('/'));
      if (entry.fileName.endsWith('/')) {
        mkdirSync(target, { recursive: true });
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => archive2.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))));
      const cap = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          written += chunk.length;
          if (written > limits.maxBytes) callback(new Error(`the archive expands to more than ${limits.maxBytes / 1024 / 1024} MB`));
          else callback(null, chunk);
        },
      });
      await pipeline(stream, cap, createWriteStream(target, { flags: 'wx', mode: 0o644 }));
    }
  } catch (error) {
    return `the archive could not be extracted: ${(error as Error).message}`;
  } finally {
    archive2.close();
  }
  return undefined;
}

function entryProblem(entry: yauzl.Entry): string | undefined {
  const name = entry.fileName;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\')) return `the archive holds an absolute or non-portable path: ${JSON.stringify(name)}`;
  if (name.split('/').includes('..')) return `the archive holds a path with "..": ${JSON.stringify(name)}`;
  if (posix.normalize(name).startsWith('../')) return `the archive holds a path outside its root: ${JSON.stringify(name)}`;
  const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
  if (mode === 0o120000) return `the archive holds a symbolic link: ${JSON.stringify(name)}`;
  if (mode !== 0 && mode !== 0o100000 && mode !== 0o040000) return `the archive holds a special file: ${JSON.stringify(name)}`;
  return undefined;
}
