/** Any value a learner returned, in words for a message: JSON where it can be, else its string. */
export function showValue(x: unknown): string {
  if (x === undefined) return 'undefined';
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}
