/**
 * One running call session, whichever calls SDK generation drives it:
 * presence in the session over the channel (hello / here / bye), local
 * media, the WebRTC mesh, the layout, and the idle timeout. It reports in
 * neutral terms; calls.ts turns those into v4 or v5 events.
 */
import { isRecord, isText, type UserWire } from './models.js';
import { PeerMesh, TrackRegistry, openLocalMedia, type Signal } from './media.js';
import { Network, randomId, type Frame } from './network.js';
import { SessionView, type ViewOptions } from './session-view.js';

/** A participant as both SDK generations report it. */
export interface SessionUser {
  uid: string;
  name: string;
  avatar?: string;
  isLocalUser: boolean;
}

export interface SessionReports {
  userJoined(user: SessionUser, all: SessionUser[]): void;
  userLeft(user: SessionUser, all: SessionUser[]): void;
  endPressed(): void;
  /**
   * Everyone else left. The real calls SDK v4 (4.2.6) then ends this participant's session itself,
   * in a 1:1 call and in a meeting alike (onCallEnded); v5 keeps the session open.
   */
  peerGone(): void;
  /** Alone for the idle period; the session has already been left. */
  timedOut(): void;
}

export interface SessionConfig {
  sessionId: string;
  user: UserWire;
  audioOnly: boolean;
  media: boolean;
  iceFilter: 'loopback' | 'all';
  startAudioMuted: boolean;
  startVideoMuted: boolean;
  idleSeconds: number;
  element: HTMLElement;
  layout: Omit<ViewOptions, 'audioOnly' | 'onEndPressed'>;
  network: Network;
  tracks: TrackRegistry;
  reports: SessionReports;
}

interface Remote {
  user: SessionUser;
}

function userFrom(value: unknown): SessionUser | null {
  if (!isRecord(value) || !isText(value.uid)) return null;
  const user: SessionUser = { uid: value.uid, name: isText(value.name) ? value.name : value.uid, isLocalUser: false };
  if (isText(value.avatar)) user.avatar = value.avatar;
  return user;
}

function signalFrom(value: unknown): Signal | null {
  if (!isRecord(value)) return null;
  const d = value.description;
  if (isRecord(d) && (d.type === 'offer' || d.type === 'answer') && typeof d.sdp === 'string') {
    return { description: { type: d.type, sdp: d.sdp } };
  }
  const c = value.candidate;
  if (isRecord(c) && typeof c.candidate === 'string') {
    return {
      candidate: {
        candidate: c.candidate,
        sdpMid: typeof c.sdpMid === 'string' ? c.sdpMid : null,
        sdpMLineIndex: typeof c.sdpMLineIndex === 'number' ? c.sdpMLineIndex : null,
      },
    };
  }
  return null;
}

export class EmulatedSession {
  readonly sessionId: string;
  /** This participant's address in the session; fresh per join, so a rejoin is a new participant. */
  readonly endpoint = randomId();
  readonly #config: SessionConfig;
  readonly #local: SessionUser;
  readonly #remotes = new Map<string, Remote>();
  readonly #view: SessionView;
  #stream: MediaStream | null = null;
  #mesh: PeerMesh | null = null;
  #unsubscribe: (() => void) | null = null;
  #idleTimer: ReturnType<typeof setTimeout> | null = null;
  #announced = false;
  #left = false;

  private constructor(config: SessionConfig) {
    this.#config = config;
    this.sessionId = config.sessionId;
    this.#local = { ...config.user, isLocalUser: true };
    this.#view = new SessionView(config.element, {
      ...config.layout,
      audioOnly: config.audioOnly,
      onEndPressed: () => {
        if (!this.#left) config.reports.endPressed();
      },
    });
    this.#view.setLocal(this.#local, null, null);
  }

  /**
   * Renders, opens media, then announces itself. Resolves null (having
   * cleaned up) if `cancelled()` turns true while media is opening.
   */
  static async start(config: SessionConfig, cancelled: () => boolean): Promise<EmulatedSession | null> {
    const session = new EmulatedSession(config);
    if (config.media) {
      const { stream, problem } = await openLocalMedia(config.audioOnly, config.tracks);
      if (cancelled()) {
        config.tracks.stop(stream);
        session.leave();
        return null;
      }
      session.#stream = stream;
      if (stream) {
        if (config.startAudioMuted) stream.getAudioTracks().forEach((t) => (t.enabled = false));
        if (config.startVideoMuted) stream.getVideoTracks().forEach((t) => (t.enabled = false));
      }
      session.#view.setLocal(session.#local, stream, problem);
      session.#mesh = new PeerMesh({
        localId: session.endpoint,
        localStream: stream,
        audioOnly: config.audioOnly,
        iceFilter: config.iceFilter,
        send: (to, signal) => config.network.send('rtc', { sessionId: session.sessionId, endpoint: session.endpoint, to, signal }),
        onRemoteStream: (peer, remote) => session.#view.setRemoteStream(peer, remote),
      });
    }
    session.#announce();
    return session;
  }

  /** Uids of everyone in the session, this participant first. */
  get participants(): string[] {
    return [this.#local.uid, ...[...this.#remotes.values()].map((r) => r.user.uid)];
  }

  get left(): boolean {
    return this.#left;
  }

  /** Says goodbye, stops this session's tracks, closes its connections and clears the layout. Idempotent. */
  leave(): void {
    if (this.#left) return;
    this.#left = true;
    if (this.#announced) this.#config.network.send('session-bye', { sessionId: this.sessionId, endpoint: this.endpoint });
    this.#unsubscribe?.();
    this.#clearIdle();
    this.#mesh?.close();
    this.#config.tracks.stop(this.#stream);
    this.#stream = null;
    this.#remotes.clear();
    this.#view.destroy();
  }

  /** Pauses or resumes this participant's microphone or camera. */
  setLocalEnabled(kind: 'audio' | 'video', enabled: boolean): void {
    const tracks = kind === 'audio' ? this.#stream?.getAudioTracks() : this.#stream?.getVideoTracks();
    for (const track of tracks ?? []) track.enabled = enabled;
  }

  /** Everyone in the session as the SDKs report them, this participant first. */
  list(): SessionUser[] {
    return [{ ...this.#local }, ...[...this.#remotes.values()].map((r) => ({ ...r.user }))];
  }

  #announce(): void {
    const { network } = this.#config;
    this.#unsubscribe = network.subscribe((frame) => this.#receive(frame));
    this.#announced = true;
    network.send('session-hello', this.#presence());
    this.#armIdle();
  }

  #presence(): Record<string, unknown> {
    const { uid, name, avatar } = this.#local;
    return { sessionId: this.sessionId, endpoint: this.endpoint, user: { uid, name, avatar } };
  }

  #receive(frame: Frame): void {
    if (this.#left || frame.sessionId !== this.sessionId) return;
    const endpoint = isText(frame.endpoint) ? frame.endpoint : null;
    switch (frame.kind) {
      case 'session-hello':
        if (!endpoint || endpoint === this.endpoint) return;
        this.#add(endpoint, frame);
        // Tell the newcomer who is already here.
        this.#config.network.send('session-here', { ...this.#presence(), to: endpoint });
        return;
      case 'session-here':
        if (endpoint && frame.to === this.endpoint) this.#add(endpoint, frame);
        return;
      case 'session-bye':
        if (endpoint) this.#remove(endpoint);
        return;
      case 'rtc': {
        // Signals are addressed endpoint to endpoint; only a known participant's are taken.
        if (frame.to !== this.endpoint || !endpoint || !this.#remotes.has(endpoint)) return;
        const signal = signalFrom(frame.signal);
        if (signal) this.#mesh?.handleSignal(endpoint, signal);
        return;
      }
    }
  }

  #add(endpoint: string, frame: Frame): void {
    if (this.#remotes.has(endpoint)) return;
    const user = userFrom(frame.user);
    if (!user) return;
    this.#remotes.set(endpoint, { user });
    this.#clearIdle();
    this.#view.addRemote(endpoint, user);
    this.#mesh?.connect(endpoint);
    this.#config.reports.userJoined({ ...user }, this.list());
  }

  #remove(endpoint: string): void {
    const remote = this.#remotes.get(endpoint);
    if (!remote) return;
    this.#remotes.delete(endpoint);
    this.#mesh?.disconnect(endpoint);
    this.#view.removeRemote(endpoint);
    this.#config.reports.userLeft({ ...remote.user }, this.list());
    if (this.#left || this.#remotes.size > 0) return;
    this.#config.reports.peerGone();
    this.#armIdle();
  }

  #armIdle(): void {
    this.#clearIdle();
    if (this.#left || this.#remotes.size > 0) return;
    this.#idleTimer = setTimeout(
      () => {
        this.#idleTimer = null;
        if (this.#left || this.#remotes.size > 0) return;
        // The real SDK terminates an idle session itself, then reports it.
        this.leave();
        this.#config.reports.timedOut();
      },
      Math.min(this.#config.idleSeconds * 1000, 2 ** 31 - 1),
    ); // longer delays would fire at once
  }

  #clearIdle(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
  }
}
