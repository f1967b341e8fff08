/**
 * Defines the four elements, and makes sure every call is seen: when the page
 * has no stage, a call gets an overlay stage from "Calling…" to the outcome;
 * when it has no `<cc-incoming-call>`, a ringing call gets one until it stops
 * ringing.
 */
import { CcCallButton } from './components/cc-call-button/cc-call-button.js';
import { CcCallStage } from './components/cc-call-stage/cc-call-stage.js';
import { CcIncomingCall } from './components/cc-incoming-call/cc-incoming-call.js';
import { CcMeetingCard } from './components/cc-meeting-card/cc-meeting-card.js';
import { getStages } from './stages.js';
import { isLive } from './store/machine.js';
import { ringingCall, surfaceOf } from './store/selectors.js';
import { getStore } from './store/store.js';

export { CcCallButton, CcCallStage, CcIncomingCall, CcMeetingCard };

function addAutomatic<K extends 'cc-call-stage' | 'cc-incoming-call'>(tag: K): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.setAttribute('data-cc-auto', '');
  document.body.append(element);
  return element;
}

/**
 * How many `<cc-incoming-call>` are connected, counted by the class the page
 * actually registered: with two copies of the bundle (two CMS plugins) only
 * the first copy's class is defined, and the second copy's own class never
 * sees an element connect.
 */
function connectedIncoming(): number {
  const registered = customElements.get('cc-incoming-call') as typeof CcIncomingCall | undefined;
  return (registered ?? CcIncomingCall).connectedCount ?? 0;
}

/** One automatic stage per call, while the page has none of its own; it goes once it has given focus back. */
function provideStage(): void {
  const store = getStore();
  const stages = getStages();
  let auto: CcCallStage | null = null;
  const add = (): CcCallStage => (auto ??= addAutomatic('cc-call-stage'));
  stages.setFactory(add);
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
        add();
      }
    });
  });
  store.subscribe(async (state) => {
    if (surfaceOf(state) === 'stage') {
      if (isLive(state.call) && !stages.hasStage) add();
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
function provideIncoming(): void {
  const store = getStore();
  let auto: CcIncomingCall | null = null;
  const check = (): void => {
    if (auto && !auto.isConnected) auto = null; // the page removed it
    if (ringingCall(store.state)) {
      if (!auto && connectedIncoming() === 0) auto = addAutomatic('cc-incoming-call');
    } else if (auto) {
      auto.remove();
      auto = null;
    }
  };
  store.subscribe(check);
  // The page's own dialog removed while a call rings: an automatic one takes over at once (after a
  // microtask, so an element only being moved is not replaced).
  const registered = (customElements.get('cc-incoming-call') as typeof CcIncomingCall | undefined) ?? CcIncomingCall;
  registered.onDisconnect?.add(() => queueMicrotask(check));
}

if (typeof document !== 'undefined') {
  provideStage();
  provideIncoming();
}
