/**
 * Every call is seen: when the page has no stage, a call gets an overlay stage from "Calling…" to
 * the outcome; when it has no `<cc-incoming-call>`, a ringing call gets one until it stops
 * ringing. The elements may be defined already (library build) or load on demand (the script-tag
 * bundle): `load` resolves once each is defined.
 */
import { servesPage } from './copies.js';
import { getDialogs } from './dialogs.js';
import { getStages } from './stages.js';
import { isLive } from '../store/state.js';
import type { StageHost } from '../store/ports.js';
import { ringingCall, surfaceOf } from '../store/selectors.js';
import { getStore } from '../store/store.js';

export interface SurfaceLoaders {
  stage(): Promise<unknown>;
  incoming(): Promise<unknown>;
}

/**
 * Added to `<html>`, after `<body>`: sites that swap `<body>` on navigation (Turbo Drive, htmx's
 * `hx-boost`, PJAX) replace everything in it, and a session's media and frames cannot survive leaving
 * the document. Outside `<body>` the call stays in place, untouched, across such navigations.
 */
function addAutomatic(tag: 'cc-call-stage' | 'cc-incoming-call'): HTMLElement {
  const element = document.createElement(tag);
  element.setAttribute('data-cc-auto', '');
  document.documentElement.append(element);
  return element;
}

/**
 * Whether an element that left the page is gone, decided a task later: a body-swapping library that
 * keeps an element (Turbo's `data-turbo-permanent`) takes it out with the old `<body>` and puts it
 * back into the new one only a few microtasks later. Back by then, it was moved, not removed.
 */
function whenGone(element: unknown, then: () => void): void {
  setTimeout(() => {
    if (!(element instanceof Element) || !element.isConnected) then();
  });
}

/** One automatic stage per call, while the page has none of its own; it goes once it has given focus back. */
function provideStage(load: SurfaceLoaders): void {
  const store = getStore();
  const stages = getStages();
  let auto: (HTMLElement & StageHost & { updateComplete: Promise<boolean> }) | null = null;
  const add = async (): Promise<StageHost> => {
    await load.stage();
    return (auto ??= addAutomatic('cc-call-stage') as NonNullable<typeof auto>);
  };
  stages.setFactory(async () => {
    await load.stage(); // the page's own stage registers once it is defined
    return stages.hasStage ? (undefined as never) : add();
  });
  // A stage removed mid-call (a page re-rendering, an SPA route change) hands its job on at once:
  // a call still on its way gets an automatic stage; a session that was rendering into it cannot
  // move (its media and frames live there), so that call ends cleanly rather than run on unseen.
  stages.onRemoved((stage, hostedSession) => {
    whenGone(stage, () => {
      if (stage === auto) auto = null;
      const { call } = store.state;
      if (surfaceOf(store.state) !== 'stage' || !call) return;
      if (hostedSession && isLive(call) && (call.phase === 'connecting' || call.phase === 'active')) {
        store.dispatch({ type: 'hang-up' });
      } else if (!stages.hasStage) {
        void add();
      }
    });
  });
  store.subscribe(async (state) => {
    if (surfaceOf(state) === 'stage') {
      if (!isLive(state.call) || stages.hasStage) return;
      await load.stage();
      if (isLive(store.state.call) && surfaceOf(store.state) === 'stage' && !stages.hasStage) await add();
      return;
    }
    const leaving = auto;
    if (!leaving) return;
    await leaving.updateComplete;
    if (auto === leaving && surfaceOf(store.state) !== 'stage') {
      auto = null;
      leaving.remove();
    }
  });
}

/** An incoming call must never ring unseen: a page with only call buttons still gets Accept and Decline. */
function provideIncoming(load: SurfaceLoaders): void {
  const store = getStore();
  const dialogs = getDialogs();
  let auto: HTMLElement | null = null;
  const check = async (): Promise<void> => {
    if (auto && !auto.isConnected) auto = null; // the page removed it
    // The page's own dialog arrived (a navigation to a page that has one): it rings, not a second one.
    if (!ringingCall(store.state) || (auto && dialogs.count > 1)) {
      auto?.remove();
      auto = null;
      return;
    }
    await load.incoming();
    if (ringingCall(store.state) && !auto && dialogs.count === 0) auto = addAutomatic('cc-incoming-call');
  };
  store.subscribe(() => void check());
  // The page's own dialog removed while a call rings: an automatic one takes over at once (a task
  // later, so an element only being moved is not replaced), and gives way when the page's own is back.
  dialogs.listeners.add((connected) => (connected ? void check() : setTimeout(() => void check())));
}

/** Only the copy of the bundle that serves the page (copies.ts) adds automatic elements: one stage, one dialog. */
export function provideSurfaces(load: SurfaceLoaders): void {
  if (typeof document === 'undefined' || !servesPage()) return;
  provideStage(load);
  provideIncoming(load);
}
