/**
 * The demo directory: the users and groups the emulator starts with and the local cloud's tests
 * log in as. Frozen: shared by every instance, so none may change them for the others.
 */

/**
 * @typedef {{ name: string, avatar?: string }} DirectoryUser
 * @typedef {{ name: string, members: readonly string[] }} DirectoryGroup
 */

/** @type {Readonly<Record<string, Readonly<DirectoryUser>>>} */
export const DEMO_USERS = Object.freeze({
  alice: Object.freeze({ name: 'Alice Adams' }),
  bob: Object.freeze({ name: 'Bob Brown' }),
  carol: Object.freeze({ name: 'Carol Chen' }),
  dave: Object.freeze({ name: 'Dave Diaz' }),
});

/** @type {Readonly<Record<string, Readonly<DirectoryGroup>>>} */
export const DEMO_GROUPS = Object.freeze({
  team: Object.freeze({ name: 'Team', members: Object.freeze(['alice', 'bob', 'carol']) }),
});
