/**
 * A timeline as text: one row per entry, one column per node, arrows for messages, so the order of
 * events across nodes can be read top to bottom (a Lamport diagram turned on its side).
 */
import type { Timeline } from '../curriculum/index.ts';
import type { Style } from './style.ts';

const COL = 6;

export function renderTimeline(tl: Timeline, style: Style): string[] {
  const lanes = tl.lanes;
  const label = (l: string): string => (l === 'coordinator' ? 'coord' : l).padEnd(COL).slice(0, COL);
  const rows: string[] = [`${'t (ms)'.padStart(8)}  ${lanes.map(label).join('')}`];
  for (const e of tl.entries) {
    const cells = lanes.map(() => '|'.padEnd(COL));
    const from = lanes.indexOf(e.lane);
    const to = e.to === undefined ? -1 : lanes.indexOf(e.to);
    if (e.kind === 'message' && from >= 0 && to >= 0) {
      const [lo, hi] = from < to ? [from, to] : [to, from];
      for (let i = lo; i <= hi; i++) cells[i] = '-'.repeat(COL);
      cells[from] = from < to ? 'o'.padEnd(COL, '-') : 'o'.padEnd(COL);
      cells[to] = from < to ? '>'.padEnd(COL) : '<'.padEnd(COL, '-');
    } else if (from >= 0) {
      cells[from] = (e.kind === 'fault' ? 'X' : '*').padEnd(COL);
    }
    const where = e.kind === 'message' ? `${e.lane} -> ${e.to}: ` : e.lane === '*' ? '' : `${e.lane}: `;
    const text = `${where}${e.text}`;
    const line = `${String(e.t).padStart(8)}  ${cells.join('')} ${e.highlight ? style.bad(`${text}  <==`) : text}`;
    rows.push(e.kind === 'fault' ? style.warn(line) : line);
  }
  if (tl.repeats > 0) rows.push(style.dim(`          (${tl.repeats} resends of messages shown above left out: they are repeated until acknowledged)`));
  if (tl.omitted > 0) rows.push(style.dim(`          (${tl.omitted} more entries far from the violation left out)`));
  return rows;
}
