import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getStore, type CallStore } from './store.js';
import type { CallState } from './types.js';

/**
 * Gives an element one slice of the call store and re-renders it only when
 * that slice changes (compared with `Object.is`, so selectors should return
 * existing objects or primitives). Subscribes while connected.
 */
export class StoreController<T> implements ReactiveController {
  readonly store: CallStore = getStore();
  #host: ReactiveControllerHost;
  #select: (state: CallState) => T;
  #unsubscribe: (() => void) | null = null;
  value: T;

  constructor(host: ReactiveControllerHost, select: (state: CallState) => T) {
    this.#host = host;
    this.#select = select;
    this.value = select(this.store.state);
    host.addController(this);
  }

  hostConnected(): void {
    this.#refresh();
    this.#unsubscribe = this.store.subscribe(() => this.#refresh());
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  #refresh(): void {
    const next = this.#select(this.store.state);
    if (Object.is(next, this.value)) return;
    this.value = next;
    this.#host.requestUpdate();
  }
}
