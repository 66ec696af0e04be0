/**
 * The shape of harness/, read from its sources with regexes (no parser): imports flow one way
 * (sim ← cluster ← checkers ← curriculum ← grading ← render ← cli; errors.ts and exercise/ are for
 * all), exercise folders never import each other, an exercise's id or folder name appears only in its
 * own folders, the manifest and the shared workloads, the simulator side is deterministic, and no
 * file is over 400 lines. Comments are exempt.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { EXERCISES } from '../harness/curriculum/index.ts';
import { packageRoot } from '../harness/grading/index.ts';

const root = packageRoot();
const LAYERS = ['sim', 'cluster', 'checkers', 'curriculum', 'grading', 'render', 'cli'];
const files = readdirSync(join(root, 'harness'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => `harness/${f}`).sort();
const source = (f: string): string => readFileSync(join(root, f), 'utf8');
// Block comments, then line comments not inside a URL (`https://`) or an escape.
const code = (f: string): string => source(f).replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
const importsOf = (f: string): string[] => [...code(f).matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((m) => relative(root, resolve(root, dirname(f), m[1]!)));
const MANIFEST = 'harness/curriculum/manifest.ts';
const layer = (f: string): number => LAYERS.indexOf(f.split('/')[1]!);
const exerciseOf = (f: string): string | undefined => EXERCISES.find((e) => f.startsWith(`harness/curriculum/${e.id}/`))?.id;
const names = new Map(EXERCISES.flatMap((e) => [e.id, e.folder, ...e.formerFiles.map((p) => p.split('/').at(-2)!)].map((n) => [n, e.id])));
// Where an exercise may be named: its own folders, the manifest, the shared workloads and the learner API.
const mayName = (f: string): boolean => /^harness\/(curriculum\/(workloads\/|manifest\.ts$)|exercise\/)/.test(f) || exerciseOf(f) !== undefined;

it('imports flow one way, and only the manifest imports an exercise folder from outside it', () => {
  const bad = files.flatMap((f) =>
    importsOf(f)
      .filter((to) => layer(to) > layer(f) || (exerciseOf(to) !== undefined && exerciseOf(to) !== exerciseOf(f) && f !== MANIFEST))
      .map((to) => `${f} imports ${to}`),
  );
  expect(bad).toEqual([]);
});

it('an exercise id or folder name appears as a string or import path only in its own folders and the manifest', () => {
  const literals = (f: string): string[] => [...code(f).matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g)].map((m) => m[2]!);
  const named = (text: string): boolean => text.split('/').some((part) => names.has(part) || names.has(part.replace(/\.ts$/, '')));
  expect(files.filter((f) => !mayName(f)).flatMap((f) => literals(f).filter(named).map((s) => `${f}: '${s}'`))).toEqual([]);
});

it('sim/, cluster/ and checkers/ use no wall clock, randomness, timers or process', () => {
  const impure = /\b(Date\.now|Math\.random|setTimeout|setInterval|setImmediate|queueMicrotask|performance\.now|process)\b/g;
  const bad = files.filter((f) => layer(f) >= 0 && layer(f) <= 2).flatMap((f) => [...code(f).matchAll(impure)].map((m) => `${f}: ${m[0]}`));
  expect(bad).toEqual([]);
});

it('no harness file is over 400 lines', () => {
  expect(files.filter((f) => source(f).split('\n').length - 1 > 400)).toEqual([]);
});
