/**
 * configure(): connects the page's one call store to CometChat.
 *
 * Either hand over SDK namespaces the app already initialised and logged in
 * (`{ chat, calls }`, so a framework app never loads a second copy), or let
 * the bundle initialise and log in (`{ appId, region, authToken }`).
 */
import { CcError, describeError } from '../core/errors.js';
import type { ConfigureOptions } from './options.js';
import { getStore } from '../store/store.js';

export type { CallSettingsContext, ConfigureOptions } from './options.js';

let queue: Promise<unknown> = Promise.resolve();

/** The configure code is a chunk of its own; if it cannot load (offline), calling is unavailable and says why. */
function loadConnect(): Promise<typeof import('./connect.js')> {
  return import('./connect.js').catch((cause: unknown) => {
    const error = new CcError('sdk-init-failed', `The configure code could not be loaded: ${describeError(cause)}`, cause);
    getStore().dispatch({ type: 'configure-failed', error: { code: error.code, message: error.message } });
    throw error;
  });
}

/** On `globalThis`, so every copy of the bundle on the page sees that some copy's configure() was called. */
const CONFIGURE_CALLED = Symbol.for('cc-call-elements.configure-called');

function markConfigureCalled(): void {
  (globalThis as unknown as Record<symbol, boolean>)[CONFIGURE_CALLED] = true;
}

/** Whether configure() was called on this page, by any copy of the bundle, even if it has not settled yet. */
export function configureWasCalled(): boolean {
  return (globalThis as unknown as Record<symbol, boolean | undefined>)[CONFIGURE_CALLED] === true;
}

/**
 * Connects the elements on this page to CometChat. Resolves once calls can
 * be made; rejects with a {@link CcError} (`config-invalid`, `sdk-init-failed`,
 * `login-failed`, `sdk-timeout`) and leaves the elements showing that calling
 * is unavailable. Calling it again replaces the previous configuration.
 */
export function configure(options: ConfigureOptions): Promise<void> {
  markConfigureCalled();
  // "Connecting…" from now on, not only once the configure code has loaded.
  getStore().dispatch({ type: 'configuring' });
  const run = queue.then(loadConnect).then(({ connect }) => connect(options));
  queue = run.catch(() => undefined);
  return run;
}

/** Ends any call, removes the SDK listeners, logs out if configure() logged in, and returns to "not configured". */
export function resetCalls(): Promise<void> {
  const run = queue.then(() => getStore().reset());
  queue = run.catch(() => undefined);
  return run;
}
