/**
 * The emulated calls SDK (`CometChatCalls`), in the shape of either
 * generation: v4 (startSession / endSession / CallSettingsBuilder /
 * OngoingCallListener) or v5 (joinSession / leaveSession / addEventListener).
 * Only one generation's names exist on a namespace, so feature detection
 * behaves as it does on the real packages.
 */
import type { CallsNamespace, OngoingCallHandlers, SessionSettingsV5 } from '../src/sdk/types.js';
import type { ChatClient } from './chat.js';
import { Directory } from './directory.js';
import { Faults, sdkError } from './faults.js';
import { isRecord, isText, type UserWire } from './models.js';
import type { TrackRegistry } from './media.js';
import type { Network } from './network.js';
import { EmulatedSession, type SessionConfig, type SessionReports } from './session.js';

const DEFAULT_IDLE_SECONDS = 180;
const TOKEN_PREFIX = 'emu-call.';

export interface CallAppSettings {
  appId: string;
  region: string;
}

export class CallAppSettingsBuilder {
  #settings: CallAppSettings = { appId: '', region: 'us' };
  setAppId(appId: string): this {
    this.#settings.appId = appId;
    return this;
  }
  setRegion(region: string): this {
    this.#settings.region = region;
    return this;
  }
  build(): CallAppSettings {
    return { ...this.#settings };
  }
}

/** v4: keeps the handlers it is given, like the real OngoingCallListener. */
export class OngoingCallListener implements OngoingCallHandlers {
  constructor(handlers: OngoingCallHandlers) {
    if (!isRecord(handlers)) return;
    for (const [name, value] of Object.entries(handlers)) {
      if (typeof value === 'function' && name.startsWith('on')) (this as Record<string, unknown>)[name] = value;
    }
  }
}

/** v4 call settings, as `CallSettingsBuilder.build()` returns them. */
export class CallSettings {
  defaultLayout = true;
  isAudioOnly = false;
  mode = 'DEFAULT';
  showEndCallButton = true;
  showMuteAudioButton = true;
  showPauseVideoButton = true;
  showScreenShareButton = true;
  showModeButton = true;
  showSwitchToVideoCallButton = true;
  showRecordingButton = false;
  startAudioMuted = false;
  startVideoMuted = false;
  idleTimeoutPeriod = DEFAULT_IDLE_SECONDS;
  callListener: unknown = null;
  localizedStringObject: object = {};
  mainVideoContainerSetting: unknown = null;
}

/** v4 builder: every setter chains; the ones the emulator has no use for are accepted and stored. */
export class CallSettingsBuilder {
  /** CallSettingsBuilderV4 in src/sdk/types.ts has a string index signature, which a class only matches by declaring one. */
  [method: string]: unknown;
  #s = new CallSettings();

  enableDefaultLayout(value: boolean): this {
    this.#s.defaultLayout = !!value;
    return this;
  }
  setIsAudioOnlyCall(value: boolean): this {
    this.#s.isAudioOnly = !!value;
    return this;
  }
  setCallListener(listener: unknown): this {
    this.#s.callListener = listener;
    return this;
  }
  setMode(mode: string): this {
    this.#s.mode = mode;
    return this;
  }
  startWithAudioMuted(value: boolean): this {
    this.#s.startAudioMuted = !!value;
    return this;
  }
  startWithVideoMuted(value: boolean): this {
    this.#s.startVideoMuted = !!value;
    return this;
  }
  showEndCallButton(value: boolean): this {
    this.#s.showEndCallButton = !!value;
    return this;
  }
  showMuteAudioButton(value: boolean): this {
    this.#s.showMuteAudioButton = !!value;
    return this;
  }
  showPauseVideoButton(value: boolean): this {
    this.#s.showPauseVideoButton = !!value;
    return this;
  }
  showScreenShareButton(value: boolean): this {
    this.#s.showScreenShareButton = !!value;
    return this;
  }
  showSwitchToVideoCallButton(value: boolean): this {
    this.#s.showSwitchToVideoCallButton = !!value;
    return this;
  }
  showRecordingButton(value: boolean): this {
    this.#s.showRecordingButton = !!value;
    return this;
  }
  showModeButton(value: boolean): this {
    this.#s.showModeButton = !!value;
    return this;
  }
  /** Seconds alone in the session before it times out. */
  setIdleTimeoutPeriod(seconds: number): this {
    this.#s.idleTimeoutPeriod = seconds;
    return this;
  }
  setMainVideoContainerSetting(setting: unknown): this {
    this.#s.mainVideoContainerSetting = setting;
    return this;
  }
  setLocalizedStringObject(strings: object): this {
    this.#s.localizedStringObject = strings;
    return this;
  }
  build(): CallSettings {
    return Object.assign(new CallSettings(), this.#s);
  }
}

/** The emulated `CometChatCalls` namespace. v4-only members are absent in v5 mode and vice versa. */
export interface EmulatedCometChatCalls extends CallsNamespace {
  init(settings?: unknown): Promise<void>;
  CallAppSettingsBuilder: typeof CallAppSettingsBuilder;
  generateToken(sessionId: string, authToken?: string): Promise<{ token: string }>;
  // v4
  CallSettingsBuilder?: typeof CallSettingsBuilder;
  CallSettings?: typeof CallSettings;
  OngoingCallListener?: typeof OngoingCallListener;
  CALL_MODE?: { DEFAULT: 'DEFAULT'; SPOTLIGHT: 'SPOTLIGHT'; GRID: 'TILE' };
  startSession?(token: string, settings: unknown, element: HTMLElement): Promise<void>;
  endSession?(): void;
  addCallEventListener?(id: string, handlers: OngoingCallHandlers): void;
  removeCallEventListener?(id: string): void;
  muteAudio?(mute?: boolean): void;
  pauseVideo?(pause?: boolean): void;
  switchCamera?(): void;
  getAudioOutputDevices?(): Array<{ deviceId: string; label: string; kind: string }>;
  setAudioOutputDevice?(deviceId: string): void;
  switchToVideoCall?(): void;
  unMuteAudio?(): void;
  resumeVideo?(): void;
  // v5
  joinSession?(token: string, settings: SessionSettingsV5, element: HTMLElement): Promise<void>;
  leaveSession?(): Promise<void>;
  addEventListener?(name: string, handler: (payload?: unknown) => void): () => void;
}

export interface CallsClientOptions {
  version: 4 | 5;
  directory: Directory;
  network: Network;
  faults: Faults;
  chat: ChatClient;
  tracks: TrackRegistry;
  media: boolean;
  iceFilter: 'loopback' | 'all';
}

function encodeToken(sessionId: string, uid: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ sessionId, uid }));
  const base64 = btoa(String.fromCharCode(...bytes));
  return TOKEN_PREFIX + base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeToken(token: unknown): { sessionId: string; uid: string } | null {
  if (typeof token !== 'string' || !token.startsWith(TOKEN_PREFIX)) return null;
  try {
    const base64 = token.slice(TOKEN_PREFIX.length).replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (isRecord(value) && isText(value.sessionId) && isText(value.uid)) return { sessionId: value.sessionId, uid: value.uid };
  } catch {
    // not one of ours
  }
  return null;
}

/** Duck-typed, so an element from another frame counts too. */
const isElement = (value: unknown): value is HTMLElement =>
  typeof value === 'object' && value !== null && (value as Node).nodeType === 1 && typeof (value as Element).append === 'function';

const seconds = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;

type Emit = (name: string, payload?: unknown) => void;

/** What the in-call methods changed in the running session. */
export interface InCallState {
  audioMuted: boolean;
  videoPaused: boolean;
  audioOutput: string;
  cameraSwitches: number;
  switchedToVideo: boolean;
}

function freshInCall(): InCallState {
  return { audioMuted: false, videoPaused: false, audioOutput: 'default', cameraSwitches: 0, switchedToVideo: false };
}

/** The audio outputs the emulated session offers. */
const AUDIO_OUTPUTS = [
  { deviceId: 'default', label: 'Speaker' },
  { deviceId: 'emulated-headset', label: 'Headset (emulated)' },
];

export class CallsClient {
  readonly namespace: EmulatedCometChatCalls;
  readonly #o: CallsClientOptions;
  #session: EmulatedSession | null = null;
  /** Bumped by every start and end, so a start still opening media knows it was overtaken. */
  #generation = 0;
  readonly #v4Listeners = new Map<string, unknown>();
  readonly #v5Listeners = new Map<string, Set<(payload?: unknown) => void>>();
  readonly #onPageHide = () => this.#drop();
  #closed = false;
  /** What the in-call methods did to the running session, for tests and the demo to see. */
  #inCall: InCallState = freshInCall();
  /** Reports to the running session's listeners (set when it starts). */
  #emit: Emit = () => undefined;

  constructor(options: CallsClientOptions) {
    this.#o = options;
    this.namespace = options.version === 5 ? this.#buildV5() : this.#buildV4();
    // A closing tab counts as leaving, so the others see it go.
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
  }

  get session(): ({ sessionId: string; participants: string[] } & InCallState) | null {
    const s = this.#session;
    return s && !s.left ? { sessionId: s.sessionId, participants: s.participants, ...this.#inCall } : null;
  }

  /** The in-call methods both generations share, as 4.2.6 has them: muteAudio(bool) and unMuteAudio(), pauseVideo(bool) and resumeVideo(). */
  #inCallMethods() {
    const local = () => this.#session?.list()[0];
    const need = (name: string) => {
      if (!this.#session) throw sdkError('NO_SESSION', `${name}() needs a running session.`);
    };
    const v5 = this.#o.version === 5;
    const mute = (muted: boolean) => {
      need('muteAudio');
      this.#setTracks('audio', !muted);
      this.#inCall.audioMuted = muted;
      const user = local();
      if (v5) this.#emit(muted ? 'onParticipantAudioMuted' : 'onParticipantAudioUnmuted', user);
      else this.#emit(muted ? 'onUserMuted' : 'onUserUnMuted', { muted: user, mutedBy: user });
    };
    const pause = (paused: boolean) => {
      need('pauseVideo');
      this.#setTracks('video', !paused);
      this.#inCall.videoPaused = paused;
    };
    return {
      muteAudio: (muted = true) => mute(muted !== false),
      pauseVideo: (paused = true) => pause(paused !== false),
      unMuteAudio: () => mute(false),
      resumeVideo: () => pause(false),
      switchCamera: () => {
        need('switchCamera');
        this.#inCall.cameraSwitches++;
      },
      getAudioOutputDevices: () => AUDIO_OUTPUTS.map((d) => ({ ...d, kind: 'audiooutput' })),
      setAudioOutputDevice: (deviceId: string) => {
        need('setAudioOutputDevice');
        if (!AUDIO_OUTPUTS.some((d) => d.deviceId === deviceId)) {
          // As the real SDK (4.2.6): it returns, its device lookup fails inside, and it says so through onError.
          const sessionId = this.#session?.sessionId;
          setTimeout(
            () =>
              this.#session?.sessionId === sessionId && this.#emit('onError', sdkError('INVALID_DEVICE', `No audio output ${deviceId}.`)),
          );
          return;
        }
        this.#inCall.audioOutput = deviceId;
      },
      switchToVideoCall: () => {
        need('switchToVideoCall');
        this.#inCall.switchedToVideo = true;
        this.#emit('onCallSwitchedToVideo', { sessionId: this.#session?.sessionId });
      },
    };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#drop();
    globalThis.removeEventListener?.('pagehide', this.#onPageHide);
  }

  /** Leaves any session (or abandons one still starting) without reporting anything. */
  #drop(): void {
    this.#generation++;
    const session = this.#session;
    this.#session = null;
    session?.leave();
  }

  // ── shared ─────────────────────────────────────────────────────────────

  #common() {
    const { faults } = this.#o;
    return {
      CallAppSettingsBuilder,
      init: (_settings?: unknown) => faults.run('init', async () => undefined),
      generateToken: (sessionId: string, authToken?: string) =>
        faults.run('generateToken', async () => {
          const token = authToken ?? (this.#o.chat.uid ? Directory.tokenFor(this.#o.chat.uid) : undefined);
          const uid = this.#o.directory.uidForToken(token);
          if (!uid) throw sdkError('INVALID_AUTH_TOKEN', 'The auth token is not valid.');
          if (!isText(sessionId)) throw sdkError('SESSION_ID_REQUIRED', 'A session id is required.');
          return { token: encodeToken(sessionId, uid) };
        }),
    };
  }

  /**
   * Starts a session for a valid token, replacing any running one. Resolves
   * with it once it runs, or with null if an end or another start overtook it.
   */
  async #start(
    token: string,
    element: HTMLElement,
    settings: Pick<SessionConfig, 'audioOnly' | 'startAudioMuted' | 'startVideoMuted' | 'idleSeconds' | 'layout'>,
    reports: SessionReports,
  ): Promise<EmulatedSession | null> {
    const decoded = decodeToken(token)!;
    this.#drop();
    this.#inCall = freshInCall();
    const generation = this.#generation;
    const user = this.#o.directory.user(decoded.uid)!;
    const wire: UserWire = { uid: user.getUid(), name: user.getName() };
    const avatar = user.getAvatar();
    if (avatar) wire.avatar = avatar;
    let session: EmulatedSession | null = null;
    session = await EmulatedSession.start(
      {
        ...settings,
        sessionId: decoded.sessionId,
        user: wire,
        media: this.#o.media,
        iceFilter: this.#o.iceFilter,
        element,
        network: this.#o.network,
        tracks: this.#o.tracks,
        reports: {
          ...reports,
          timedOut: () => {
            // The session already left itself; forget it before telling the app.
            if (this.#session === session) this.#session = null;
            reports.timedOut();
          },
        },
      },
      () => generation !== this.#generation || this.#closed,
    );
    this.#session = session;
    return session;
  }

  #validToken(token: unknown): boolean {
    const decoded = decodeToken(token);
    return !!decoded && this.#o.directory.hasUser(decoded.uid);
  }

  // ── v4 ─────────────────────────────────────────────────────────────────

  #buildV4(): EmulatedCometChatCalls {
    const { faults } = this.#o;
    const emitTo =
      (settings: CallSettings | null): Emit =>
      (name, payload) => {
        const targets = [settings?.callListener, ...this.#v4Listeners.values()];
        for (const target of targets) call(target, name, payload);
      };
    return {
      ...this.#common(),
      CallSettingsBuilder,
      CallSettings,
      OngoingCallListener,
      CALL_MODE: { DEFAULT: 'DEFAULT', SPOTLIGHT: 'SPOTLIGHT', GRID: 'TILE' },
      startSession: (token, rawSettings, element) =>
        faults.run('startSession', async () => {
          const settings = rawSettings instanceof CallSettings ? rawSettings : Object.assign(new CallSettings(), rawSettings);
          const emit = emitTo(settings);
          this.#emit = emit;
          const problem = !this.#validToken(token)
            ? 'The call token is not valid.'
            : !isElement(element)
              ? 'startSession needs an HTML element to render into.'
              : null;
          if (problem) {
            // As the real SDK: it resolves, renders nothing, and reports through onError.
            setTimeout(() => this.#closed || emit('onError', sdkError('INVALID_ARGUMENT_EXCEPTION', problem)));
            return;
          }
          const session = await this.#start(
            token,
            element,
            {
              audioOnly: settings.isAudioOnly,
              startAudioMuted: settings.startAudioMuted,
              startVideoMuted: settings.startVideoMuted,
              idleSeconds: seconds(settings.idleTimeoutPeriod, DEFAULT_IDLE_SECONDS),
              layout: {
                controls: settings.defaultLayout,
                endButton: settings.showEndCallButton,
                endLabel: 'End call',
                muteButton: settings.showMuteAudioButton,
                videoButton: settings.showPauseVideoButton,
              },
            },
            {
              userJoined: (user, list) => {
                emit('onUserJoined', user);
                emit('onUserListUpdated', list);
              },
              userLeft: (user, list) => {
                emit('onUserLeft', user);
                emit('onUserListUpdated', list);
              },
              endPressed: () => emit('onCallEndButtonPressed'),
              peerGone: () => emit('onCallEnded'),
              timedOut: () => emit('onSessionTimeout'),
            },
          );
          // Runs before any other participant can answer the hello, so the first list is just us.
          if (session) emit('onUserListUpdated', session.list());
        }),
      endSession: () => this.#drop(),
      addCallEventListener: (id, handlers) => {
        this.#v4Listeners.set(String(id), handlers);
      },
      removeCallEventListener: (id) => {
        this.#v4Listeners.delete(String(id));
      },
      ...this.#inCallMethods(),
    };
  }

  #setTracks(kind: 'audio' | 'video', enabled: boolean): void {
    this.#session?.setLocalEnabled(kind, enabled);
  }

  // ── v5 ─────────────────────────────────────────────────────────────────

  #buildV5(): EmulatedCometChatCalls {
    const { faults } = this.#o;
    const emit: Emit = (name, payload) => {
      for (const handler of [...(this.#v5Listeners.get(name) ?? [])]) call({ [name]: handler }, name, payload);
    };
    this.#emit = emit;
    return {
      ...this.#common(),
      ...this.#inCallMethods(),
      joinSession: (token, settings, element) =>
        faults.run('joinSession', async () => {
          if (!this.#validToken(token)) throw sdkError('INVALID_ARGUMENT_EXCEPTION', 'The call token is not valid.');
          if (!isElement(element)) {
            throw sdkError('INVALID_ARGUMENT_EXCEPTION', 'joinSession needs an HTML element to render into.');
          }
          const s: Partial<SessionSettingsV5> = isRecord(settings) ? settings : {};
          const session = await this.#start(
            token,
            element,
            {
              audioOnly: s.sessionType === 'VOICE',
              startAudioMuted: s.startAudioMuted === true,
              startVideoMuted: s.startVideoPaused === true,
              idleSeconds: seconds(s.idleTimeoutPeriod, DEFAULT_IDLE_SECONDS),
              layout: {
                controls: s.hideControlPanel !== true,
                endButton: s.hideLeaveSessionButton !== true,
                endLabel: 'Leave',
                muteButton: s.hideToggleAudioButton !== true,
                videoButton: s.hideToggleVideoButton !== true,
              },
            },
            {
              userJoined: (user, list) => {
                emit('onParticipantJoined', user);
                emit('onParticipantListChanged', list);
              },
              userLeft: (user, list) => {
                emit('onParticipantLeft', user);
                emit('onParticipantListChanged', list);
              },
              endPressed: () => emit('onLeaveSessionButtonClicked'),
              peerGone: () => undefined, // v5 has no onCallEnded
              timedOut: () => emit('onSessionTimedOut'),
            },
          );
          if (session) {
            emit('onSessionJoined', { sessionId: session.sessionId });
            emit('onParticipantListChanged', session.list());
          }
        }),
      leaveSession: () =>
        faults.run('leaveSession', async () => {
          const wasIn = this.#session !== null;
          this.#drop();
          if (wasIn) emit('onSessionLeft');
        }),
      addEventListener: (name, handler) => {
        const key = String(name);
        const set = this.#v5Listeners.get(key) ?? new Set();
        set.add(handler);
        this.#v5Listeners.set(key, set);
        return () => {
          set.delete(handler);
        };
      },
    };
  }
}

function call(target: unknown, name: string, payload: unknown): void {
  const handler = (target as Record<string, unknown> | null | undefined)?.[name];
  if (typeof handler !== 'function') return;
  try {
    handler.call(target, payload);
  } catch (error) {
    console.error(`[cc-emulator] a calls listener's ${name} threw`, error);
  }
}
