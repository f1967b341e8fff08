/**
 * Keeps this tab honest about its chat connection, and brings it back.
 *
 * The chat SDK keeps its login in storage that every tab of the origin shares. When another tab
 * logs out (even to log straight in again), the SDK in a tab without focus closes its WebSocket
 * and does not reopen it: that tab would show "ready" and never ring. A network drop closes it
 * too, and then the SDK reconnects by itself. So this watches the SDK's connection and login
 * listeners: while the socket is down the page says so (`reconnecting`), and every few seconds it
 * tries to come back, once the stored login is this user's again (another tab logged in, or the
 * SDK reconnected). It never logs in or out itself, so it never disturbs the user's other tabs.
 */
import type { ChatNamespace } from './types.js';

/** How often a tab whose socket is down checks whether it can come back. */
export const RECONNECT_EVERY_MS = 3000;

let sequence = 0;

/**
 * Watches the chat connection of `uid` on `chat`; `report(false)` once it is lost, `report(true)`
 * once it is back. Returns the removal of its listeners and timer. A no-op on an SDK without
 * connection listeners (the emulator).
 */
export function watchConnection(chat: ChatNamespace, uid: string, report: (connected: boolean) => void): () => void {
  if (!chat.addConnectionListener || !chat.ConnectionListener) return () => undefined;
  const id = `cc-call-elements:connection:${++sequence}`;
  let down = false;
  /** Lost to a logout seen from another tab: the SDK then still says "connected", and only a connect() brings it back. */
  let loggedOut = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  const lost = (byLogout: boolean): void => {
    loggedOut ||= byLogout;
    if (down) return;
    down = true;
    report(false);
    timer = setInterval(() => void tryToComeBack(), RECONNECT_EVERY_MS);
  };
  const back = (): void => {
    if (!down) return;
    down = false;
    loggedOut = false;
    clearInterval(timer);
    report(true);
  };

  const tryToComeBack = async (): Promise<void> => {
    const stored = await chat.getLoggedinUser().catch(() => null);
    // Logged out everywhere, or another user now: wait until this user's login is back.
    if (!down || stored?.getUid() !== uid) return;
    const status = chat.getConnectionStatus?.();
    if (loggedOut || status === 'disconnected') {
      const token = stored.getAuthToken?.();
      // That logout also made the SDK forget its auth token. Logging in with the stored token
      // restores it without a request and without touching the storage the tabs share.
      if (loggedOut && token && chat.login) await chat.login(token).catch(() => undefined);
      loggedOut = false;
      // Opens a socket if none is open; a new one that fails is reported (onDisconnected) and retried.
      chat.connect?.();
      return;
    }
    if (status === 'connected') back();
  };

  chat.addConnectionListener(
    id,
    new chat.ConnectionListener({ onConnected: back, inConnecting: () => lost(false), onDisconnected: () => lost(false) }),
  );
  const loginId = chat.addLoginListener && chat.LoginListener ? id : null;
  if (loginId) chat.addLoginListener!(loginId, new chat.LoginListener!({ logoutSuccess: () => lost(true) }));
  return () => {
    clearInterval(timer);
    chat.removeConnectionListener?.(id);
    if (loginId) chat.removeLoginListener?.(loginId);
  };
}
