// Loads dist/cli.js (a CommonJS bundle) with V8's code cache, which Node 20 offers for scripts but
// not for ES modules: the bundle's compiled code is kept in dist/cli.js.cache after the first run, so
// later starts skip most of the parsing and compiling (~10 ms of CPU on every command). V8 checks its
// own version and flags but of the source only the length, so the file names the SHA-256 of the source
// it was made from and of itself: a stale or damaged cache is not offered. Those sums are no seal (the
// source is public, the sum unkeyed), and cached code runs as it is: a cache is offered only when no
// one but this user can have written it (owned by this user, not group- or world-writable, in a folder
// only this user or root can write). Otherwise the bundle compiles as usual, and the cache is written
// again once the command is done. `workbook grade` takes no cache at all (bin/workbook.js).
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const SUM_BYTES = 32;

/** The bundle's exports, and `keepCache()` to call once the command is done; `cache: false` neither reads nor writes one. */
export function loadCli(file, { cache = true } = {}) {
  const cacheFile = `${file}.cache`;
  const source = readFileSync(file, 'utf8');
  const sourceSum = createHash('sha256').update(source).digest();
  const usable = cache && onlyMine(dirname(file));
  const cachedData = usable ? readCache(cacheFile, sourceSum) : undefined;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const base = createRequire(file);
  // The bundle's dynamic imports became requires: a file URL (the TypeScript compiler's locator) is a
  // path to require, and an ES module's namespace is marked as one, so its `default` is its default export.
  const require = Object.assign((id) => {
    const loaded = base(typeof id === 'string' && id.startsWith('file:') ? fileURLToPath(id) : id);
    return loaded?.[Symbol.toStringTag] === 'Module' ? Object.assign({ __esModule: true }, loaded) : loaded;
  }, base);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, file, dirname(file));
  return {
    exports: module.exports,
    /** Whether the compiled code came from the cache. */
    usedCache: cachedData !== undefined && !script.cachedDataRejected,
    keepCache() {
      if (!usable || (cachedData !== undefined && !script.cachedDataRejected)) return;
      try {
        const data = script.createCachedData();
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        // Readable by whom the bundle is readable (an autograder hides dist/cli.js from learner code), never more; writable by this user only.
        writeFileSync(tmp, Buffer.concat([sourceSum, createHash('sha256').update(data).digest(), data]), { mode: statSync(file).mode & 0o755 });
        renameSync(tmp, cacheFile);
      } catch {
        // A read-only install only costs later starts the shortcut.
      }
    },
  };
}

/** Whether only this user (or root) can write `dir`. */
function onlyMine(dir) {
  if (process.getuid === undefined) return false;
  try {
    const st = statSync(dir);
    return st.isDirectory() && (st.uid === process.getuid() || st.uid === 0) && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function readCache(file, sourceSum) {
  let fd;
  try {
    // Checked on the file opened, not on its name (which could be swapped between the two), and never through a link.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile() || st.uid !== process.getuid() || (st.mode & 0o022) !== 0) return undefined;
    const bytes = readFileSync(fd);
    const data = bytes.subarray(2 * SUM_BYTES);
    if (!bytes.subarray(0, SUM_BYTES).equals(sourceSum)) return undefined;
    return createHash('sha256').update(data).digest().equals(bytes.subarray(SUM_BYTES, 2 * SUM_BYTES)) ? data : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
