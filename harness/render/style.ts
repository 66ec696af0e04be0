/**
 * Terminal styling that switches off cleanly: no colour without a TTY or with NO_COLOR set. The
 * caller decides (render code never looks at the environment).
 */
export interface Style {
  readonly ok: (s: string) => string;
  readonly bad: (s: string) => string;
  readonly warn: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

const code = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const COLOR: Style = { ok: code(32, 39), bad: code(31, 39), warn: code(33, 39), dim: code(2, 22), bold: code(1, 22) };

const same = (s: string): string => s;
export const PLAIN: Style = { ok: same, bad: same, warn: same, dim: same, bold: same };
