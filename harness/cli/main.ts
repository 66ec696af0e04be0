/**
 * The `workbook` command: the only code that touches the process, the terminal and the file system
 * directly. It parses arguments, builds the I/O once, and hands both to a command.
 */
import { parseArgs } from 'node:util';
import { HARNESS_VERSION } from '../curriculum/index.ts';
import { packageRoot } from '../grading/index.ts';
import { checkCommand } from './commands/check.ts';
import { hintCommand } from './commands/hint.ts';
import { listCommand } from './commands/list.ts';
import { verifyCommand } from './commands/verify.ts';
import { UsageError, type CliIo } from './io.ts';

const HELP = `workbook: hands-on exercises for DDIA chapter 6, Replication

  workbook                       the exercise list and what to do next
  workbook list                  the same
  workbook check <exercise>      grade your file for an exercise
      --solution                 grade the reference solution instead
      --file <path>              grade any other file
      --replay <token>           run exactly the scenario a failure printed
      --json                     print the result as JSON (nothing else on stdout)
      --timings                  include wall-clock timings
  workbook hint <exercise>       the next hint (a nudge first, the shape of the fix last)
  workbook verify                check the curriculum: stubs fail, solutions pass, buggy variants are caught
  workbook help | --version
`;

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`workbook: ${(error as Error).message}\n(run "workbook help" for usage)\n`);
      return 2;
    }
    io.err(`workbook: internal error (harness bug): ${(error as Error).stack ?? String(error)}\n`);
    return 70;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      solution: { type: 'boolean', default: false },
      file: { type: 'string' },
      replay: { type: 'string' },
      json: { type: 'boolean', default: false },
      timings: { type: 'boolean', default: false },
      schedules: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.version) {
    io.out(`${HARNESS_VERSION}\n`);
    return 0;
  }
  if (values.help || command === 'help') {
    io.out(HELP);
    return 0;
  }
  switch (command) {
    case undefined:
    case 'list':
      return listCommand(io);
    case 'check': {
      const schedules = values.schedules === undefined ? undefined : Number(values.schedules);
      if (schedules !== undefined && !(Number.isInteger(schedules) && schedules > 0)) throw new UsageError('--schedules takes a whole number above 0');
      return checkCommand(
        {
          exercise: rest[0],
          solution: values.solution,
          json: values.json,
          timings: values.timings,
          ...(values.file !== undefined ? { file: values.file } : {}),
          ...(values.replay !== undefined ? { replay: values.replay } : {}),
          ...(schedules !== undefined ? { schedules } : {}),
        },
        io,
      );
    }
    case 'hint':
      return hintCommand(rest[0], io);
    case 'verify':
      return verifyCommand(io);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function processIo(): CliIo {
  return {
    root: packageRoot(),
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    isTty: process.stdout.isTTY === true,
    env: process.env,
  };
}
