/**
 * Extracts a `.zip` submission with yauzl, refusing what could escape or exhaust the grader: absolute
 * paths, `..` segments, symbolic links, and archives over an entry-count, size or depth cap. Windows
 * backslash paths are read as `/` (yauzl converts them; archive-names.ts checks the result). A
 * refused archive extracts nothing (the student's grade says why).
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { createRequire } from 'node:module';
import type yauzl from 'yauzl';
import { archiveBudget, DEFAULT_ARCHIVE_LIMITS, normaliseEntryName, tooManyBytes, tooManyEntries, type ArchiveBudget, type ArchiveLimits } from './archive-names.ts';

/** Loaded on first use: only `workbook grade` on a .zip needs it. */
const openZip = (path: string, options: yauzl.Options, callback: (error: Error | null, zip: yauzl.ZipFile) => void): void =>
  (createRequire(import.meta.url)('yauzl') as typeof yauzl).open(path, options, callback);

export type ZipLimits = ArchiveLimits;
export const DEFAULT_ZIP_LIMITS: ZipLimits = DEFAULT_ARCHIVE_LIMITS;

/** Extracts `zip` into `dir` (which should be empty); resolves to why it was refused, or undefined. */
export async function extractZip(zip: string, dir: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string | undefined> {
  return extractZipInto(zip, dir, archiveBudget(limits));
}

/** As `extractZip`, spending `budget` (shared with any archive nested in this one). */
export async function extractZipInto(zip: string, dir: string, budget: ArchiveBudget): Promise<string | undefined> {
  const { limits } = budget;
  let archive: yauzl.ZipFile;
  try {
    archive = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      openZip(zip, { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: false }, (error, z) => (error ? reject(error) : resolve(z))),
    );
  } catch (error) {
    return `not a readable zip archive (${(error as Error).message})`;
  }
  if (archive.entryCount > budget.entries) {
    archive.close();
    return tooManyEntries(archive.entryCount + limits.maxEntries - budget.entries, limits);
  }
  budget.entries -= archive.entryCount;
  // First pass: refuse the whole archive before writing anything.
  const entries: { entry: yauzl.Entry; path: string }[] = [];
  const refused = await new Promise<string | undefined>((resolve) => {
    let declared = 0;
    archive.on('error', (error: Error) => resolve(`the archive was refused: ${error.message}`));
    archive.on('entry', (entry: yauzl.Entry) => {
      const problem = entryProblem(entry);
      if (problem !== undefined) return resolve(problem);
      const name = normaliseEntryName(entry.fileName, budget.maxDepth);
      if ('problem' in name) return resolve(name.problem);
      declared += entry.uncompressedSize;
      if (declared > budget.bytes) return resolve(tooManyBytes(limits));
      if (name.path !== '') entries.push({ entry, path: entry.fileName.endsWith('/') ? `${name.path}/` : name.path });
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
      openZip(zip, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (error, z) => (error ? reject(error) : resolve(z))),
    );
  } catch (error) {
    return `not a readable zip archive (${(error as Error).message})`;
  }
  let written = 0;
  try {
    for (const { entry, path } of entries) {
      const target = join(dir, ...path.split('/').filter((x) => x !== ''));
      if (path.endsWith('/')) {
        mkdirSync(target, { recursive: true });
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => archive2.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))));
      const cap = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          written += chunk.length;
          if (written > budget.bytes) callback(new Error(tooManyBytes(limits)));
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
  budget.bytes -= written;
  return undefined;
}

function entryProblem(entry: yauzl.Entry): string | undefined {
  const name = entry.fileName;
  const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
  if (mode === 0o120000) return `the archive holds a symbolic link: ${JSON.stringify(name)}`;
  if (mode !== 0 && mode !== 0o100000 && mode !== 0o040000) return `the archive holds a special file: ${JSON.stringify(name)}`;
  return undefined;
}
