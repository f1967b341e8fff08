/**
 * An in-browser stand-in for CometChat's two SDKs, for tests and the offline
 * demo. Each `createEmulator()` is one user's client; clients in other
 * frames, tabs or in the same page find each other over a BroadcastChannel.
 *
 *   const alice = createEmulator({ uid: 'alice', channel: 'demo' });
 *   await configure({ chat: alice.CometChat, calls: alice.CometChatCalls });
 *
 * Nothing here touches globals: two instances are two independent clients.
 */
import { CallsClient, type EmulatedCometChatCalls, type InCallState } from './calls.js';
import { ChatClient, type EmulatedCometChat } from './chat.js';
import { DEFAULT_GROUPS, DEFAULT_USERS, Directory, type DirectoryGroup, type DirectoryUser } from './directory.js';
import { Faults, type SdkError } from './faults.js';
import { TrackRegistry } from './media.js';
import { MessageLog } from './history.js';
import { Network } from './network.js';

export type { EmulatedCometChat } from './chat.js';
export type { EmulatedCometChatCalls } from './calls.js';
export type { SdkError } from './faults.js';

export interface EmulatorOptions {
  /** User logged in from the start (must be in `users`); omit to start logged out (then `login` is needed). */
  uid?: string;
  /** The app's users. Default: alice "Alice Adams", bob "Bob Brown", carol "Carol Chen", dave "Dave Diaz". */
  users?: Record<string, DirectoryUser>;
  /** The app's groups. Default: `{ team: { name: 'Team', members: ['alice', 'bob', 'carol'] } }`. */
  groups?: Record<string, DirectoryGroup>;
  /**
   * BroadcastChannel name; clients only see clients on the same one. Default 'cc-emulator'. Group
   * messages sent on it are kept in localStorage under this name, as the channel's chat history.
   */
  channel?: string;
  /** Which calls SDK generation to imitate: 4 (startSession…) or 5 (joinSession…). Default 4. */
  callsVersion?: 4 | 5;
  /** Sessions use the camera, microphone and WebRTC (default true); false renders name tiles only. */
  media?: boolean;
  /** 'loopback' sends peers only 127.0.0.1 / ::1 ICE candidates (tests); default 'all'. */
  iceFilter?: 'loopback' | 'all';
}

/** What `inspect()` reports. */
export interface EmulatorState {
  uid: string | null;
  callListeners: number;
  messageListeners: number;
  /** Tracks this instance opened that have not ended. */
  liveTracks: number;
  /** The running call session: its id and the uids in it, this client's first. */
  session: ({ sessionId: string; participants: string[] } & InCallState) | null;
  /** Session id of the chat SDK's active call. */
  activeCall: string | null;
}

export interface Emulator {
  /** Satisfies `ChatNamespace` (src/sdk/types.ts), plus the extras real 4.2.0 has. */
  CometChat: EmulatedCometChat;
  /** Satisfies `CallsNamespace`, with only the v4 or only the v5 session API, per `callsVersion`. */
  CometChatCalls: EmulatedCometChatCalls;
  /** Test and diagnostic view. */
  inspect(): EmulatorState;
  /**
   * Makes the next call to the named static (e.g. 'initiateCall', 'acceptCall', 'rejectCall',
   * 'endCall', 'sendCustomMessage', 'generateToken', 'startSession', 'joinSession', 'login',
   * 'init') reject with `error`, or with 'hang' never settle. Queues up when called repeatedly.
   */
  failNext(method: string, error: { code: string; message: string } | 'hang'): void;
  /**
   * Makes the next call to the named static or request method (e.g. 'fetchNext' of a
   * GroupsRequest, 'fetchPrevious' of a MessagesRequest) resolve with `value` as it is, in
   * place of its real result: a malformed or foreign server answer. Queues up with `failNext`.
   */
  answerNext(method: string, value: unknown): void;
  /** Leaves any session, stops tracks, closes the channel and clears timers. */
  close(): void;
}

/** Creates one emulated user's client. Throws if `uid` is not in the directory. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const directory = new Directory(options.users ?? DEFAULT_USERS, options.groups ?? DEFAULT_GROUPS);
  const channel = options.channel ?? 'cc-emulator';
  const network = new Network(channel);
  const faults = new Faults();
  const tracks = new TrackRegistry();
  let chat: ChatClient;
  try {
    chat = new ChatClient({ directory, network, faults, log: new MessageLog(channel), uid: options.uid });
  } catch (error) {
    network.close();
    throw error;
  }
  const calls = new CallsClient({
    version: options.callsVersion === 5 ? 5 : 4,
    directory,
    network,
    faults,
    chat,
    tracks,
    media: options.media ?? true,
    iceFilter: options.iceFilter ?? 'all',
  });
  let closed = false;

  return {
    CometChat: chat.namespace,
    CometChatCalls: calls.namespace,
    inspect: () => ({
      uid: chat.uid,
      callListeners: chat.callListenerCount,
      messageListeners: chat.messageListenerCount,
      liveTracks: tracks.live,
      session: calls.session,
      activeCall: chat.activeSessionId,
    }),
    failNext: (method, error) => {
      faults.add(method, error === 'hang' ? 'hang' : ({ ...error } as SdkError));
    },
    answerNext: (method, value) => {
      faults.add(method, { answer: value });
    },
    close: () => {
      if (closed) return;
      closed = true;
      calls.close(); // says goodbye to the session while the channel is still open
      chat.close();
      tracks.stopAll();
      faults.clear();
      network.close();
    },
  };
}
