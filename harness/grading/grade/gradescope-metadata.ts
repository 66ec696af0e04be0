/**
 * Gradescope's `/autograder/submission_metadata.json`
 * (https://gradescope-autograders.readthedocs.io/en/latest/submission_metadata/): who submitted, when,
 * and the assignment's due dates, read defensively (the file is Gradescope's, but its fields are
 * documented as subject to change): anything missing or malformed is left out, never a crash.
 */
import { readFileSync } from 'node:fs';

export interface GradescopeUser {
  readonly name: string;
  readonly email: string;
  readonly id: string;
}

export interface GradescopeSubmission {
  readonly submissionId?: string;
  readonly createdAt?: string;
  readonly dueDate?: string;
  readonly lateDueDate?: string;
  readonly users: readonly GradescopeUser[];
  /** Whole days after the due date, rounded up (0: on time; absent: no dates to compare). */
  readonly daysLate?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The metadata at `file`, or undefined when there is none or it is not JSON. */
export function readGradescopeMetadata(file: string): GradescopeSubmission | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  return parseGradescopeMetadata(raw);
}

export function parseGradescopeMetadata(raw: unknown): GradescopeSubmission {
  const r = isObject(raw) ? raw : {};
  const assignment = isObject(r.assignment) ? r.assignment : {};
  const users = (Array.isArray(r.users) ? r.users : []).filter(isObject).map((u) => ({ name: text(u.name) ?? '', email: text(u.email) ?? '', id: text(u.id) ?? '' }));
  const createdAt = text(r.created_at);
  const dueDate = text(assignment.due_date);
  const lateDueDate = text(assignment.late_due_date);
  const created = createdAt !== undefined ? Date.parse(createdAt) : Number.NaN;
  const due = dueDate !== undefined ? Date.parse(dueDate) : Number.NaN;
  const daysLate = Number.isFinite(created) && Number.isFinite(due) ? Math.max(0, Math.ceil((created - due) / DAY_MS)) : undefined;
  return {
    ...(text(r.id) !== undefined ? { submissionId: text(r.id)! } : {}),
    ...(createdAt !== undefined ? { createdAt } : {}),
    ...(dueDate !== undefined ? { dueDate } : {}),
    ...(lateDueDate !== undefined ? { lateDueDate } : {}),
    users,
    ...(daysLate !== undefined ? { daysLate } : {}),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Strings and numbers as text (Gradescope ids are numbers), capped: the file is read into outputs. */
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.slice(0, 500);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}
