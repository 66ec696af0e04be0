/**
 * The acceptable answers of the three sloppy-quorum decisions, judged against what they were shown.
 * Order never matters; which fallback stands in for which home follows the preference list.
 */
import { chooseTargets, type StoredHint } from '../../cluster/index.ts';

const hintId = (h: { key: unknown; hintFor: unknown; version: unknown }): string => `${String(h.key)} v${String(h.version)} for ${String(h.hintFor)}`;
const show = (v: unknown): string => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};
const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
const list = (xs: readonly string[]): string => (xs.length === 0 ? 'none' : xs.join(', '));

/** The write targets a correct `chooseWriteTargets` returns. */
export function expectedTargets(preferenceList: readonly string[], n: number, reachable: readonly string[]): string[] {
  return chooseTargets(preferenceList, n, (node) => reachable.includes(node)).map((t) => (t.hintFor ? `${t.node} for ${t.hintFor}` : t.node));
}

/** Why `answer` is not the targets to choose, or null when it is. */
export function judgeTargets(preferenceList: readonly string[], n: number, reachable: readonly string[], answer: unknown): string | null {
  if (!Array.isArray(answer) || !answer.every((t) => typeof t === 'object' && t !== null && typeof t.node === 'string' && (t.hintFor === undefined || typeof t.hintFor === 'string')))
    return `chooseWriteTargets must return an array of { node, hintFor? }, got ${show(answer)}`;
  const got = (answer as { node: string; hintFor?: string }[]).map((t) => (t.hintFor ? `${t.node} for ${t.hintFor}` : t.node));
  const want = expectedTargets(preferenceList, n, reachable);
  if (sameSet(got, want)) return null;
  return `for preference list ${preferenceList.join(', ')} (n=${n}, reachable: ${list(reachable)}) you chose ${list(got)}; acceptable: ${list(want)}`;
}

/** Why a hand-off answer is wrong, or null. Sending must remove nothing. */
export function judgeHandoff(hints: readonly StoredHint[], recovered: string, answer: unknown, removed: readonly unknown[][]): string | null {
  if (!Array.isArray(answer)) return `hintsToHandOff must return an array of hints, got ${show(answer)}`;
  const got = answer.map((h) => hintId(h as StoredHint));
  const want = hints.filter((h) => h.hintFor === recovered).map(hintId);
  if (removed.length > 0)
    return `hintsToHandOff(…, ${recovered}) removed ${removed.map(([k, f, v]) => hintId({ key: k, hintFor: f, version: v })).join(', ')} on sending; a hint may be dropped only once its home replica acknowledged it`;
  if (sameSet(got, want)) return null;
  return `hintsToHandOff(…, ${recovered}) with hints [${list(hints.map(hintId))}] returned [${list(got)}]; acceptable: [${list(want)}]`;
}

/** Why an ack's removals are wrong, or null. */
export function judgeAck(hints: readonly StoredHint[], from: string, key: string, version: number, removed: readonly unknown[][]): string | null {
  const got = removed.map(([k, f, v]) => hintId({ key: k, hintFor: f, version: v }));
  const want = hints.filter((h) => h.hintFor === from && h.key === key && h.version <= version).map(hintId);
  if (sameSet(got, want)) return null;
  return `onHandoffAck(…, ${from}, ${key}, ${version}) with hints [${list(hints.map(hintId))}] removed [${list(got)}]; acceptable: remove exactly [${list(want)}]`;
}
