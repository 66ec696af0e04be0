/**
 * Drives a real terminal through tmux (no native npm modules: they cannot build here). Each session
 * runs on its own tmux server socket, so tests never touch anyone else's tmux. When tmux is missing
 * the tests are skipped, except under CI=true, where they fail with what to do
 * (fixtures/ux/optional-tools.ts); `.ci/run` installs it with apt-get.
 */
import { execFileSync } from 'node:child_process';

export class TmuxSession {
  private readonly socket: string;

  private constructor(readonly name: string) {
    this.socket = `workbook-test-${process.pid}-${name}`;
  }

  /** Starts a shell in `cwd` in a `width`×`height` terminal. */
  static start(name: string, cwd: string, env: Record<string, string> = {}, width = 120, height = 50): TmuxSession {
    try {
      execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    } catch {
      throw new Error('tmux is not installed: the terminal tests need it. Install it with: apt-get update && apt-get install -y tmux (.ci/run does this)');
    }
    const s = new TmuxSession(name);
    const exports = Object.entries(env).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
    s.tmux('new-session', '-d', '-s', name, '-x', String(width), '-y', String(height), '-c', cwd, `env ${exports} TERM=xterm-256color PS1='$ ' bash --norc --noprofile`);
    return s;
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  /** Types `text` (literally), then presses Enter when `enter`. */
  type(text: string, enter = true): void {
    this.tmux('send-keys', '-t', this.name, '-l', text);
    if (enter) this.keys('Enter');
  }

  /** Presses keys by tmux name: Enter, Down, C-c, q … */
  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.name, ...keys);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.name);
  }

  /** Waits until the screen matches `pattern`; fails with the screen's content after `ms`. */
  async waitFor(pattern: RegExp | string, ms = 30_000): Promise<string> {
    const until = Date.now() + ms;
    for (;;) {
      const screen = this.screen();
      if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen;
      if (Date.now() > until) throw new Error(`the terminal never showed ${String(pattern)}; it shows:\n${screen}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Waits until `pred` holds for the screen; fails with the screen's content after `ms`. */
  async waitUntil(what: string, pred: (screen: string) => boolean, ms = 30_000): Promise<string> {
    const until = Date.now() + ms;
    for (;;) {
      const screen = this.screen();
      if (pred(screen)) return screen;
      if (Date.now() > until) throw new Error(`the terminal never showed ${what}; it shows:\n${screen}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
  }
}
