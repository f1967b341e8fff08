/**
 * Defines the four elements, and makes sure every call is seen (see page/surfaces.ts): the library
 * build, where a bundler splits the app as it likes.
 */
import './page/copies.js'; // first: decides whether this copy serves the page, before anything makes the store
import { CcCallButton } from './components/cc-call-button/cc-call-button.js';
import { CcCallStage } from './components/cc-call-stage/cc-call-stage.js';
import { CcIncomingCall } from './components/cc-incoming-call/cc-incoming-call.js';
import { CcMeetingCard } from './components/cc-meeting-card/cc-meeting-card.js';
import { provideSurfaces } from './page/surfaces.js';

export { CcCallButton, CcCallStage, CcIncomingCall, CcMeetingCard };

const defined = () => Promise.resolve();
provideSurfaces({ stage: defined, incoming: defined });
