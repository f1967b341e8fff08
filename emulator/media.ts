/**
 * Camera and microphone capture, and the WebRTC mesh that carries them to
 * every other participant of a session. Signalling goes through a callback,
 * so this file knows nothing about the channel.
 */

/** Every track one emulator instance opened, so it can count and stop them. */
export class TrackRegistry {
  readonly #tracks = new Set<MediaStreamTrack>();

  add(stream: MediaStream): void {
    for (const track of stream.getTracks()) this.#tracks.add(track);
  }

  /** Tracks not yet `ended`. */
  get live(): number {
    let count = 0;
    for (const track of this.#tracks) if (track.readyState !== 'ended') count++;
    return count;
  }

  /** Stops one stream's tracks (nothing for null). */
  stop(stream: MediaStream | null): void {
    for (const track of stream?.getTracks() ?? []) {
      track.stop();
      this.#tracks.delete(track);
    }
  }

  stopAll(): void {
    for (const track of this.#tracks) track.stop();
    this.#tracks.clear();
  }
}

export interface LocalMedia {
  stream: MediaStream | null;
  /** Why there is no stream, in words for the user; null when capture worked. */
  problem: string | null;
}

export const MEDIA_UNAVAILABLE = 'Camera or microphone unavailable';

/** Opens the microphone, and the camera unless `audioOnly`; never throws. */
export async function openLocalMedia(audioOnly: boolean, registry: TrackRegistry): Promise<LocalMedia> {
  if (!navigator.mediaDevices?.getUserMedia) return { stream: null, problem: MEDIA_UNAVAILABLE };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: !audioOnly });
    registry.add(stream);
    return { stream, problem: null };
  } catch (error) {
    // NotAllowedError, NotFoundError, NotReadableError…: the session goes on without local media.
    console.warn('[cc-emulator] getUserMedia failed; continuing without local media', error);
    return { stream: null, problem: MEDIA_UNAVAILABLE };
  }
}

export type Signal = { description: RTCSessionDescriptionInit } | { candidate: RTCIceCandidateInit };

export interface MeshOptions {
  /** This participant's endpoint id; the lower id of each pair makes the offer, so offers never collide. */
  localId: string;
  localStream: MediaStream | null;
  audioOnly: boolean;
  /** 'loopback' forwards only 127.0.0.1 / ::1 candidates, so test traffic never leaves the machine. */
  iceFilter: 'loopback' | 'all';
  send(to: string, signal: Signal): void;
  onRemoteStream(peerId: string, stream: MediaStream): void;
}

interface Peer {
  pc: RTCPeerConnection;
  remoteDescriptionSet: boolean;
  queuedCandidates: RTCIceCandidateInit[];
  tracksAdded: boolean;
  stream: MediaStream | null;
}

/** The address of an ICE candidate line: the fifth field of `candidate:<foundation> <component> <proto> <priority> <address> …`. */
export function candidateAddress(candidate: string): string | null {
  const fields = candidate.replace(/^a=/, '').split(' ');
  return fields.length > 4 ? fields[4] : null;
}

export function isLoopbackCandidate(candidate: string): boolean {
  const address = candidateAddress(candidate);
  return address === '127.0.0.1' || address === '::1';
}

export class PeerMesh {
  readonly #options: MeshOptions;
  readonly #peers = new Map<string, Peer>();
  #closed = false;

  constructor(options: MeshOptions) {
    this.#options = options;
  }

  /** A participant appeared: offer to it if this side is the offerer; otherwise its offer will come. */
  connect(peerId: string): void {
    if (this.#closed || this.#peers.has(peerId) || !(this.#options.localId < peerId)) return;
    const peer = this.#create(peerId);
    const { localStream, audioOnly } = this.#options;
    if (localStream) {
      for (const track of localStream.getTracks()) peer.pc.addTrack(track, localStream);
    } else {
      // Nothing to send, but still receive what the others send.
      peer.pc.addTransceiver('audio', { direction: 'recvonly' });
      if (!audioOnly) peer.pc.addTransceiver('video', { direction: 'recvonly' });
    }
    peer.tracksAdded = true;
    void this.#negotiate(peerId, peer, async () => {
      await peer.pc.setLocalDescription(await peer.pc.createOffer());
      this.#sendDescription(peerId, peer);
    });
  }

  handleSignal(from: string, signal: Signal): void {
    if (this.#closed) return;
    if ('description' in signal) {
      const { description } = signal;
      if (description.type === 'offer') {
        const peer = this.#peers.get(from) ?? this.#create(from);
        void this.#negotiate(from, peer, async () => {
          await peer.pc.setRemoteDescription(description);
          await this.#flushCandidates(peer);
          const { localStream } = this.#options;
          if (localStream && !peer.tracksAdded) {
            // addTrack reuses the transceivers the offer created, so media flows both ways.
            for (const track of localStream.getTracks()) peer.pc.addTrack(track, localStream);
          }
          peer.tracksAdded = true;
          await peer.pc.setLocalDescription(await peer.pc.createAnswer());
          this.#sendDescription(from, peer);
        });
      } else if (description.type === 'answer') {
        const peer = this.#peers.get(from);
        if (!peer) return;
        void this.#negotiate(from, peer, async () => {
          await peer.pc.setRemoteDescription(description);
          await this.#flushCandidates(peer);
        });
      }
      return;
    }
    const peer = this.#peers.get(from);
    if (!peer) return;
    if (!peer.remoteDescriptionSet) peer.queuedCandidates.push(signal.candidate);
    else peer.pc.addIceCandidate(signal.candidate).catch(() => undefined);
  }

  disconnect(peerId: string): void {
    const peer = this.#peers.get(peerId);
    if (!peer) return;
    this.#peers.delete(peerId);
    peer.pc.close();
  }

  close(): void {
    this.#closed = true;
    for (const id of [...this.#peers.keys()]) this.disconnect(id);
  }

  #create(peerId: string): Peer {
    const pc = new RTCPeerConnection({ iceServers: [] });
    const peer: Peer = { pc, remoteDescriptionSet: false, queuedCandidates: [], tracksAdded: false, stream: null };
    pc.onicecandidate = (event) => {
      const candidate = event.candidate;
      if (!candidate || !candidate.candidate) return;
      if (this.#options.iceFilter === 'loopback' && !isLoopbackCandidate(candidate.candidate)) return;
      this.#options.send(peerId, { candidate: candidate.toJSON() });
    };
    pc.ontrack = (event) => {
      let stream = event.streams[0];
      if (!stream) {
        peer.stream ??= new MediaStream();
        peer.stream.addTrack(event.track);
        stream = peer.stream;
      }
      if (this.#peers.get(peerId) === peer) this.#options.onRemoteStream(peerId, stream);
    };
    this.#peers.set(peerId, peer);
    return peer;
  }

  async #negotiate(peerId: string, peer: Peer, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      if (this.#peers.get(peerId) === peer) console.warn(`[cc-emulator] WebRTC negotiation with ${peerId} failed`, error);
    }
  }

  async #flushCandidates(peer: Peer): Promise<void> {
    peer.remoteDescriptionSet = true;
    const queued = peer.queuedCandidates.splice(0);
    for (const candidate of queued) await peer.pc.addIceCandidate(candidate).catch(() => undefined);
  }

  #sendDescription(peerId: string, peer: Peer): void {
    const description = peer.pc.localDescription;
    if (description && this.#peers.get(peerId) === peer) {
      this.#options.send(peerId, { description: { type: description.type, sdp: description.sdp } });
    }
  }
}
