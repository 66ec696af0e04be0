/**
 * The questions the interactive menu asks, behind one small interface: the real one asks with
 * @inquirer/prompts on the terminal; tests answer with a script. Ctrl-C at any prompt means "quit".
 */

export interface MenuChoice<T extends string> {
  readonly value: T;
  readonly name: string;
  readonly description?: string;
  /** Shown but not selectable, with this reason. */
  readonly disabled?: string;
}

export interface MenuPrompts {
  /** A searchable list (type to filter). Resolves to undefined when the learner quits (Ctrl-C). */
  search<T extends string>(message: string, choices: readonly MenuChoice<T>[]): Promise<T | undefined>;
  /** A plain list. Resolves to undefined when the learner quits (Ctrl-C). */
  select<T extends string>(message: string, choices: readonly MenuChoice<T>[], initial?: T): Promise<T | undefined>;
  confirm(message: string): Promise<boolean>;
}

const quitOnCtrlC = <T>(error: unknown): T | undefined => {
  if (error instanceof Error && error.name === 'ExitPromptError') return undefined;
  throw error;
};

/** The terminal prompts (loaded on first use, so commands that never prompt never load them). */
export const inquirerPrompts: MenuPrompts = {
  async search(message, choices) {
    const { search } = await import('@inquirer/prompts');
    return search({
      message,
      pageSize: 12,
      source: (term) => {
        const t = (term ?? '').toLowerCase();
        return choices
          .filter((c) => t === '' || `${c.name} ${c.description ?? ''}`.toLowerCase().includes(t))
          .map((c) => ({ value: c.value, name: c.name, ...(c.description !== undefined ? { description: c.description } : {}), ...(c.disabled !== undefined ? { disabled: c.disabled } : {}) }));
      },
    }).catch(quitOnCtrlC<(typeof choices)[number]['value']>);
  },
  async select(message, choices, initial) {
    const { select } = await import('@inquirer/prompts');
    return select({
      message,
      pageSize: 12,
      ...(initial !== undefined ? { default: initial } : {}),
      choices: choices.map((c) => ({ value: c.value, name: c.name, ...(c.description !== undefined ? { description: c.description } : {}), ...(c.disabled !== undefined ? { disabled: c.disabled } : {}) })),
    }).catch(quitOnCtrlC<(typeof choices)[number]['value']>);
  },
  async confirm(message) {
    const { confirm } = await import('@inquirer/prompts');
    return confirm({ message, default: false }).catch(() => false);
  },
};
