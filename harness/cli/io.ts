/**
 * What commands need from the outside world, passed in so tests can drive them: output streams,
 * whether they are terminals, the environment, and the workbook root.
 */
import { COLOR, PLAIN, type Style } from '../render/index.ts';

export interface CliIo {
  readonly root: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTty: boolean;
  /** The terminal's width in columns, when output is a terminal that reports one. */
  readonly columns?: number;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Colour only on a terminal, and never with NO_COLOR set (https://no-color.org). */
export function styleFor(io: CliIo): Style {
  return io.isTty && (io.env.NO_COLOR === undefined || io.env.NO_COLOR === '') ? COLOR : PLAIN;
}

/** A usage error: a message for the learner and exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
