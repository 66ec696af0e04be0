/**
 * What a `workbook` subcommand is: its usage lines for help, its options (node:util parseArgs
 * format), and what it does. Commands register in commands/index.ts, one line each.
 */
import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './io.ts';

export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  /** Positional arguments after the command name. */
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
}

export interface CommandSpec {
  readonly name: string;
  /** Help lines: the first is `workbook <name> …  what it does`, the rest describe options. */
  readonly usage: readonly string[];
  readonly options: CommandOptions;
  /** Left out of the help screen: an old name kept working (`workbook verify`). */
  readonly hidden?: boolean;
  /**
   * False for commands that do not work on the learner's own workbook (grading submissions, author
   * tools). Before any other command runs, a learner's file left at a path from before the folders
   * were renamed is moved to its new path (former-paths.ts).
   */
  readonly learnerWorkbook?: false;
  run(args: ParsedArgs, io: CliIo): Promise<number> | number;
}

/** A command that only groups others (`workbook dev verify`): the word after it names one of them. */
export interface CommandGroup {
  readonly name: string;
  /** Whom the group is for, as its help page says (`for authors`). */
  readonly title: string;
  /** The help screen's one line for the whole group. */
  readonly summary: string;
  readonly commands: readonly CommandSpec[];
}
