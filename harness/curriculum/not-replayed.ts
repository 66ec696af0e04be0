/** What a failure says when its shrunk scenario did not fail again in a fresh module (scenario-checks.ts). */

/**
 * The message of a shrunk failure that did not fail again when replayed in a fresh module: either the
 * code keeps state between calls, or (`reloaded` false) the module could not be loaded again at all.
 */
export function notReplayedMessage(message: string, reloaded: boolean): string {
  if (!reloaded) return `${message} — and your module could not be loaded again, so this scenario was not replayed in a fresh module`;
  return `${message} — and your code keeps state between calls (module-level variables): run again in a fresh module, this scenario did not fail`;
}
