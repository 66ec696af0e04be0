/**
 * Stack traces and thrown values as the harness reports them: learner frames at their positions in
 * the learner's TypeScript file, host frames dropped, anything thrown turned into a `LearnerError`.
 *
 * Node 20 does not apply source maps to modules imported from `data:` URLs (their frames show the whole
 * base64 URL and JavaScript positions), so the host formats stacks itself: learner frames are mapped
 * through the bundle's inline source map.
 */
import { Buffer } from 'node:buffer';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, join } from 'node:path';
import { inspect } from 'node:util';
import type { LearnerError } from '../learner-port.ts';

// Every host module is bundled into dist/learner-host.js, so one URL names all the host's frames.
const HOST_URL = import.meta.url;

/** The learner module of the latest load: its `data:` URL, the file it came from and its exports once imported. */
export interface LoadedModule {
  readonly url: string;
  readonly filename: string;
  readonly code: string;
  map: SourceMap | null | undefined;
  namespace: Record<string, unknown> | undefined;
}

let current: LoadedModule | undefined;
const locations = new WeakMap<object, string>();

/** The module whose frames are mapped (and whose exports are called) from now on. */
export function setLoadedModule(module: LoadedModule): void {
  current = module;
}

export function loadedModule(): LoadedModule | undefined {
  return current;
}

/** Formats every stack of this thread through `Error.prepareStackTrace`, once, before learner code runs. */
export function installStackFormatting(): void {
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]): string => {
    const lines: string[] = [];
    let location: string | undefined;
    for (const frame of frames) {
      const file = frame.getFileName();
      if (file === HOST_URL) continue;
      if (file?.startsWith('data:')) {
        const mapped = file === current?.url ? mapPosition(frame.getLineNumber(), frame.getColumnNumber()) : undefined;
        location ??= mapped;
        const name = frame.getFunctionName() ?? '<anonymous>';
        lines.push(`\n    at ${frame.isAsync() ? 'async ' : ''}${name} (${mapped ?? 'learner code'})`);
      } else {
        lines.push(`\n    at ${String(frame)}`);
      }
    }
    if (location !== undefined && typeof error === 'object' && error !== null) locations.set(error, location);
    return errorHeader(error) + lines.join('');
  };
}

function errorHeader(error: unknown): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
}

function mapPosition(line: number | null, column: number | null): string | undefined {
  if (current === undefined || line === null || column === null) return undefined;
  if (current.map === undefined) current.map = parseInlineMap(current.code);
  if (current.map === null) return undefined;
  const entry = current.map.findEntry(line - 1, column - 1);
  if (!('originalSource' in entry)) return undefined;
  // esbuild wrote sources relative to the learner file's directory; re-anchor them on `filename`.
  const file = join(dirname(current.filename), entry.originalSource);
  return `${file}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
}

function parseInlineMap(code: string): SourceMap | null {
  const marker = '//# sourceMappingURL=data:application/json;base64,';
  const at = code.lastIndexOf(marker);
  if (at < 0) return null;
  const base64 = code.slice(at + marker.length).split('\n', 1)[0]!.trim();
  try {
    return new SourceMap(JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as SourceMapPayload);
  } catch {
    return null;
  }
}

/** What the harness is told about a thrown value: name, message, mapped location and stack when it has them. */
export function toLearnerError(thrown: unknown): LearnerError {
  if (typeof thrown === 'object' && thrown !== null && 'message' in thrown) {
    const stack = safeString(() => (thrown as { stack?: unknown }).stack);
    const error: LearnerError = {
      name: safeString(() => (thrown as { name?: unknown }).name) ?? 'Error',
      message: safeString(() => (thrown as { message?: unknown }).message) ?? '',
    };
    const location = locations.get(thrown);
    if (location !== undefined) error.location = location;
    if (stack !== undefined) error.stack = stack;
    return error;
  }
  return { name: 'NonErrorThrown', message: `threw ${describeThrown(thrown)}, which is not an Error` };
}

function safeString(read: () => unknown): string | undefined {
  try {
    const value = read();
    return typeof value === 'string' ? value : value === undefined ? undefined : String(value);
  } catch {
    return undefined;
  }
}

/** One line for a thrown value: an error's header, anything else inspected. */
export function describeThrown(value: unknown): string {
  if (value instanceof Error) return errorHeader(value);
  return inspect(value, { depth: 2, breakLength: Infinity });
}
