/**
 * The exercises do not give their answers away: no chapter page's code and no exercise's shipped
 * stub contains a line of a solution's function bodies (beyond what the exercise's own stub shares
 * with its solution: signatures, imports, the contract). Lines are compared by shape: comments and
 * spaces dropped, every name that is not a keyword or a built-in replaced, so renaming `clock` to
 * `counter` does not hide a copy. The stubs read are the shipped pristine copies, never a learner's
 * working file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../harness/curriculum/index.ts';
import { packageRoot } from '../harness/grading/index.ts';

const root = packageRoot();
const KEEP = new Set(['return', 'const', 'let', 'var', 'for', 'of', 'in', 'if', 'else', 'new', 'function', 'true', 'false', 'undefined', 'null', 'typeof', 'throw', 'await', 'async', 'Math', 'Object', 'Set', 'Map', 'Promise', 'Number', 'Array', 'max', 'min', 'keys', 'values', 'entries', 'filter', 'map', 'find', 'some', 'every', 'reduce', 'push', 'length', 'then', 'catch']);
/** Shorter shapes (`return _;`, `}`) say nothing about an answer. */
const MIN_SHAPE = 24;

/** A line's shape: no comment, no spaces, names other than keywords and built-ins as `_`. */
export function shapeOf(line: string): string {
  return line
    .replace(/\/\/.*$/, '')
    .replace(/'[^']*'|"[^"]*"|`[^`]*`/g, 'S')
    .replace(/[A-Za-z_$][\w$]*/g, (name) => (KEEP.has(name) ? name : '_'))
    .replace(/\s+/g, '')
    .replace(/;$/, '');
}

const shapes = (text: string): Set<string> => new Set(text.split('\n').filter((l) => !/^\s*(\*|\/\*\*|\/\/|import )/.test(l)).map(shapeOf).filter((s) => s.length >= MIN_SHAPE));
const codeBlocks = (markdown: string): string => [...markdown.matchAll(/^```[a-z]*\n([\s\S]*?)^```/gm)].map((m) => m[1]!).join('\n');
const stubOf = (id: string): string => {
  const manifest = JSON.parse(readFileSync(join(root, 'harness', 'curriculum', 'pristine', 'manifest.json'), 'utf8')) as { stubs: Record<string, { copy: string }> };
  return readFileSync(join(root, 'harness', 'curriculum', 'pristine', manifest.stubs[id]!.copy), 'utf8');
};

/** Per exercise: the shapes of its solution's lines that its own stub does not have (the answer). */
const answers = EXERCISES.map((e) => {
  const stub = shapes(stubOf(e.id));
  return { id: e.id, lines: [...shapes(readFileSync(join(root, e.solution), 'utf8'))].filter((s) => !stub.has(s)) };
});

describe('no answer given away', () => {
  it('the shape comparison sees a renamed copy', () => {
    expect(shapeOf('  return { ...counter, [self]: (counter[self] ?? 0) + 1 };')).toBe(shapeOf('return { ...clock, [node]: (clock[node] ?? 0) + 1 }; // next event'));
    expect(answers.every((a) => a.lines.length >= 2)).toBe(true);
  });

  it.each(readdirSync(join(root, 'chapters', '06-replication')).filter((f) => f.endsWith('.md')))('chapter page %s has no solution line in its code', (page) => {
    const code = shapes(codeBlocks(readFileSync(join(root, 'chapters', '06-replication', page), 'utf8')));
    for (const a of answers) expect(a.lines.filter((l) => code.has(l)), `${page} shows ${a.id}'s answer`).toEqual([]);
  });

  it.each(EXERCISES.map((e) => e.id))('the %s stub holds no line of any solution', (id) => {
    const stub = shapes(stubOf(id));
    for (const a of answers) expect(a.lines.filter((l) => stub.has(l)), `${id}'s stub shows ${a.id}'s answer`).toEqual([]);
  });
});
