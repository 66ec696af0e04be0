/**
 * The similarity pass: which submissions of one exercise are near-copies of each other. Code is
 * reduced to normalised tokens (comments and whitespace gone, every identifier one token `I`, every
 * string `S`, every number `N`), so renamed variables and reformatting change nothing. Each
 * submission becomes the set of hashes of its k-token windows, minus the windows of the starter
 * code (MOSS's "base file": what everybody was given is no evidence), and a pair's similarity is the
 * Jaccard index of its two sets. A lead for a human to read, never a verdict.
 */
import { createHash } from 'node:crypto';
import type { SubmittedFile } from './submission-files.ts';

/** Tokens per window: long enough that boilerplate rarely matches, short enough to survive an edit. */
export const WINDOW = 12;

export interface SimilarityInput {
  readonly student: string;
  readonly name?: string;
  readonly files: readonly SubmittedFile[];
}

export interface SimilarPair {
  readonly a: SimilarityInput;
  readonly b: SimilarityInput;
  /** |A ∩ B| / |A ∪ B| of the windows, 0–1, two decimals. */
  readonly similarity: number;
  /** Windows the two share. */
  readonly shared: number;
}

const KEYWORDS = new Set(
  (
    'abstract as async await break case catch class const constructor continue debugger declare default delete do else enum export extends ' +
    'false finally for from function get if implements import in instanceof interface let new null of private protected public readonly ' +
    'return set static super switch this throw true try type typeof undefined var void while yield keyof satisfies'
  ).split(' '),
);

const PUNCTUATION = ['>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=', '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>'];

/**
 * The normalised tokens of a TypeScript or JavaScript source. Not a full lexer (a regular
 * expression literal reads as punctuation and text), which only blurs a similarity a little.
 */
export function normalisedTokens(source: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (source.startsWith('//', i)) {
      const end = source.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      i++;
      while (i < n && source[i] !== c) i += source[i] === '\\' ? 2 : 1;
      i++;
      out.push('S');
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      while (i < n && /[0-9a-zA-Z_.]/.test(source[i]!)) i++;
      out.push('N');
    } else if (/[\p{L}_$]/u.test(c)) {
      let j = i + 1;
      while (j < n && /[\p{L}\p{N}_$]/u.test(source[j]!)) j++;
      const word = source.slice(i, j);
      out.push(KEYWORDS.has(word) ? word : 'I');
      i = j;
    } else {
      const op = PUNCTUATION.find((p) => source.startsWith(p, i)) ?? c;
      out.push(op);
      i += op.length;
    }
  }
  return out;
}

/** The hashed windows of a submission's source files (JSON and declaration files left out). */
export function windows(files: readonly SubmittedFile[], size = WINDOW): Set<string> {
  const tokens = files.filter((f) => /\.[cm]?[tj]sx?$/.test(f.path) && !f.path.endsWith('.d.ts')).flatMap((f) => normalisedTokens(f.content));
  const set = new Set<string>();
  for (let i = 0; i + size <= tokens.length; i++) set.add(createHash('sha1').update(tokens.slice(i, i + size).join(' ')).digest('base64').slice(0, 12));
  return set;
}

/**
 * Every pair of `inputs` at or above `threshold` (0–1), most similar first. `base` is the starter
 * code: its windows count for nobody. Submissions left with fewer than a window's worth of their
 * own tokens (an untouched stub) are compared with nothing.
 */
export function similarPairs(inputs: readonly SimilarityInput[], base: readonly SubmittedFile[], threshold: number): SimilarPair[] {
  const common = windows(base);
  const own = inputs
    .map((input) => ({ input, set: new Set([...windows(input.files)].filter((w) => !common.has(w))) }))
    .filter((x) => x.set.size > 0);
  const out: SimilarPair[] = [];
  for (let i = 0; i < own.length; i++) {
    for (let j = i + 1; j < own.length; j++) {
      const [small, large] = own[i]!.set.size <= own[j]!.set.size ? [own[i]!.set, own[j]!.set] : [own[j]!.set, own[i]!.set];
      let shared = 0;
      for (const w of small) if (large.has(w)) shared++;
      const similarity = Math.round((shared / (small.size + large.size - shared)) * 100) / 100;
      if (similarity >= threshold) out.push({ a: own[i]!.input, b: own[j]!.input, similarity, shared });
    }
  }
  return out.sort((x, y) => y.similarity - x.similarity || (x.a.student < y.a.student ? -1 : x.a.student > y.a.student ? 1 : 0));
}
