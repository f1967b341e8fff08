/**
 * Defines the four elements, and gives a call an overlay stage when the page
 * has none, from "Calling…" to the outcome.
 */
import { isLive } from './store/machine.js';
import { getStore } from './store/store.js';
import type { CallState } from './store/types.js';
import { CcCallButton } from './components/cc-call-button/cc-call-button.js';
import { CcCallStage } from './components/cc-call-stage/cc-call-stage.js';

export { CcCallButton, CcCallStage };

function needsStage({ call }: CallState): boolean {
  if (!isLive(call)) return false;
  // Ringing in belongs to <cc-incoming-call>; the stage is for calls being placed or answered.
  return !(call.direction === 'incoming' && (call.phase === 'ringing' || call.phase === 'accepting'));
}

function addAutoStage(): CcCallStage {
  const stage = document.createElement('cc-call-stage');
  stage.setAttribute('data-cc-auto', '');
  document.body.append(stage);
  return stage;
}

if (typeof document !== 'undefined') {
  const store = getStore();
  store.setStageFactory(addAutoStage);
  store.subscribe((state) => {
    if (needsStage(state) && !store.hasStage) addAutoStage();
  });
}
