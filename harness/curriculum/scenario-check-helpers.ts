/**
 * Small helpers of scenario check groups that need nothing of a group's config: how most exercises
 * list their checks, a verdict's focus points, and the message of a failure that did not replay.
 */
import type { EventRef } from '../checkers/index.ts';
import type { ScenarioCheck } from './scenario-checks.ts';

/** The events of a verdict as timeline focus points; a failure's timeline highlights them. */
export function verdictFocus(verdict: { readonly events: readonly EventRef[] }): { t: number; node?: string }[] {
  return verdict.events.map((e) => ({ t: e.t, ...(e.node ? { node: e.node } : {}) }));
}

/** One check per property, `cluster-<name>` titled "Cluster: <title>": how most scenario exercises list their checks. */
export function checkPerProperty<P extends string>(properties: readonly { readonly name: P; readonly title: string }[], weight = 2): ScenarioCheck<P>[] {
  return properties.map((p) => ({ id: `cluster-${p.name}`, title: `Cluster: ${p.title}`, weight, properties: [p.name] }));
}

/**
 * The message of a shrunk failure that did not fail again when replayed in a fresh module: either the
 * code keeps state between calls, or (`reloaded` false) the module could not be loaded again at all.
 */
export function notReplayedMessage(message: string, reloaded: boolean): string {
  if (!reloaded) return `${message} — and your module could not be loaded again, so this scenario was not replayed in a fresh module`;
  return `${message} — and your code keeps state between calls (module-level variables): run again in a fresh module, this scenario did not fail`;
}
