/**
 * What learner code prints during a call, captured (capped) instead of reaching the harness's
 * terminal, and sent back with the call's answer.
 */
import { Buffer } from 'node:buffer';
import { formatWithOptions } from 'node:util';
import { patch } from './patch.ts';
import { describeThrown, toLearnerError } from './stack-mapping.ts';

const CONSOLE_LIMIT = 2048;
const TRUNCATED = '…[truncated]';

let consoleText = '';
let consoleTruncated = false;

/** Starts an empty capture for the next call. */
export function resetConsole(): void {
  consoleText = '';
  consoleTruncated = false;
}

/** What the current call printed so far (at most `CONSOLE_LIMIT` characters and a truncation mark). */
export function capturedConsole(): string {
  return consoleText;
}

function capture(text: string): void {
  if (consoleTruncated) return;
  consoleText += text;
  if (consoleText.length > CONSOLE_LIMIT) {
    consoleText = consoleText.slice(0, CONSOLE_LIMIT) + TRUNCATED;
    consoleTruncated = true;
  }
}

/** Routes `console.*`, stdout, stderr and unhandled rejections of this thread into the capture. */
export function installConsoleCapture(): void {
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    patch(console, method, (...args: unknown[]) => capture(formatWithOptions({ colors: false }, ...args) + '\n'));
  }
  // Anything else that writes to stdout/stderr (console.table, process.stdout.write) lands here too.
  const write = (chunk: unknown): boolean => {
    capture(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  patch(process.stdout, 'write', write);
  patch(process.stderr, 'write', write);
  // A floating rejected promise is a learner bug worth seeing, not a reason to kill the learner side.
  // Its line is kept: the harness reports a refused timer thrown this way first, where it was thrown.
  process.on('unhandledRejection', (reason) => {
    const at = toLearnerError(reason).location;
    capture(`[unhandled promise rejection] ${describeThrown(reason)}${at !== undefined ? ` (at ${at})` : ''}\n`);
  });
}
