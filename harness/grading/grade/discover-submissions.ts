/**
 * The submissions in a folder: each subfolder, or `.zip` file, is one student's workbook. Student ids
 * come from the names, made safe for file names and unique; the order is by name, so every output
 * lists students the same way whatever order the file system returns.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Submission {
  /** Safe for a path segment: letters, digits, `.`, `_`, `-`, `@`, `+`. */
  readonly student: string;
  readonly kind: 'folder' | 'zip';
  /** Absolute path of the folder or zip. */
  readonly path: string;
}

export function discoverSubmissions(dir: string): Submission[] {
  const out: Submission[] = [];
  const taken = new Set<string>();
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    const stat = lstatSync(path);
    const kind = stat.isDirectory() ? 'folder' : stat.isFile() && name.toLowerCase().endsWith('.zip') ? 'zip' : undefined;
    if (kind === undefined) continue;
    const base = kind === 'zip' ? name.slice(0, -4) : name;
    let student = base.replace(/[^A-Za-z0-9._@+-]/g, '_').replace(/^\.+/, '_') || 'student';
    for (let i = 2; taken.has(student); i++) student = `${student.replace(/~\d+$/, '')}~${i}`;
    taken.add(student);
    out.push({ student, kind, path });
  }
  return out;
}
