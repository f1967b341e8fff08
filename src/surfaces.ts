/**
 * Every call is seen: when the page has no stage, a call gets an overlay stage from "Calling…" to
 * the outcome; when it has no `<cc-incoming-call>`, a ringing call gets one until it stops
 * ringing. The elements may be defined already (library build) or load on demand (the script-tag
 * bundle): `load` resolves once each is defined.
 */
import { servesPage } from './copies.js';
import { getStages } from './stages.js';
import { isLive } from './store/machine.js';
import type { StageHost } from './store/ports.js';
import { ringingCall, surfaceOf } from './store/selectors.js';
import { getStore } from './store/store.js';

export interface SurfaceLoaders {
  stage(): Promise<unknown>;
  incoming(): Promise<unknown>;
}

function addAutomatic(tag: 'cc-call-stage' | 'cc-incoming-call'): HTMLElement {
  const element = document.createElement(tag);
  element.setAttribute('data-cc-auto', '');
  document.body.append(element);
  return element;
}

/**
 * How many `<cc-incoming-call>` are connected, counted by the class the page actually registered:
 * with two copies of the bundle (two CMS plugins) only the first copy's class is defined.
 */
function connectedIncoming(): number {
  const registered = customElements.get('cc-incoming-call') as unknown as { connectedCount?: number } | undefined;
  return registered?.connectedCount ?? 0;
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
    if (stage === auto) auto = null;
    queueMicrotask(() => {
      if (!(stage instanceof Element) || stage.isConnected) return; // moved, not removed
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
  let auto: HTMLElement | null = null;
  const check = async (): Promise<void> => {
    if (auto && !auto.isConnected) auto = null; // the page removed it
    if (!ringingCall(store.state)) {
      auto?.remove();
      auto = null;
      return;
    }
    await load.incoming();
    if (ringingCall(store.state) && !auto && connectedIncoming() === 0) auto = addAutomatic('cc-incoming-call');
  };
  store.subscribe(() => void check());
  // The page's own dialog removed while a call rings: an automatic one takes over at once (after a
  // microtask, so an element only being moved is not replaced).
  void customElements.whenDefined('cc-incoming-call').then((registered) => {
    (registered as unknown as { onDisconnect?: Set<() => void> }).onDisconnect?.add(() => queueMicrotask(() => void check()));
  });
}

/** Only the copy of the bundle that serves the page (copies.ts) adds automatic elements: one stage, one dialog. */
export function provideSurfaces(load: SurfaceLoaders): void {
  if (typeof document === 'undefined' || !servesPage()) return;
  provideStage(load);
  provideIncoming(load);
}
