/**
 * Named moments a scenario places its critical operations on ("1 ms after the ack reaches u1a",
 * "as soon as the proxy believes in a new leader", "1 ms after n2 restarts"): fired by a device, the
 * proxy's belief or a scripted time, heard by devices waiting for them. All in one simulation, so
 * firing one runs its listeners at once, in the order they waited.
 */
export class Signals {
  private readonly fired = new Set<string>();
  private readonly waiting = new Map<string, (() => void)[]>();

  /** Runs `then` when `name` fires, or now if it already has. */
  on(name: string, then: () => void): void {
    if (this.fired.has(name)) return then();
    this.waiting.set(name, [...(this.waiting.get(name) ?? []), then]);
  }

  fire(name: string): void {
    if (this.fired.has(name)) return;
    this.fired.add(name);
    for (const then of this.waiting.get(name) ?? []) then();
    this.waiting.delete(name);
  }
}
