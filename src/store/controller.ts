import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterPaint } from '../core/frames.js';
import { getStore, type CallStore } from './store.js';
import type { CallState } from './types.js';

export interface StoreControllerOptions<T> {
  /** Whether two selected values are the same, so no update is needed. Default `Object.is`. */
  equals?: (a: T, b: T) => boolean;
  /**
   * Catch up only after the next frame has painted: for elements a page may have by the thousand
   * (call buttons, meeting cards), so that a ringing dialog paints first, whatever their number.
   */
  afterPaint?: boolean;
}

/** Controllers waiting for the frame to paint; one frame callback serves them all. */
const waiting = new Set<{ refresh(): void }>();

function refreshAfterPaint(controller: { refresh(): void }): void {
  if (waiting.size === 0) {
    const flush = () => {
      const due = [...waiting];
      waiting.clear();
      due.forEach((c) => c.refresh());
    };
    afterPaint(flush);
  }
  waiting.add(controller);
}

/**
 * Gives an element one slice of the call store (a selector from selectors.ts)
 * and re-renders it only when that slice changes. Subscribes while connected.
 */
export class StoreController<T> implements ReactiveController {
  readonly store: CallStore = getStore();
  #host: ReactiveControllerHost;
  #select: (state: CallState) => T;
  #equals: (a: T, b: T) => boolean;
  #afterPaint: boolean;
  #unsubscribe: (() => void) | null = null;
  value: T;

  constructor(
    host: ReactiveControllerHost,
    select: (state: CallState) => T,
    { equals = Object.is, afterPaint = false }: StoreControllerOptions<T> = {},
  ) {
    this.#host = host;
    this.#select = select;
    this.#equals = equals;
    this.#afterPaint = afterPaint;
    this.value = select(this.store.state);
    host.addController(this);
  }

  hostConnected(): void {
    this.refresh();
    this.#unsubscribe = this.store.subscribe(() => (this.#afterPaint ? refreshAfterPaint(this) : this.refresh()));
  }

  /** Every render reads the store as it is now: the first one too, and one a deferred catch-up has not reached yet. */
  hostUpdate(): void {
    this.value = this.#select(this.store.state);
  }

  hostDisconnected(): void {
    waiting.delete(this);
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /** Selects again; for a selector that also reads the host's own inputs, after they change. */
  refresh(): void {
    const next = this.#select(this.store.state);
    if (this.#equals(next, this.value)) return;
    this.value = next;
    this.#host.requestUpdate();
  }
}
