/**
 * The class roster (`--roster roster.csv`): who should have submitted, under which LMS id. A header
 * row names the columns: `lms_id` (required), then any of `name`, `folder`, `gradescope_id`,
 * `github`, `email`. A submission belongs to a row when its name is the row's folder name, its LMS
 * id, its Gradescope id (or `submission_<id>`, as Gradescope's export names folders), its GitHub
 * username, or ends in `-<username>` (GitHub Classroom's `<assignment>-<username>` repositories).
 * Every row without a submission is reported, so the gradebook has a line for each roster student.
 */
import { readFileSync } from 'node:fs';
import type { Submission } from './discover-submissions.ts';

export interface RosterEntry {
  readonly lmsId: string;
  readonly name?: string;
  readonly folder?: string;
  readonly gradescopeId?: string;
  readonly github?: string;
  readonly email?: string;
}

export interface RosterMatch {
  /** Submission id → its roster row. */
  readonly bySubmission: ReadonlyMap<string, RosterEntry>;
  /** Roster rows no submission belongs to, in roster order. */
  readonly missing: readonly RosterEntry[];
  /** Submissions of no roster row, and rows claimed twice: for the instructor, by name. */
  readonly warnings: readonly string[];
}

const COLUMNS: Record<string, keyof RosterEntry> = { lms_id: 'lmsId', name: 'name', folder: 'folder', gradescope_id: 'gradescopeId', github: 'github', email: 'email' };

export class RosterError extends Error {
  override readonly name = 'RosterError';
}

export function loadRoster(file: string): RosterEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RosterError(`${file}: cannot read the roster (${(error as Error).message})`);
  }
  return parseRoster(text, file);
}

export function parseRoster(text: string, source: string): RosterEntry[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, '')).filter((r) => r.some((c) => c.trim() !== ''));
  if (rows.length === 0) throw new RosterError(`${source}: the roster is empty`);
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  for (const h of header) if (!(h in COLUMNS)) throw new RosterError(`${source}: unknown column "${h}" (known: ${Object.keys(COLUMNS).join(', ')})`);
  if (!header.includes('lms_id')) throw new RosterError(`${source}: the roster needs an "lms_id" column`);
  const seen = new Set<string>();
  return rows.slice(1).map((row, i) => {
    const entry: Record<string, string> = {};
    header.forEach((h, j) => {
      const value = (row[j] ?? '').trim().normalize('NFC');
      if (value !== '') entry[COLUMNS[h]!] = value;
    });
    if (entry.lmsId === undefined) throw new RosterError(`${source}: row ${i + 2} has no lms_id`);
    if (seen.has(entry.lmsId)) throw new RosterError(`${source}: lms_id "${entry.lmsId}" appears twice`);
    seen.add(entry.lmsId);
    return entry as unknown as RosterEntry;
  });
}

/** Which roster row each submission belongs to, and who is missing. */
export function matchRoster(roster: readonly RosterEntry[], submissions: readonly Submission[]): RosterMatch {
  const bySubmission = new Map<string, RosterEntry>();
  const claimed = new Map<string, string>();
  const warnings: string[] = [];
  for (const sub of submissions) {
    const name = sub.name ?? sub.student;
    // An exact name beats a GitHub Classroom suffix, and a longer suffix a shorter: "hw1-ann-lee" is ann-lee's, not lee's.
    const row =
      roster.find((r) => belongs(name, r) === 'exact') ??
      roster.filter((r) => belongs(name, r) === 'suffix').sort((a, b) => b.github!.length - a.github!.length)[0];
    if (row === undefined) {
      warnings.push(`submission ${JSON.stringify(name)} matches no roster row`);
      continue;
    }
    const earlier = claimed.get(row.lmsId);
    if (earlier !== undefined) warnings.push(`submissions ${JSON.stringify(earlier)} and ${JSON.stringify(name)} both belong to roster row ${JSON.stringify(row.lmsId)}`);
    else claimed.set(row.lmsId, name);
    bySubmission.set(sub.student, row);
  }
  return { bySubmission, missing: roster.filter((r) => !claimed.has(r.lmsId)), warnings };
}

function belongs(name: string, r: RosterEntry): 'exact' | 'suffix' | undefined {
  const lower = name.toLowerCase();
  if (name === r.folder || name === r.lmsId) return 'exact';
  if (r.gradescopeId !== undefined && (name === r.gradescopeId || name === `submission_${r.gradescopeId}`)) return 'exact';
  if (r.github === undefined) return undefined;
  const user = r.github.toLowerCase();
  if (lower === user) return 'exact';
  return lower.endsWith(`-${user}`) ? 'suffix' : undefined;
}

/** RFC 4180: fields separated by commas, quoted with `"` (doubled inside), rows by CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
