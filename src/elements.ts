/**
 * Defines the four elements. When the page has no stage, a call gets an
 * overlay stage from "Calling…" to the outcome; when it has no
 * `<cc-incoming-call>`, a ringing call gets one until it stops ringing.
 */
import { isLive } from './store/machine.js';
import { getStore } from './store/store.js';
import type { CallState } from './store/types.js';
import { CcCallButton } from './components/cc-call-button/cc-call-button.js';
import { CcCallStage } from './components/cc-call-stage/cc-call-stage.js';
import { CcIncomingCall } from './components/cc-incoming-call/cc-incoming-call.js';
import { CcMeetingCard } from './components/cc-meeting-card/cc-meeting-card.js';

export { CcCallButton, CcCallStage, CcIncomingCall, CcMeetingCard };

function needsStage({ call }: CallState): boolean {
  if (!isLive(call)) return false;
  // Ringing in belongs to <cc-incoming-call>; the stage is for calls being placed or answered.
  return !(call.direction === 'incoming' && (call.phase === 'ringing' || call.phase === 'accepting'));
}

function isRinging({ call }: CallState): boolean {
  return isLive(call) && call.direction === 'incoming' && (call.phase === 'ringing' || call.phase === 'accepting');
}

/** An incoming call must never ring unseen: a page with only call buttons still gets Accept and Decline. */
function addAutoIncoming(): void {
  const incoming = document.createElement('cc-incoming-call');
  incoming.setAttribute('data-cc-auto', '');
  document.body.append(incoming);
  const unsubscribe = getStore().subscribe((state) => {
    if (isRinging(state)) return;
    unsubscribe();
    incoming.remove();
  });
}

function addAutoStage(): CcCallStage {
  const stage = document.createElement('cc-call-stage');
  stage.setAttribute('data-cc-auto', '');
  document.body.append(stage);
  return stage;
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

if (typeof document !== 'undefined') {
  const store = getStore();
  // The stage needs no such care: stages register with the store, which every copy shares.
  store.setStageFactory(addAutoStage);
  store.subscribe((state) => {
    if (needsStage(state) && !store.hasStage) addAutoStage();
    if (isRinging(state) && connectedIncoming() === 0) addAutoIncoming();
  });
}
