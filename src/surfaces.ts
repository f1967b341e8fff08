/**
 * Every call is seen: when the page has no stage, a call gets an overlay stage from "Calling…" to
 * the outcome; when it has no `<cc-incoming-call>`, a ringing call gets one until it stops
 * ringing. The elements may be defined already (library build) or load on demand (the script-tag
 * bundle): `load` resolves once each is defined.
 */
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
  store.subscribe(async (state) => {
    if (!ringingCall(state)) {
      auto?.remove();
      auto = null;
      return;
    }
    await load.incoming();
    if (ringingCall(store.state) && !auto && connectedIncoming() === 0) auto = addAutomatic('cc-incoming-call');
  });
}

export function provideSurfaces(load: SurfaceLoaders): void {
  if (typeof document === 'undefined') return;
  provideStage(load);
  provideIncoming(load);
}
