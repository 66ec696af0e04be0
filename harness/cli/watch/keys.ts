/**
 * Watch mode's one key table: which key does what. The loop looks keys up here and nowhere else,
 * and the help line the learner sees (text.ts, WATCH.keys) is rendered from it.
 */
/** `back` (to the menu) only when watch was started from the interactive menu; `quit` leaves the workbook. */
export type WatchAction = 'hint' | 'next' | 'list' | 'rerun' | 'back' | 'quit';

export const WATCH_KEYS: Readonly<Record<string, WatchAction>> = {
  h: 'hint',
  n: 'next',
  l: 'list',
  r: 'rerun',
  b: 'back',
  q: 'quit',
  /** Ctrl-C in raw mode arrives as a character, not a signal. */
  '\u0003': 'quit',
};

/** Keys that still act while a check runs (every other key is ignored then). */
export const KEYS_DURING_A_RUN: ReadonlySet<WatchAction> = new Set(['quit', 'back']);

/** The action of `key`, or undefined for keys that do nothing. */
export function actionOf(key: string): WatchAction | undefined {
  return Object.hasOwn(WATCH_KEYS, key) ? WATCH_KEYS[key] : Object.hasOwn(WATCH_KEYS, key.toLowerCase()) ? WATCH_KEYS[key.toLowerCase()] : undefined;
}

/** The keys a learner can type, in table order, with their actions (control characters left out; `back` only with a menu to go back to). */
export function typableKeys(withBack = false): [key: string, action: WatchAction][] {
  return Object.entries(WATCH_KEYS).filter(([key, action]) => key.length === 1 && key >= ' ' && (withBack || action !== 'back'));
}
