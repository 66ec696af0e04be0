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
  run(args: ParsedArgs, io: CliIo): Promise<number> | number;
}
