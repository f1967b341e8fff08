/** Waiting in tests, for every tier that runs in the browser (no imports, so the emulator's own tests can use it too). */

/** Resolves with the first truthy value of `check`; fails naming `what` after `ms`. */
export async function waitFor<T>(check: () => T | undefined | null | false, what: string, ms = 4000): Promise<T> {
  const deadline = performance.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
