/**
 * An optional export's check group: when the learner's file does not export `fn`, its checks are
 * skipped (passed, unweighted, marked skipped) rather than failed, as the optional scenario checks do.
 */
import type { CheckGroup } from '../check.ts';

export function optionalExport(group: CheckGroup, fn: string): CheckGroup {
  const missing = `your file does not export ${fn}`;
  return {
    ...group,
    async run(ctx) {
      const results = await group.run(ctx);
      return results.map((r) => (r.status === 'failed' && r.message.startsWith(missing) ? { id: r.id, title: r.title, weight: r.weight, status: 'passed' as const, skipped: true, message: '', details: [`skipped: ${missing} (optional, unweighted)`] } : r));
    },
  };
}
