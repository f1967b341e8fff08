/**
 * What the store keeps in touch with beyond the SDK: the user's other tabs
 * (ringing stops everywhere once one tab answers or declines), the page going
 * away (`pagehide`), and the sessions this browser joined and the meeting
 * notices it dismissed (localStorage, so both survive a reload).
 */
import { openTabChannel, type TabChannel } from './tabs.js';

const JOINS_KEY = 'cc-call-elements:joined-sessions';
const DISMISSED_KEY = 'cc-call-elements:dismissed-meetings';
/** Dismissals kept, newest announcements first: a reload only looks back 2 hours anyway. */
const MAX_DISMISSALS = 50;

export interface PageLinks {
  /** Tells the user's other tabs that this tab answered or declined `sessionId`. */
  tellTabs(uid: string, sessionId: string): void;
  close(): void;
}

/**
 * Starts listening to the user's other tabs and to the page going away.
 * `onHandledElsewhere` hears what other tabs announce (with the uid they name); `onPageHide` runs once the page is hidden for good.
 */
export function linkPage(onHandledElsewhere: (uid: string, sessionId: string) => void, onPageHide: () => void): PageLinks {
  const tabs: TabChannel = openTabChannel(({ uid, sessionId }) => onHandledElsewhere(uid, sessionId));
  globalThis.addEventListener?.('pagehide', onPageHide);
  return {
    tellTabs: (uid, sessionId) => tabs.announce({ uid, sessionId }),
    close: () => {
      tabs.close();
      globalThis.removeEventListener?.('pagehide', onPageHide);
    },
  };
}

export function loadJoins(): Record<string, number[]> {
  try {
    const raw = globalThis.localStorage?.getItem(JOINS_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== 'object') return {};
    // Built from entries, so a stored session id such as `__proto__` stays an own key and sets no prototype.
    return Object.fromEntries(
      Object.entries(parsed)
        .filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]))
        .map(([sessionId, times]) => [sessionId, times.filter((t): t is number => typeof t === 'number')]),
    );
  } catch {
    return {};
  }
}

export function saveJoins(joinedAt: Record<string, number[]>): void {
  try {
    globalThis.localStorage?.setItem(JOINS_KEY, JSON.stringify(joinedAt));
  } catch {
    // Storage may be full or blocked (private mode, sandboxed iframe); joins then last for this page only.
  }
}

/** The meeting notices `uid` dismissed in this browser: per user, as two people may share one browser. */
export function loadDismissals(uid: string): Record<string, number> {
  try {
    const raw = globalThis.localStorage?.getItem(`${DISMISSED_KEY}:${uid}`);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== 'object') return {};
    // Built from entries, so a stored session id such as `__proto__` stays an own key.
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  } catch {
    return {};
  }
}

export function saveDismissals(uid: string, dismissedAt: Record<string, number>): void {
  const newest = Object.entries(dismissedAt)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_DISMISSALS);
  try {
    globalThis.localStorage?.setItem(`${DISMISSED_KEY}:${uid}`, JSON.stringify(Object.fromEntries(newest)));
  } catch {
    // Storage may be full or blocked; dismissals then last for this page only.
  }
}
