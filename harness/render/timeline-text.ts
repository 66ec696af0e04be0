/**
 * A timeline as text: one row per entry, one column per node, arrows for messages, so the order of
 * events across nodes can be read top to bottom (a Lamport diagram turned on its side).
 */
import type { Timeline } from '../curriculum/index.ts';
import type { Style } from './style.ts';

const COL = 6;

/**
 * The rows of `tl`. With `width` (a terminal's columns) every row is cut to fit it, ending in "…",
 * so no row wraps and the diagram's columns stay aligned; without it rows are whole (files, pipes).
 */
export function renderTimeline(tl: Timeline, style: Style, width?: number): string[] {
  const lanes = tl.lanes.map((l) => l.id);
  const fit = (text: string, used: number): string => (width === undefined || used + text.length <= width ? text : `${text.slice(0, Math.max(0, width - used - 1))}…`);
  // A label too long for its column is cut, keeping one space before the next column.
  const header = tl.lanes.map((l) => l.label.slice(0, COL - 1).padEnd(COL)).join('');
  const rows: string[] = [fit(`${'t (ms)'.padStart(8)}  ${header}`, 0)];
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
    const lead = `${String(e.t).padStart(8)}  ${cells.join('')} `;
    const text = fit(`${where}${e.text}${e.highlight ? '  <==' : ''}`, lead.length);
    const line = `${fit(lead, 0)}${e.highlight ? style.bad(text) : text}`;
    rows.push(e.kind === 'fault' ? style.warn(line) : line);
  }
  if (tl.repeats > 0) rows.push(style.dim(fit(`          (${tl.repeats} resends of messages shown above left out: they are repeated until acknowledged)`, 0)));
  if (tl.omitted > 0) rows.push(style.dim(fit(`          (${tl.omitted} more entries far from the violation left out)`, 0)));
  return rows;
}
