/**
 * What every archive path goes through before anything is checked or written: backslashes (Windows
 * PowerShell 5.1's Compress-Archive writes them) become `/`, `./` and empty segments go, and what
 * could land outside the extraction folder is refused: a drive letter, a leading `/`, a `..`.
 * Caps shared by zip and tar, and by an archive nested in one, so nesting buys no extra room.
 */

export interface ArchiveLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
  /** Folders deep an entry may sit. */
  readonly maxDepth?: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxEntries: 2000, maxBytes: 50 * 1024 * 1024, maxDepth: 32 };

/** What is left of the caps while one submission's archives are read (nested ones included). */
export interface ArchiveBudget {
  entries: number;
  bytes: number;
  readonly maxDepth: number;
  readonly limits: ArchiveLimits;
}

export function archiveBudget(limits: ArchiveLimits): ArchiveBudget {
  return { entries: limits.maxEntries, bytes: limits.maxBytes, maxDepth: limits.maxDepth ?? DEFAULT_ARCHIVE_LIMITS.maxDepth!, limits };
}

/** The entry's path as `/`-separated segments, or why it is refused. A folder entry may end in `/`. */
export function normaliseEntryName(raw: string, maxDepth: number): { path: string } | { problem: string } {
  const name = raw.replace(/\\/g, '/');
  if (/^[A-Za-z]:/.test(name) || name.startsWith('/')) return { problem: `the archive holds an absolute path: ${JSON.stringify(raw)}` };
  const segments = name.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { problem: `the archive holds a path with "..": ${JSON.stringify(raw)}` };
  if (segments.some((s) => s.includes('\0'))) return { problem: `the archive holds a path with a NUL character: ${JSON.stringify(raw)}` };
  if (segments.length > maxDepth) return { problem: `the archive nests folders more than ${maxDepth} deep: ${JSON.stringify(raw)}` };
  return { path: segments.join('/') };
}

export function tooManyEntries(count: number, limits: ArchiveLimits): string {
  return `the archive has ${count} entries; at most ${limits.maxEntries} are accepted`;
}

export function tooManyBytes(limits: ArchiveLimits): string {
  return `the archive expands to more than ${limits.maxBytes / 1024 / 1024} MB`;
}

/** The archive kind a file name says, if any. */
export function archiveKind(name: string): 'zip' | 'tar' | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz') || lower.endsWith('.tar')) return 'tar';
  return undefined;
}

/** The name without its archive extension. */
export function archiveBase(name: string): string {
  return name.replace(/\.(zip|tar\.gz|tgz|tar)$/i, '');
}
