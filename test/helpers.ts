/** Shared test plumbing: emulated users, a bare stage, and waiting for things a user would see. */
import { configure, resetCalls, type ConfigureOptions } from '../src/configure/configure.js';
import { createEmulator, type Emulator, type EmulatorOptions } from '../emulator/index.js';
import { getStages } from '../src/page/stages.js';
import type { CallListenerHandlers } from '../src/sdk/types.js';
import type { Party } from '../src/store/types.js';
import { waitFor } from './wait.js';

export const bobParty: Party = { kind: 'user', id: 'bob', name: 'Bob Brown', avatar: null };
export const teamParty: Party = { kind: 'group', id: 'team', name: 'Team', avatar: null };

let sequence = 0;
export function uniqueChannel(): string {
  return `cc-test-${Date.now().toString(36)}-${++sequence}-${Math.random().toString(36).slice(2, 6)}`;
}

export { sleep, waitFor } from './wait.js';

export interface RecordedCallEvent {
  name: keyof CallListenerHandlers;
  sessionId: string;
  status: string | undefined;
}

/** Another user's client, driven by the test through the SDK API, recording what its call listener hears. */
export class RemoteUser {
  readonly emulator: Emulator;
  readonly events: RecordedCallEvent[] = [];

  constructor(uid: string, channel: string, extra: Partial<EmulatorOptions> = {}) {
    this.emulator = createEmulator({ uid, channel, media: false, ...extra });
    const chat = this.emulator.CometChat;
    const record = (name: keyof CallListenerHandlers) => (call: { getSessionId(): string; getStatus?(): string }) =>
      this.events.push({ name, sessionId: call.getSessionId(), status: call.getStatus?.() });
    chat.addCallListener(
      'test-remote',
      new chat.CallListener({
        onIncomingCallReceived: record('onIncomingCallReceived'),
        onOutgoingCallAccepted: record('onOutgoingCallAccepted'),
        onOutgoingCallRejected: record('onOutgoingCallRejected'),
        onIncomingCallCancelled: record('onIncomingCallCancelled'),
        onCallEndedMessageReceived: record('onCallEndedMessageReceived'),
      }),
    );
  }

  get chat() {
    return this.emulator.CometChat;
  }

  heard(name: keyof CallListenerHandlers, sessionId?: string): RecordedCallEvent | undefined {
    return this.events.find((e) => e.name === name && (sessionId === undefined || e.sessionId === sessionId));
  }

  waitToHear(name: keyof CallListenerHandlers, sessionId?: string, ms?: number): Promise<RecordedCallEvent> {
    return waitFor(() => this.heard(name, sessionId), `${name} on the remote user`, ms);
  }

  async call(uid: string, type: 'audio' | 'video' = 'video'): Promise<string> {
    const call = await this.chat.initiateCall(new this.chat.Call(uid, type, 'user'));
    return call.getSessionId();
  }

  close(): void {
    this.emulator.close();
  }
}

/** A stage stand-in for store-level tests: a plain container in the document. */
export function bareStage(): { container: HTMLElement; dispose(): void } {
  const container = document.createElement('div');
  document.body.append(container);
  const unregister = getStages().register({ sessionContainer: async () => container, reveal: () => undefined });
  return {
    container,
    dispose() {
      unregister();
      container.remove();
    },
  };
}

/** Collects the lifecycle events dispatched on document while a test runs. */
export function recordDocumentEvents(names: string[]): { events: CustomEvent[]; stop(): void } {
  const events: CustomEvent[] = [];
  const listener = (event: Event) => events.push(event as CustomEvent);
  for (const name of names) document.addEventListener(name, listener);
  return { events, stop: () => names.forEach((name) => document.removeEventListener(name, listener)) };
}

/** Configures the page as `uid` on a fresh emulator and returns it. */
export async function configureAs(
  uid: string,
  channel: string,
  extra: Partial<EmulatorOptions> = {},
  options: Partial<ConfigureOptions> = {},
): Promise<Emulator> {
  const local = createEmulator({ uid, channel, media: false, ...extra });
  await configure({ chat: local.CometChat, calls: local.CometChatCalls, outcomeDuration: 60, ...options });
  return local;
}

/** The flow tests' usual world: alice configured with the fake camera, bob on her channel, a bare stage, and the `cc-error` events. */
export interface CallWorld {
  alice: Emulator;
  bob: RemoteUser;
  stage: ReturnType<typeof bareStage>;
  recorder: ReturnType<typeof recordDocumentEvents>;
}

/** Makes a `CallWorld` on calls SDK `version`, alice configured with `options`. Undo it with `closeWorld`. */
export async function aliceAndBob(version: 4 | 5 = 4, options: Partial<ConfigureOptions> = {}): Promise<CallWorld> {
  const channel = uniqueChannel();
  const alice = await configureAs('alice', channel, { callsVersion: version, media: true, iceFilter: 'loopback' }, options);
  const bob = new RemoteUser('bob', channel, { callsVersion: version });
  return { alice, bob, stage: bareStage(), recorder: recordDocumentEvents(['cc-error']) };
}

/** Stops recording, removes the stage, resets the calls and closes both clients (whatever of them exists). */
export async function closeWorld(world: Partial<CallWorld> | undefined): Promise<void> {
  world?.recorder?.stop();
  world?.stage?.dispose();
  await cleanUp(world?.alice, world?.bob);
}

export async function cleanUp(...emulators: Array<{ close(): void } | undefined>): Promise<void> {
  await resetCalls();
  for (const emulator of emulators) emulator?.close();
}

/**
 * Resolves once `el` shows the store's latest state. Call buttons and meeting cards catch up only
 * after the next frame has painted (so a ringing dialog paints first), as a user would see them.
 */
export async function painted(el: { updateComplete: Promise<boolean> }): Promise<void> {
  // A frame may never come in a background test page; the controllers then catch up within 100 ms.
  await new Promise((resolve) => setTimeout(resolve, 150));
  await el.updateComplete;
}
