/** Plumbing for the emulator's own tests: unique channels, waiting, and clients that record what they hear. */
import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index.js';
import type { Call, CustomMessage } from '../../emulator/models.js';
import { sleep, waitFor } from '../wait.js';

let sequence = 0;
export function uniqueChannel(): string {
  return `cc-emu-test-${Date.now().toString(36)}-${++sequence}-${Math.random().toString(36).slice(2, 7)}`;
}

export { sleep, waitFor } from '../wait.js';

/** Settles with 'pending' if `promise` has not settled within `ms`. */
export function settledWithin<T>(promise: Promise<T>, ms: number): Promise<{ value: T } | { error: unknown } | 'pending'> {
  return Promise.race([
    promise.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    sleep(ms).then(() => 'pending' as const),
  ]);
}

export interface Heard {
  name: string;
  sessionId: string;
  status: string;
  call: Call;
}

const CALL_EVENTS = [
  'onIncomingCallReceived',
  'onOutgoingCallAccepted',
  'onOutgoingCallRejected',
  'onIncomingCallCancelled',
  'onCallEndedMessageReceived',
] as const;

/** One emulated client with a call listener and a message listener that record everything. */
export class Client {
  readonly emulator: Emulator;
  readonly calls: Heard[] = [];
  readonly messages: CustomMessage[] = [];

  constructor(options: EmulatorOptions) {
    this.emulator = createEmulator({ media: false, ...options });
    const chat = this.chat;
    const handlers: Record<string, (call: Call) => void> = {};
    for (const name of CALL_EVENTS) {
      handlers[name] = (call) => this.calls.push({ name, sessionId: call.getSessionId(), status: call.getStatus(), call });
    }
    chat.addCallListener('recorder', new chat.CallListener(handlers));
    chat.addMessageListener(
      'recorder',
      new chat.MessageListener({ onCustomMessageReceived: (m) => this.messages.push(m as CustomMessage) }),
    );
  }

  get chat() {
    return this.emulator.CometChat;
  }

  heard(name: string, sessionId?: string): Heard | undefined {
    return this.calls.find((e) => e.name === name && (sessionId === undefined || e.sessionId === sessionId));
  }

  waitToHear(name: string, sessionId?: string, ms?: number): Promise<Heard> {
    return waitFor(() => this.heard(name, sessionId), `${name} on ${this.emulator.inspect().uid}`, ms);
  }

  async call(receiverId: string, options: { type?: 'audio' | 'video'; group?: boolean; timeout?: number } = {}): Promise<string> {
    const chat = this.chat;
    const receiverType = options.group ? chat.RECEIVER_TYPE.GROUP : chat.RECEIVER_TYPE.USER;
    const call = new chat.Call(receiverId, options.type ?? chat.CALL_TYPE.VIDEO, receiverType);
    const placed = await chat.initiateCall(call, options.timeout);
    return placed.getSessionId();
  }
}

/** Closes every emulator given, ignoring ones already closed. */
export function closeAll(...clients: Array<Client | Emulator | undefined>): void {
  for (const client of clients) (client instanceof Client ? client.emulator : client)?.close();
}

/** Rejection reason of `promise`, or a failure if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the promise to reject, but it resolved');
}
