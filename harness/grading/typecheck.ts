import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCompiler } from './compiler-process.ts';
import { packageRoot } from './package-root.ts';
import { removeAtTeardown } from './teardown.ts';

/** One TypeScript error, as `tsc` reports it. */
export interface TypeDiagnostic {
  /** The learner's file exactly as passed to `typecheckLearnerFile`; other files relative to the package root. 0-line entries have no position. */
  file: string;
  line: number;
  column: number;
  /** e.g. "TS2322". */
  code: string;
  /** The message; follow-up lines of a multi-line message are joined with "\n". */
  message: string;
}

/**
 * Type-checks one learner file with the native TypeScript compiler, in a child process, against a
 * generated tsconfig that sees only that file, `ddia-workbook/exercise` and the ES2023 library. An empty
 * array means the file type-checks. Never throws for learner mistakes; a missing compiler is reported
 * as a single diagnostic, so callers render it like any other.
 */
export async function typecheckLearnerFile(path: string, options: TypecheckOptions = {}): Promise<TypeDiagnostic[]> {
  const compiler = await findCompiler();
  if ('problem' in compiler) return [{ file: path, line: 0, column: 0, code: 'TSC', message: compiler.problem }];
  const root = packageRoot();
  const dir = await mkdtemp(join(tmpdir(), `ddia-typecheck-${process.pid}-`));
  const keepDir = removeAtTeardown(dir);
  try {
    const tsconfig = join(dir, 'tsconfig.json');
    const globals = join(dir, 'learner-globals.d.ts');
    await writeFile(globals, LEARNER_GLOBALS);
    const config = options.confinedTo === undefined ? tsconfigFor(resolve(path), globals, root) : await confinedTsconfig(resolve(path), resolve(options.confinedTo), globals, dir, root);
    await writeFile(tsconfig, JSON.stringify(config));
    const output = await run(compiler.command, [...compiler.args, '-p', tsconfig, '--pretty', 'false', '--diagnostics'], root, options);
    const diagnostics = parseDiagnostics(output, path, root);
    if (options.confinedTo === undefined) return diagnostics;
    // Only the student's own files, and no path of ours in any message.
    const folder = resolve(options.confinedTo);
    return diagnostics
      .filter((d) => d.file === path || d.file === '' || isInside(folder, resolve(root, d.file)))
      .map((d) => ({ ...d, message: d.message.split(`${dir}/`).join('').split(dir).join('').split(root).join('<workbook>') }));
  } finally {
    await rm(dir, { recursive: true, force: true });
    keepDir();
  }
}

export interface TypecheckOptions {
  /**
   * Confines the check to this folder: its TypeScript files and a copy of the public exercise types
   * are the whole program (`noResolve`), so an import of any other file (a grader's `.ts` with its
   * constants, say) is an unresolved module rather than a way to print it; diagnostics of other
   * files are dropped.
   */
  readonly confinedTo?: string;
  /** Ends the compiler early (its process is killed); the check then reports no diagnostics. */
  readonly signal?: AbortSignal;
  /** The compiler's process group, once started. */
  readonly onStart?: (pid: number) => void;
  /** The compiler's time (default 60 s): past it, its group is killed and one diagnostic says so. */
  readonly timeoutMs?: number;
}

/** A program of exactly the folder's TypeScript files, the globals and a private copy of the public exercise types. */
async function confinedTsconfig(file: string, folder: string, globals: string, dir: string, root: string, publicTypes?: readonly string[]): Promise<object> {
  const types = join(dir, 'exercise-types');
  publicTypes ??= await copyPublicTypes(types, root);
  const own = (await readdir(folder, { recursive: true })).map((f) => join(folder, String(f))).filter((f) => /\.(c|m)?ts$/.test(f));
  const base = tsconfigFor(file, globals, root) as { compilerOptions: Record<string, unknown> };
  return {
    compilerOptions: { ...base.compilerOptions, noResolve: true, typeRoots: [], paths: { 'ddia-workbook/exercise': [join(types, 'index.ts')] } },
    files: [...new Set([file, ...own]), globals, ...publicTypes],
  };
}

/** A private copy of the public exercise types in `types`; their paths. */
async function copyPublicTypes(types: string, root: string): Promise<string[]> {
  await mkdir(types);
  const publicTypes: string[] = [];
  for (const name of await readdir(join(root, 'harness', 'exercise'))) {
    if (!name.endsWith('.ts')) continue;
    await copyFile(join(root, 'harness', 'exercise', name), join(types, name));
    publicTypes.push(join(types, name));
  }
  return publicTypes;
}

/**
 * Type-checks several files, each confined to its folder exactly as `typecheckLearnerFile` with
 * `confinedTo` does, in one compiler process: `tsc -b` over one project per file, so each file is its
 * own program (its diagnostics are those of checking it alone; a `declare global` or a script's
 * globals reach no other), while the compiler starts once. The folders must not overlap. An entry is
 * undefined where the batch cannot tell whose a diagnostic is (one without a file) or the compiler
 * did not show that it ran to its end within `timeoutMs` (one file can crash it or keep it busy for
 * minutes): check those files alone.
 */
export async function typecheckConfinedBatch(items: readonly { readonly file: string; readonly folder: string }[], timeoutMs = batchTimeoutMs(items.length)): Promise<(TypeDiagnostic[] | undefined)[]> {
  const none = items.map(() => undefined);
  const compiler = await findCompiler();
  if ('problem' in compiler || items.length === 0) return none;
  const root = packageRoot();
  const dir = await mkdtemp(join(tmpdir(), `ddia-typecheck-${process.pid}-`));
  const keepDir = removeAtTeardown(dir);
  try {
    const globals = join(dir, 'learner-globals.d.ts');
    await writeFile(globals, LEARNER_GLOBALS);
    const publicTypes = await copyPublicTypes(join(dir, 'exercise-types'), root);
    const references: { path: string }[] = [];
    for (const [i, item] of items.entries()) {
      const project = join(dir, `p${i}`);
      await mkdir(project);
      await writeFile(join(project, 'tsconfig.json'), JSON.stringify(await confinedTsconfig(resolve(item.file), resolve(item.folder), globals, dir, root, publicTypes)));
      references.push({ path: project });
    }
    const tsconfig = join(dir, 'tsconfig.json');
    await writeFile(tsconfig, JSON.stringify({ files: [], references }));
    const output = await runWhole(compiler.command, [...compiler.args, '-b', tsconfig, '--pretty', 'false', '--diagnostics'], root, timeoutMs, items.length);
    if (output === undefined) return none;
    const diagnostics = parseDiagnostics(output, '', root);
    if (diagnostics.some((d) => d.file === '')) return none;
    const folders = items.map((item) => resolve(item.folder));
    const out: TypeDiagnostic[][] = items.map(() => []);
    for (const d of diagnostics) {
      const path = resolve(root, d.file);
      const i = items.findIndex((item, k) => path === resolve(item.file) || isInside(folders[k]!, path));
      // Only the student's own files, and no path of ours in any message (as `typecheckLearnerFile`).
      if (i < 0) continue;
      const file = path === resolve(items[i]!.file) ? items[i]!.file : d.file;
      out[i]!.push({ ...d, file, message: d.message.split(`${dir}/`).join('').split(dir).join('').split(root).join('<workbook>') });
    }
    return out;
  } catch {
    return none;
  } finally {
    await rm(dir, { recursive: true, force: true });
    keepDir();
  }
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * The host captures console output, so learners may log, and leaves `structuredClone` in place (a deep
 * copy is a natural way to keep inputs unchanged); everything else Node offers (timers, process) stays
 * undeclared, matching what the learner host allows at run time.
 */
const LEARNER_GLOBALS = `declare function structuredClone<T>(value: T, options?: { transfer?: unknown[] }): T;
declare var console: {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  debug(...data: unknown[]): void;
  trace(...data: unknown[]): void;
};
`;

function tsconfigFor(file: string, globals: string, root: string): object {
  return {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'es2022',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      skipLibCheck: true,
      types: [],
      lib: ['es2023'],
      // TypeScript 7 removed `baseUrl`; absolute `paths` targets need no base.
      paths: { 'ddia-workbook/exercise': [join(root, 'harness', 'exercise', 'index.ts')] },
      allowImportingTsExtensions: true,
    },
    files: [file, globals],
  };
}

type Compiler = { command: string; args: string[] } | { problem: string };
let compilerLookup: Promise<Compiler> | undefined;

/** The native `tsc` executable when TypeScript 7's platform package is installed, else `node bin/tsc`. */
function findCompiler(): Promise<Compiler> {
  compilerLookup ??= (async (): Promise<Compiler> => {
    let typescriptRoot: string;
    try {
      typescriptRoot = dirname(createRequire(join(packageRoot(), 'package.json')).resolve('typescript/package.json'));
    } catch {
      return { problem: 'cannot type-check: the "typescript" package is not installed (run `npm install`)' };
    }
    // Spawning the native binary directly skips a Node start-up that `bin/tsc` would spend only to
    // find and exec it (Node 20 has no process.execve, so the wrapper even stays alive as a parent).
    const locator = join(typescriptRoot, 'lib', 'getExePath.js');
    if (existsSync(locator)) {
      try {
        const { default: getExePath } = (await import(pathToFileURL(locator).href)) as { default: () => string };
        return { command: getExePath(), args: [] };
      } catch {
        // Fall through to the JavaScript entry point, which reports its own problem if any.
      }
    }
    const bin = join(typescriptRoot, 'bin', 'tsc');
    if (existsSync(bin)) return { command: process.execPath, args: [bin] };
    return { problem: `cannot type-check: no tsc found in ${typescriptRoot}` };
  })();
  return compilerLookup;
}

/** A batch's time: far above what a class's batch takes on a loaded machine, far below a stuck compiler's. */
export function batchTimeoutMs(files: number): number {
  return 8_000 + 1_000 * files;
}

/**
 * The compiler's output when it shows it ran to its end, else undefined (killed, timed out, crashed
 * part-way). An exit status proves nothing (a Go crash exits 2, as a run with errors does): the output
 * must be diagnostics and `--diagnostics` statistics only, with every program's closing "Total time"
 * and the build's count of projects built.
 */
async function runWhole(command: string, args: string[], cwd: string, timeoutMs: number, programs: number): Promise<string | undefined> {
  const ran = await runCompiler(command, args, { cwd, timeoutMs });
  if (ran.kind !== 'exited' || ran.signal !== null || !(ran.code === 0 || ran.code === 1 || ran.code === 2)) return undefined;
  return ranToEnd(ran.output, programs, true) ? ran.output : undefined;
}

const PER_PAIR_TIMEOUT_MS = 60_000;

async function run(command: string, args: string[], cwd: string, options: TypecheckOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? PER_PAIR_TIMEOUT_MS;
  const ran = await runCompiler(command, args, { cwd, timeoutMs, ...(options.signal !== undefined ? { signal: options.signal } : {}), ...(options.onStart !== undefined ? { onStart: options.onStart } : {}) });
  // Called off: whoever asked no longer wants the diagnostics.
  if (ran.kind === 'aborted') return '';
  // A run cut short becomes one plain diagnostic rather than a harness failure, or no errors shown.
  if (ran.kind === 'timed-out') return `error TS0000: the type check did not finish within ${Math.round(timeoutMs / 1000)} s, so type errors are not shown`;
  if (ran.kind !== 'exited') throw new Error('the type checker could not be run');
  if (ran.signal !== null || !ranToEnd(ran.output, 1, false)) return 'error TS0000: the type checker stopped before its end on this file (it crashed or hit its CPU limit), so type errors are not shown';
  return ran.output;
}

/** A line of `--diagnostics` statistics ("Check time:   0.01s", "Aggregate Files:   124", "Projects built:   2"). */
const STATISTIC = /^[A-Z][A-Za-z ]*:\s+\S+$/;

/** Whether `output` is all a compiler that checked `programs` programs to their end prints, and nothing else. */
function ranToEnd(output: string, programs: number, build: boolean): boolean {
  let totals = 0;
  let built: number | undefined;
  let inDiagnostic = false;
  for (const line of output.split(/\r?\n/)) {
    if (line === '') continue;
    if (LOCATED.test(line) || UNLOCATED.test(line)) inDiagnostic = true;
    else if (inDiagnostic && /^\s/.test(line)) continue;
    else if (STATISTIC.test(line)) {
      inDiagnostic = false;
      if (line.startsWith('Total time:')) totals++;
      const projects = /^Projects built:\s+(\d+)$/.exec(line);
      if (projects !== null) built = Number(projects[1]);
    } else return false;
  }
  return totals === programs && (!build || built === programs);
}

const LOCATED = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;
const UNLOCATED = /^error (TS\d+): (.*)$/;

function parseDiagnostics(output: string, learnerPath: string, root: string): TypeDiagnostic[] {
  const diagnostics: TypeDiagnostic[] = [];
  const learnerFile = resolve(learnerPath);
  for (const line of output.split(/\r?\n/)) {
    const located = LOCATED.exec(line);
    if (located !== null) {
      const [, file, row, column, code, message] = located as unknown as [string, string, string, string, string, string];
      diagnostics.push({
        file: resolve(root, file) === learnerFile ? learnerPath : file,
        line: Number(row),
        column: Number(column),
        code,
        message,
      });
      continue;
    }
    const unlocated = UNLOCATED.exec(line);
    if (unlocated !== null) {
      diagnostics.push({ file: '', line: 0, column: 0, code: unlocated[1]!, message: unlocated[2]! });
      continue;
    }
    const last = diagnostics.at(-1);
    if (last !== undefined && /^\s/.test(line) && line.trim() !== '') last.message += '\n' + line.trim();
  }
  return diagnostics;
}
