/**
 * The `workbook` command: the only code that touches the process, the terminal and the file system
 * directly. It finds the subcommand, parses its options, builds the I/O once, and runs it.
 */
import { parseArgs } from 'node:util';
import { HARNESS_VERSION, WORKBOOK_COMMAND } from '../curriculum/index.ts';
import { isUsageError } from '../errors.ts';
import { packageRoot } from '../grading/index.ts';
import type { CommandGroup, CommandSpec } from './command.ts';
import { COMMANDS, DEV_COMMANDS } from './commands/index.ts';
import { listSpec } from './commands/list.ts';
import { runInteractive } from './interactive.ts';
import { UsageError, type CliIo } from './io.ts';
import { moveFormerFilesAndSay } from './former-paths.ts';
import { nearestName } from './nearest-name.ts';

function help(): string {
  return [
    'workbook: hands-on exercises for DDIA chapter 6, Replication',
    '',
    '  workbook                       the interactive workbook in a terminal (the exercise list otherwise)',
    ...COMMANDS.filter((c) => c.hidden !== true).flatMap((c) => c.usage.map((u) => `  ${u}`)),
    '  workbook help | --version',
    '',
    `  ${DEV_COMMANDS.summary}`,
    '',
  ].join('\n');
}

function groupHelp(group: CommandGroup): string {
  return [`workbook ${group.name}: ${group.title}`, '', ...group.commands.flatMap((c) => c.usage.map((u) => `  ${u}`)), ''].join('\n');
}

/** The command `name` among `commands`, or a usage error that suggests the nearest name. */
function findCommand(commands: readonly CommandSpec[], name: string, what: string, otherNames: readonly string[] = []): CommandSpec {
  const found = commands.find((c) => c.name === name);
  if (found !== undefined) return found;
  const near = nearestName(name, [...commands.filter((c) => c.hidden !== true).map((c) => c.name), ...otherNames]);
  throw new UsageError(`unknown ${what} "${name}"${near !== undefined ? `; did you mean "${near}"?` : ''}`);
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError || isUsageError(error) || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`workbook: ${(error as Error).message}\n(run "${WORKBOOK_COMMAND} help" for usage)\n`);
      return 2;
    }
    io.err(`workbook: internal error (harness bug): ${(error as Error).stack ?? String(error)}\n`);
    return 70;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version') {
    io.out(`${HARNESS_VERSION}\n`);
    return 0;
  }
  if (first === 'help' || first === '--help' || first === '-h') {
    io.out(help());
    return 0;
  }
  // Without arguments: the interactive menu on a terminal; elsewhere (CI, pipes) the status, never a prompt.
  if (first === undefined && io.isTty && process.stdin.isTTY === true) return runInteractive(io);
  const named = first === undefined || first.startsWith('-') ? undefined : first;
  let spec: CommandSpec;
  let args = named === undefined ? [...argv] : rest;
  if (named === DEV_COMMANDS.name) {
    const [sub, ...subArgs] = rest;
    if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
      io.out(groupHelp(DEV_COMMANDS));
      return 0;
    }
    spec = findCommand(DEV_COMMANDS.commands, sub, `${DEV_COMMANDS.name} command`);
    args = subArgs;
  } else if (named === undefined) spec = listSpec;
  else if (DEV_COMMANDS.commands.some((c) => c.name === named) && !COMMANDS.some((c) => c.name === named)) throw new UsageError(`unknown command "${named}"; did you mean "${DEV_COMMANDS.name} ${named}"?`);
  else spec = findCommand(COMMANDS, named, 'command', [DEV_COMMANDS.name]);
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: spec.options });
  if (spec.learnerWorkbook !== false && named !== DEV_COMMANDS.name) moveFormerFilesAndSay(io);
  return spec.run({ values, positionals }, io);
}

function processIo(): CliIo {
  // `workbook read | head` closes the pipe early: the reader has what it wanted, so end quietly
  // with success instead of an unhandled EPIPE stack.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  return {
    root: packageRoot(),
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    isTty: process.stdout.isTTY === true,
    ...(process.stdout.isTTY === true && process.stdout.columns > 0 ? { columns: process.stdout.columns } : {}),
    env: process.env,
  };
}
