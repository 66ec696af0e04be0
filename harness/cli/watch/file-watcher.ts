/**
 * Tells watch mode when the learner's file was saved. It listens for file events on the file's
 * folder (editors often save by writing a new file and renaming it over the old one, which a watch on
 * the file itself would miss) and, once a second, compares the file's content hash as a safety net:
 * if the content changed and no file event came (network drives, some containers and editors), it
 * switches to polling and says so. If file events cannot be had at all, it polls from the start.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { WATCH } from '../text.ts';
import type { Closer, WatchEvent } from './event.ts';

export interface FileWatcherOptions {
  /** How often polling looks at the file once file events proved unreliable. */
  readonly pollMs: number;
  /** How often the safety net compares the content while file events are trusted. */
  readonly verifyMs: number;
  /** How long an unannounced change may wait for its late file event before polling takes over. */
  readonly graceMs: number;
  readonly hash: (file: string) => string | undefined;
  /** Replaces `fs.watch` in tests (e.g. one that never reports anything). */
  readonly watchDir?: (dir: string, listener: (name: string | null) => void) => FSWatcher;
}

export const DEFAULT_POLL_MS = 250;

export function watchFileForSaves(file: string, emit: (e: WatchEvent) => void, options: FileWatcherOptions): Closer {
  const name = basename(file);
  let lastHash = options.hash(file);
  let events = 0;
  let eventsAtLastLook = 0;
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  let grace: NodeJS.Timeout | undefined;
  let closed = false;

  const poll = (): void => {
    const h = options.hash(file);
    if (h !== lastHash) {
      lastHash = h;
      emit({ kind: 'saved' });
    }
  };
  const startPolling = (message: string): void => {
    if (closed) return;
    watcher?.close();
    watcher = undefined;
    if (timer !== undefined) clearInterval(timer);
    emit({ kind: 'polling', message });
    timer = setInterval(poll, options.pollMs);
    timer.unref?.();
    poll();
  };
  const verify = (): void => {
    const h = options.hash(file);
    if (h === lastHash || grace !== undefined) {
      eventsAtLastLook = events;
      return;
    }
    if (events > eventsAtLastLook) {
      // File events are arriving; the content simply changed since the last look.
      lastHash = h;
      eventsAtLastLook = events;
      return;
    }
    grace = setTimeout(() => {
      grace = undefined;
      if (events > eventsAtLastLook) {
        lastHash = options.hash(file);
        eventsAtLastLook = events;
        return;
      }
      startPolling(WATCH.polling(options.pollMs));
    }, options.graceMs);
  };

  try {
    const listener = (changed: string | null): void => {
      if (changed !== null && changed !== name) return;
      events++;
      emit({ kind: 'saved' });
    };
    watcher = options.watchDir ? options.watchDir(dirname(file), listener) : watch(dirname(file), (_type, changed) => listener(changed));
    watcher.on('error', (error: Error) => startPolling(WATCH.pollingFromStart(error.message, options.pollMs)));
    timer = setInterval(verify, options.verifyMs);
    timer.unref?.();
  } catch (error) {
    startPolling(WATCH.pollingFromStart((error as Error).message, options.pollMs));
  }

  return {
    close() {
      closed = true;
      watcher?.close();
      if (timer !== undefined) clearInterval(timer);
      if (grace !== undefined) clearTimeout(grace);
    },
  };
}
