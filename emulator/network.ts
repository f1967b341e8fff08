/**
 * The emulator's "server connection": a BroadcastChannel shared by every
 * emulated client of one origin (iframes, tabs, or several instances in one
 * page). Frames are JSON strings; anything that is not a well-formed frame of
 * ours is dropped here, and each consumer validates the payload it reads.
 */
import { isRecord, isText } from './models.js';

const APP = 'cc-emulator';
const VERSION = 1;

/** A frame as received: `kind` and `from` are checked, the rest is untrusted. */
export interface Frame {
  kind: string;
  from: string;
  [field: string]: unknown;
}

export function randomId(bytes = 8): string {
  const values = new Uint8Array(bytes);
  crypto.getRandomValues(values);
  return Array.from(values, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Network {
  /** This client's address on the channel. */
  readonly clientId = randomId();
  readonly #channel: BroadcastChannel;
  readonly #handlers = new Set<(frame: Frame) => void>();
  #closed = false;

  constructor(channelName: string) {
    this.#channel = new BroadcastChannel(channelName);
    this.#channel.onmessage = (event: MessageEvent) => this.#receive(event.data);
  }

  /** Broadcasts to every other client on the channel (never to this one). */
  send(kind: string, payload: Record<string, unknown> = {}): void {
    if (this.#closed) return;
    const frame = JSON.stringify({ ...payload, app: APP, v: VERSION, kind, from: this.clientId });
    this.#channel.postMessage(frame);
  }

  /** Calls `handler` for each valid frame from another client; returns the unsubscribe. */
  subscribe(handler: (frame: Frame) => void): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#handlers.clear();
    this.#channel.onmessage = null;
    this.#channel.close();
  }

  #receive(data: unknown): void {
    let value = data;
    if (typeof data === 'string') {
      try {
        value = JSON.parse(data);
      } catch {
        return;
      }
    }
    if (!isRecord(value) || value.app !== APP || value.v !== VERSION) return;
    if (!isText(value.kind) || !isText(value.from) || value.from === this.clientId) return;
    for (const handler of [...this.#handlers]) {
      try {
        handler(value as Frame);
      } catch (error) {
        // One bad frame must not take the client's connection down with it.
        console.warn('[cc-emulator] dropped a frame it could not handle', error);
      }
    }
  }
}
