/**
 * One value per page, shared by every copy of the bundle (two CMS plugins may each bundle it): kept
 * on `globalThis` under the registered symbol `cc-call-elements.<name>`, made by whichever copy
 * asks first (Lion's singleton manager does the same).
 */
const slots = globalThis as unknown as Record<symbol, unknown>;

export function pageShared<T>(name: string, make: () => T): T {
  const key = Symbol.for(`cc-call-elements.${name}`);
  return (slots[key] ??= make()) as T;
}
