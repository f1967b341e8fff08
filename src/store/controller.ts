import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getStore, type CallStore } from './store.js';
import type { CallState } from './types.js';

export interface StoreControllerOptions<T> {
  /** Whether two selected values are the same, so no update is needed. Default `Object.is`. */
  equals?: (a: T, b: T) => boolean;
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
  #unsubscribe: (() => void) | null = null;
  value: T;

  constructor(host: ReactiveControllerHost, select: (state: CallState) => T, { equals = Object.is }: StoreControllerOptions<T> = {}) {
    this.#host = host;
    this.#select = select;
    this.#equals = equals;
    this.value = select(this.store.state);
    host.addController(this);
  }

  hostConnected(): void {
    this.refresh();
    this.#unsubscribe = this.store.subscribe(() => this.refresh());
  }

  hostDisconnected(): void {
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
