/**
 * The questions the interactive menu asks, behind one small interface: the real one asks with
 * @inquirer/prompts on the terminal; tests answer with a script. Quitting is the same everywhere:
 * q on a screen without a text field (a plain list), Esc or Ctrl-C where there is one (the searchable
 * exercise list, whose ids contain a q), and Ctrl-C at any prompt. The prompts' messages say so.
 */
import { emitKeypressEvents } from 'node:readline';

export interface MenuChoice<T extends string> {
  readonly value: T;
  readonly name: string;
  readonly description?: string;
  /** Shown but not selectable, with this reason. */
  readonly disabled?: string;
}

export interface MenuPrompts {
  /** A searchable list (type to filter). Resolves to undefined when the learner quits (Esc, Ctrl-C). */
  search<T extends string>(message: string, choices: readonly MenuChoice<T>[]): Promise<T | undefined>;
  /** A plain list. Resolves to undefined when the learner quits (q, Ctrl-C). */
  select<T extends string>(message: string, choices: readonly MenuChoice<T>[], initial?: T): Promise<T | undefined>;
  confirm(message: string): Promise<boolean>;
}

const quitOnCtrlC = <T>(error: unknown): T | undefined => {
  if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) return undefined;
  throw error;
};

interface Keypress {
  readonly name?: string;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
}

/** Which key quits a prompt: q on a plain list, Esc on one with a text field (where q is typed). */
export function quitsPrompt(key: Keypress, hasTextField: boolean): boolean {
  if (key.ctrl === true || key.meta === true) return false;
  return hasTextField ? key.name === 'escape' : key.name === 'q';
}

/** Runs a prompt that a quit key aborts (it then resolves to undefined, like Ctrl-C). */
async function quittable<T>(hasTextField: boolean, ask: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  const controller = new AbortController();
  const stdin = process.stdin;
  emitKeypressEvents(stdin);
  const onKey = (_text: string, key: Keypress | undefined): void => {
    if (key !== undefined && quitsPrompt(key, hasTextField)) controller.abort();
  };
  stdin.on('keypress', onKey);
  try {
    return await ask(controller.signal).catch(quitOnCtrlC<T>);
  } finally {
    stdin.off('keypress', onKey);
  }
}

/** The terminal prompts (loaded on first use, so commands that never prompt never load them). */
export const inquirerPrompts: MenuPrompts = {
  async search(message, choices) {
    const { search } = await import('@inquirer/prompts');
    return quittable(true, (signal) => search({
      message,
      pageSize: 12,
      source: (term) => {
        const t = (term ?? '').toLowerCase();
        return choices
          .filter((c) => t === '' || `${c.name} ${c.description ?? ''}`.toLowerCase().includes(t))
          .map((c) => ({ value: c.value, name: c.name, ...(c.description !== undefined ? { description: c.description } : {}), ...(c.disabled !== undefined ? { disabled: c.disabled } : {}) }));
      },
    }, { signal }));
  },
  async select(message, choices, initial) {
    const { select } = await import('@inquirer/prompts');
    return quittable(false, (signal) => select({
      message,
      pageSize: 12,
      ...(initial !== undefined ? { default: initial } : {}),
      choices: choices.map((c) => ({ value: c.value, name: c.name, ...(c.description !== undefined ? { description: c.description } : {}), ...(c.disabled !== undefined ? { disabled: c.disabled } : {}) })),
    }, { signal }));
  },
  async confirm(message) {
    const { confirm } = await import('@inquirer/prompts');
    return confirm({ message, default: false }).catch(() => false);
  },
};
