import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { StoreController } from '../../src/store/controller.js';
import { shallowEqual } from '../../src/store/selectors.js';
import { getStore } from '../../src/store/store.js';
import type { CallState } from '../../src/store/types.js';

const store = getStore();

/** A host that counts its renders, selecting with `select` (and `equals`). */
function hostFor<T>(tag: string, select: (state: CallState) => T, equals?: (a: T, b: T) => boolean) {
  class Host extends LitElement {
    renders = 0;
    slice = new StoreController(this, select, equals ? { equals } : {});
    override render() {
      this.renders++;
      return html`${String(this.slice.value)}`;
    }
  }
  customElements.define(tag, Host);
  return Host;
}

let sequence = 0;
const tag = () => `x-store-host-${++sequence}`;

describe('StoreController', () => {
  // These drive the machine directly: its rules load as configure() starts, here up front.
  before(() => store.loadRules());
  afterEach(() => store.dispatch({ type: 'reset' }));

  it('re-renders its host only when the selected slice changes', async () => {
    const name = tag();
    hostFor(name, (s) => s.status);
    const el = (await fixture(`<${name}></${name}>`)) as HTMLElement & { renders: number; updateComplete: Promise<boolean> };
    const first = el.renders;
    store.dispatch({ type: 'dismiss-notice', sessionId: 'nothing' }); // a change elsewhere in the state
    await el.updateComplete;
    expect(el.renders, 'no render for an unrelated change').to.equal(first);
    store.dispatch({ type: 'configuring' });
    await el.updateComplete;
    expect(el.renders).to.equal(first + 1);
    expect(el.shadowRoot!.textContent).to.contain('configuring');
  });

  it('compares with `equals` when given, so a selector may build a fresh object', async () => {
    const name = tag();
    hostFor(name, (s) => ({ configuring: s.status === 'configuring' }), shallowEqual);
    const el = (await fixture(`<${name}></${name}>`)) as HTMLElement & { renders: number; updateComplete: Promise<boolean> };
    const first = el.renders;
    store.dispatch({ type: 'dismiss-notice', sessionId: 'nothing' });
    await el.updateComplete;
    expect(el.renders, 'an equal fresh object is no change').to.equal(first);
    store.dispatch({ type: 'configuring' });
    await el.updateComplete;
    expect(el.renders).to.equal(first + 1);
  });

  it('stops listening when its host is disconnected, and catches up when it is connected again', async () => {
    const name = tag();
    hostFor(name, (s) => s.status);
    const el = (await fixture(`<${name}></${name}>`)) as HTMLElement & { renders: number; updateComplete: Promise<boolean> };
    const parent = el.parentElement!;
    el.remove();
    const before = el.renders;
    store.dispatch({ type: 'configuring' });
    await new Promise((r) => setTimeout(r, 20));
    expect(el.renders, 'a detached host does not render').to.equal(before);
    parent.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('configuring');
  });
});
