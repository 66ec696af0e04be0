/**
 * Replaces a property the way the host patches globals: writable and configurable (so learner code may
 * patch it again, as it could the original) and not enumerable (so it does not show up in listings).
 */
export function patch(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}
