/**
 * Long text on a terminal goes through the learner's pager (`$PAGER`, else `less -FRX`, which quits
 * at once when the text fits on one screen), so a chapter page can be read from its top instead of
 * its tail; off a terminal, or when no pager can be started, it is written as it is (pipes, tests).
 * `PAGER=` (empty) or `PAGER=cat` turns paging off.
 */
import { spawnSync } from 'node:child_process';
import type { CliIo } from './io.ts';

/** Shows `text` through the pager on a terminal; writes it to `io.out` otherwise. */
export function pageOut(io: CliIo, text: string): void {
  const pager = io.env.PAGER ?? 'less -FRX';
  // The pager writes to the real stdout, so it must be the terminal (a test's io may only claim to be one).
  if (!io.isTty || process.stdout.isTTY !== true || pager.trim() === '' || pager.trim() === 'cat') {
    io.out(text);
    return;
  }
  // A shell runs it, since $PAGER may carry options ("less -R"); stdout stays the terminal.
  const shown = spawnSync(pager, { shell: true, input: text, stdio: ['pipe', 'inherit', 'inherit'], env: { ...process.env, LESS: process.env.LESS ?? 'FRX' } });
  if (shown.error !== undefined || shown.status === 127) io.out(text);
}

/** The learner's editor command: `$VISUAL`, else `$EDITOR`, else undefined (say how to set one). */
export function editorOf(io: CliIo): string | undefined {
  for (const name of ['VISUAL', 'EDITOR'] as const) {
    const value = io.env[name]?.trim();
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/** Opens `file` in `editor` on the terminal and waits for it; resolves to why it failed, if it did. */
export function openInEditor(editor: string, file: string): string | undefined {
  const quoted = `'${file.replace(/'/g, `'\\''`)}'`;
  const r = spawnSync(`${editor} ${quoted}`, { shell: true, stdio: 'inherit' });
  if (r.error !== undefined) return r.error.message;
  return r.status === 0 ? undefined : r.status === 127 ? `the shell could not find "${editor}"` : `it exited with code ${r.status ?? r.signal}`;
}
