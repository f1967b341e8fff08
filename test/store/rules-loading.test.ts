/**
 * The call rules (the machine, its effects, the tab links) are a chunk of their own: before they
 * load, the store says only "Connecting…" or "unavailable, and why"; every other event waits for
 * them and runs, in order, once they are in. If they cannot load, calling says why, and the next
 * event tries again.
 */
import { expect } from '@open-wc/testing';
import * as realRules from '../../src/store/rules.js';
import { CallStore } from '../../src/store/store.js';

type Rules = typeof realRules;
const bob = { kind: 'user' as const, id: 'bob', name: 'Bob', avatar: null };

/** Rules that arrive when the test says so. */
function deferredRules() {
  let arrive!: (rules: Rules) => void;
  let fail!: (error: Error) => void;
  const loads: number[] = [];
  const importRules = () => {
    loads.push(loads.length + 1);
    return new Promise<Rules>((resolve, reject) => ((arrive = resolve), (fail = reject)));
  };
  return { importRules, loads, arrive: () => arrive(realRules), fail: (error: Error) => fail(error) };
}

describe('the call rules, loaded as calling starts being configured', () => {
  it('says "configuring" at once and starts loading the rules, before they have arrived', () => {
    const rules = deferredRules();
    const store = new CallStore(rules.importRules);
    expect(rules.loads).to.deep.equal([]);
    store.dispatch({ type: 'configuring' });
    expect(store.state.status).to.equal('configuring');
    expect(rules.loads).to.deep.equal([1]);
  });

  it('holds any other event until the rules arrive, then runs them in order', async () => {
    const rules = deferredRules();
    const store = new CallStore(rules.importRules);
    store.dispatch({ type: 'configuring' });
    store.dispatch({ type: 'configured', user: bob });
    store.dispatch({ type: 'connection-lost' });
    expect(store.state.status, 'before the rules').to.equal('configuring');
    rules.arrive();
    await store.loadRules();
    expect(store.state.status, 'configured, then the connection lost').to.equal('reconnecting');
    expect(store.state.user).to.deep.equal(bob);
  });

  it('says calling is unavailable when the rules cannot load, and loads them again for the next event', async () => {
    const rules = deferredRules();
    const store = new CallStore(rules.importRules);
    const errors: string[] = [];
    const onError = (event: Event) => errors.push((event as CustomEvent).detail.code);
    document.addEventListener('cc-error', onError);
    try {
      store.dispatch({ type: 'call', target: bob, callType: 'video' });
      expect(rules.loads, 'a call asked for before configuring loads the rules').to.deep.equal([1]);
      rules.fail(new Error('offline'));
      await store.loadRules().catch(() => undefined);
      expect(store.state.status).to.equal('unavailable');
      expect(store.state.error?.code).to.equal('sdk-init-failed');
      expect(store.state.error?.message).to.match(/call code could not be loaded: .*offline/);
      expect(errors).to.deep.equal(['sdk-init-failed']);
      expect(store.state.call, 'the waiting call was dropped, not placed later').to.equal(null);

      store.dispatch({ type: 'configuring' });
      expect(rules.loads, 'tried again').to.deep.equal([1, 2]);
      rules.arrive();
      await store.loadRules();
      expect(store.state.status).to.equal('configuring');
    } finally {
      document.removeEventListener('cc-error', onError);
    }
  });
});
