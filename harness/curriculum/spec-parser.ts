/**
 * Validates a scenario spec read back from a replay token against the arbitrary that generates the
 * exercise's specs, so the ranges live in one place (the scenario generators) and a hand-edited token
 * is refused with the field it got wrong. The shape of each family (its fields and their JSON types,
 * the kinds of the faults it lists) is learnt from a fixed sample of generated specs; where the
 * arbitrary can say so (`canShrinkWithoutContext`: records of integers, booleans and constants), every
 * field's range is checked too.
 */
import fc from 'fast-check';

/** Parses a raw spec: the spec, or a problem in plain words. */
export type SpecParser<Spec> = (raw: unknown) => Spec | string;

/** How many specs are sampled to learn each family's shape; the sample is fixed (seeded), so the shapes are. */
const SAMPLE = 400;

type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

/** The discriminant of a union member (`family` of a spec, `kind` of a fault), when it has one. */
const tagOf = (v: unknown): string | undefined => {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as { family?: unknown; kind?: unknown };
  return typeof o.family === 'string' ? `family:${o.family}` : typeof o.kind === 'string' ? `kind:${o.kind}` : undefined;
};

/** Everything the sample showed at one place in a spec: the value of each tag, and untagged examples. */
interface Examples {
  readonly byTag: Map<string, unknown[]>;
  readonly untagged: unknown[];
}

function examplesOf(values: readonly unknown[]): Examples {
  const byTag = new Map<string, unknown[]>();
  const untagged: unknown[] = [];
  for (const v of values) {
    const tag = tagOf(v);
    if (tag === undefined) untagged.push(v);
    else byTag.set(tag, [...(byTag.get(tag) ?? []), v]);
  }
  return { byTag, untagged };
}

/** Why `value` (at `path`) does not look like the sampled `examples`, or null when it does. */
function shapeProblem(value: unknown, examples: readonly unknown[], path: string): string | null {
  if (examples.length === 0) return null;
  const { byTag, untagged } = examplesOf(examples);
  const tag = tagOf(value);
  let like: readonly unknown[] = untagged;
  if (byTag.size > 0) {
    if (tag === undefined || !byTag.has(tag)) {
      const known = [...byTag.keys()].map((t) => t.slice(t.indexOf(':') + 1)).sort();
      const name = [...byTag.keys()][0]!.split(':')[0]!;
      return `${path} has ${name} ${JSON.stringify((value as Record<string, unknown> | null)?.[name])}; expected one of: ${known.join(', ')}`;
    }
    like = byTag.get(tag)!;
  }
  const first = like[0];
  const want = typeOf(first);
  const got = typeOf(value);
  if (want !== got && !(want === 'number' && got === 'integer') && !(want === 'integer' && got === 'number' && like.some((x) => !Number.isInteger(x))))
    return `${path} should be ${want === 'integer' ? 'a whole number' : `a ${want}`}, not ${JSON.stringify(value)}`;
  if (got === 'array') {
    const elements = like.flatMap((x) => x as unknown[]);
    for (const [i, x] of (value as unknown[]).entries()) {
      const p = shapeProblem(x, elements, `${path} item ${i + 1}`);
      if (p !== null) return p;
    }
  }
  if (got === 'object') {
    const o = value as Record<string, unknown>;
    const keys = new Set(like.flatMap((x) => Object.keys(x as object)));
    for (const k of Object.keys(o)) if (!keys.has(k)) return `${path} has an unknown field "${k}"`;
    for (const k of keys) {
      const seen = like.filter((x) => k in (x as object)).map((x) => (x as Record<string, unknown>)[k]);
      if (!(k in o)) {
        if (seen.length === like.length) return `${path} lacks the field "${k}"`;
        continue;
      }
      const p = shapeProblem(o[k], seen, path === 'the scenario' ? `its field "${k}"` : `${path}, field "${k}"`);
      if (p !== null) return p;
    }
  }
  return null;
}

/**
 * A parser for the specs `arbitrary` generates. Shapes are learnt on first use; a spec of a family
 * whose generated specs the arbitrary can validate is also range-checked.
 */
export function specParser<Spec extends { readonly family: string }>(arbitrary: fc.Arbitrary<Spec>): SpecParser<Spec> {
  let sample: readonly Json[] | undefined;
  let rangeChecked: ReadonlySet<string> | undefined;
  return (raw) => {
    if (sample === undefined) {
      const specs = fc.sample(arbitrary, { seed: 1, numRuns: SAMPLE });
      // Round-trip as a token does: what the arbitrary accepts back is what it can range-check.
      sample = specs.map((s) => JSON.parse(JSON.stringify(s)) as Json);
      rangeChecked = new Set(sample.filter((s) => arbitrary.canShrinkWithoutContext(s)).map((s) => (s as { family: string }).family));
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'its scenario is not an object';
    const problem = shapeProblem(raw, sample, 'the scenario');
    if (problem !== null) return problem;
    const family = (raw as { family: string }).family;
    if (rangeChecked!.has(family) && !arbitrary.canShrinkWithoutContext(raw)) return `a field of the "${family}" scenario is outside the range its generator draws from`;
    return raw as Spec;
  };
}
