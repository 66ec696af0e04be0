/**
 * Versions that mean something: a hash of the harness that is running and one per exercise, for every
 * cache key and record. `HARNESS_VERSION` (package.json's) stays the same from change to change; these
 * change whenever the code that grades does, so an old cache entry simply misses.
 *
 * Bundled (dist/cli.js), the harness hash is the one `scripts/build.js` wrote beside the bundle: SHA-256
 * over the bundled files, which are exactly what runs. From source (vitest, tsx) there is no such file
 * beside this module, so the `harness/` sources are hashed instead, once per process.
 */
import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ExerciseEntry } from '../curriculum/index.ts';
import { packageRoot } from './package-root.ts';

/** The file `scripts/build.js` writes into dist/: `{ "sha256": <hex>, "files": [<bundled files>] }`. */
export const HARNESS_HASH_FILE = 'harness-hash.json';

/** The authored stubs' hashes, recorded by the author's command that writes the pristine copies. */
const PRISTINE_MANIFEST = join('harness', 'curriculum', 'pristine', 'manifest.json');

let harness: string | undefined;
// By entry object: a manifest entry is made once, and an edited copy (in a test) is hashed afresh.
const exercises = new WeakMap<ExerciseEntry, string>();

/** SHA-256 (hex) of the running harness: the bundle's, or its sources' when running from source. */
export function harnessHash(): string {
  harness ??= builtHarnessHash() ?? sourceHarnessHash();
  return harness;
}

/**
 * SHA-256 (hex) of one exercise's own content: its curriculum folder, its authored stub (by the hash
 * the pristine manifest records, never the learner's edited copy) and its solution.
 */
export function exerciseHash(entry: ExerciseEntry): string {
  let hash = exercises.get(entry);
  if (hash === undefined) {
    const root = packageRoot();
    const h = createHash('sha256').update(`exercise\0${entry.id}\0`);
    addTree(h, root, join(root, 'harness', 'curriculum', entry.id));
    h.update(`stub\0${authoredStubHash(root, entry.id) ?? 'none'}\0`);
    addFile(h, root, join(root, entry.solution));
    hash = h.digest('hex');
    exercises.set(entry, hash);
  }
  return hash;
}

/** The first 12 hex digits, for people to read and compare (records keep the whole hash). */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

function builtHarnessHash(): string | undefined {
  try {
    const built = JSON.parse(readFileSync(new URL(`./${HARNESS_HASH_FILE}`, import.meta.url), 'utf8')) as { sha256?: unknown };
    return typeof built.sha256 === 'string' ? built.sha256 : undefined;
  } catch {
    // Not bundled (or built by an older build script): hash the sources.
    return undefined;
  }
}

function sourceHarnessHash(): string {
  const root = packageRoot();
  const h = createHash('sha256').update('harness-sources\0');
  addTree(h, root, join(root, 'harness'));
  return h.digest('hex');
}

function authoredStubHash(root: string, id: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(root, PRISTINE_MANIFEST), 'utf8')) as { stubs?: Record<string, { sha256?: unknown }> };
    const sha = manifest.stubs?.[id]?.sha256;
    return typeof sha === 'string' ? sha : undefined;
  } catch {
    return undefined;
  }
}

/** Every file under `dir`, in sorted path order, so the hash is the same on every machine. */
function addTree(h: Hash, root: string, dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) addTree(h, root, path);
    else addFile(h, root, path);
  }
}

function addFile(h: Hash, root: string, path: string): void {
  const name = relative(root, path).split(sep).join('/');
  const content = existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent';
  h.update(`${name}\0${content}\0`);
}
