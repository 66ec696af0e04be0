/**
 * A learner's value in a message, as the learner would see it in their own console: JSON's layout,
 * but NaN, ±Infinity, -0 and undefined shown as themselves. JSON.stringify writes the first four
 * as null or 0 and drops the last, so a message would state a value the learner never returned.
 */

/** A number as JavaScript writes it, -0 included. */
export function showNumber(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

// Stands in for a value JSON cannot write, then is replaced by its own text; a learner string holding
// exactly this marker would be mis-shown, which no cart or clock does.
const MARK = '\u0000js:';
// JSON.stringify escapes the marker's NUL as \u0000.
const marked = /"\\u0000js:([^"]*)"/g;

/** Any value, e.g. `{"n2":NaN}` or `[1,undefined]`; a value JSON cannot walk (a cycle) is shown by String(). */
export function showExact(x: unknown): string {
  try {
    const text = JSON.stringify(x, (_key, v: unknown) => {
      if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return `${MARK}${showNumber(v)}`;
      if (v === undefined) return `${MARK}undefined`;
      if (typeof v === 'bigint') return `${MARK}${v}n`;
      return v;
    });
    return (text ?? String(x)).replace(marked, '$1');
  } catch {
    return String(x);
  }
}
