/**
 * The page's `<cc-call-stage>`s, where sessions render, kept by the elements
 * and shared by every copy of the bundle (like the store). The first stage
 * connected hosts sessions; without one, a factory adds an automatic stage.
 * It also carries focus across the hand-over from the ringing dialog to the
 * stage: after Accept the dialog closes as the stage opens, so the stage
 * would otherwise only see the dialog's own button as what had focus.
 */
import { pageShared } from '../core/shared.js';
import type { SessionPlace, StageHost } from '../store/ports.js';
import { getStore } from '../store/store.js';

export class StageRegistry implements SessionPlace {
  #stages: StageHost[] = [];
  #factory: (() => Promise<StageHost>) | null = null;
  #returnFocus: HTMLElement | null = null;

  /** The stage the latest session rendered into (kept while it is only moved, even out of the page and back). */
  #host: StageHost | null = null;
  #onRemoved: ((stage: StageHost, hostedSession: boolean) => void) | null = null;

  /** A stage announces itself; returns its removal. */
  register(stage: StageHost): () => void {
    this.#stages.push(stage);
    return () => {
      this.#stages = this.#stages.filter((s) => s !== stage);
      this.#onRemoved?.(stage, this.#host === stage);
    };
  }

  /** Hears a stage go (removed from the page), and whether the session was rendering into it. */
  onRemoved(listener: (stage: StageHost, hostedSession: boolean) => void): void {
    this.#onRemoved = listener;
  }

  get hasStage(): boolean {
    return this.#stages.length > 0;
  }

  /**
   * Supplies a stage when a session starts: the page's own once `<cc-call-stage>` is defined (the
   * script-tag bundle loads it lazily), else an automatic one.
   */
  setFactory(factory: () => Promise<StageHost>): void {
    this.#factory = factory;
  }

  /** The element the next session renders into. */
  async sessionContainer(): Promise<HTMLElement> {
    const stage = this.#stages[0] ?? (await this.#factory?.());
    if (!stage) throw new Error('No <cc-call-stage> is available to show the call.');
    this.#host = stage;
    return stage.sessionContainer();
  }

  /** Brings the stage that hosts the call into view and puts focus in it (a meeting card's Return). */
  reveal(): void {
    this.#stages[0]?.reveal();
  }

  /** The ringing dialog: `element` had focus before it rang (null withdraws an earlier hand-over). */
  handOverFocus(element: HTMLElement | null): void {
    this.#returnFocus = element;
  }

  /** The stage, as it opens: what the ringing dialog handed over, if anything, once. */
  takeFocus(): HTMLElement | null {
    const element = this.#returnFocus;
    this.#returnFocus = null;
    return element;
  }
}

/** The page's one registry, shared by every copy of the bundle; the store renders sessions through it. */
export function getStages(): StageRegistry {
  const stages = pageShared('stages', () => new StageRegistry());
  // Optional: a store made by an older copy of the bundle (copies.ts) finds its stages itself.
  getStore().useStages?.(stages);
  return stages;
}
