import { expect } from '@open-wc/testing';
import { callState, subscribeToCalls } from '../../src/api.js';
import { getStore } from '../../src/store/store.js';

const store = getStore();
const alice = { kind: 'user' as const, id: 'alice', name: 'Alice', avatar: null };

describe('the public call state', () => {
  // These drive the machine directly: its rules load as configure() starts, here up front.
  before(() => store.loadRules());
  afterEach(() => store.dispatch({ type: 'reset' }));

  it("holds what a page shows (status, error, user, call, notices) and none of the machine's bookkeeping", () => {
    store.dispatch({ type: 'configured', user: alice });
    const state = callState();
    expect(Object.keys(state).sort()).to.deep.equal(['call', 'error', 'notices', 'status', 'user']);
    expect(state).to.deep.include({ status: 'ready', error: null, user: alice, call: null, notices: [] });
    expect(Object.isFrozen(state), 'a page cannot write to it').to.equal(true);
  });

  it('stays the same object, and subscribers hear nothing, while only bookkeeping changes', () => {
    store.dispatch({ type: 'configured', user: alice });
    const heard: unknown[] = [];
    const unsubscribe = subscribeToCalls((state) => heard.push(state));
    try {
      const before = callState();
      store.dispatch({ type: 'restore-joins', joinedAt: { 'group-1': [1_700_000_000] } });
      expect(store.state.joinedAt, 'the machine did record it').to.have.property('group-1');
      expect(callState()).to.equal(before);
      expect(heard).to.deep.equal([]);

      store.dispatch({ type: 'connection-lost' });
      expect(callState()).to.not.equal(before);
      expect(callState().status).to.equal('reconnecting');
      expect(heard).to.have.length(1);
      expect(heard[0]).to.equal(callState());
    } finally {
      unsubscribe();
    }
  });
});
