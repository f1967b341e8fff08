/**
 * Who exists in the emulated app: users, groups and their members, and the
 * auth tokens that stand in for the ones a server would mint.
 */
import { DEMO_GROUPS, DEMO_USERS } from '../model/directory.js';
import { Group, User } from './models.js';

export interface DirectoryUser {
  name: string;
  avatar?: string;
}
export interface DirectoryGroup {
  name: string;
  members: readonly string[];
}

// The demo directory the local cloud's tests use too (model/directory.js), frozen.
export const DEFAULT_USERS: Readonly<Record<string, Readonly<DirectoryUser>>> = DEMO_USERS;
export const DEFAULT_GROUPS: Readonly<Record<string, Readonly<DirectoryGroup>>> = DEMO_GROUPS;

const TOKEN_PREFIX = 'emu-token:';

export class Directory {
  readonly #users: Map<string, DirectoryUser>;
  readonly #groups: Map<string, DirectoryGroup>;

  constructor(
    users: Readonly<Record<string, Readonly<DirectoryUser>>> = DEFAULT_USERS,
    groups: Readonly<Record<string, Readonly<DirectoryGroup>>> = DEFAULT_GROUPS,
  ) {
    // Copied, so a caller mutating its options object cannot change a running emulator.
    this.#users = new Map(Object.entries(users).map(([uid, u]) => [uid, { ...u }]));
    this.#groups = new Map(Object.entries(groups).map(([guid, g]) => [guid, { name: g.name, members: [...g.members] }]));
  }

  hasUser(uid: string): boolean {
    return this.#users.has(uid);
  }

  /** A fresh User instance, or null for an unknown uid. */
  user(uid: string): User | null {
    const entry = this.#users.get(uid);
    return entry ? new User(uid, entry.name, entry.avatar) : null;
  }

  hasGroup(guid: string): boolean {
    return this.#groups.has(guid);
  }

  group(guid: string): Group | null {
    const entry = this.#groups.get(guid);
    return entry ? new Group(guid, entry.name) : null;
  }

  /** Every group's guid, in the directory's order. */
  guids(): string[] {
    return [...this.#groups.keys()];
  }

  members(guid: string): string[] {
    return [...(this.#groups.get(guid)?.members ?? [])];
  }

  /** The auth token `login()` accepts for `uid`, and `User.getAuthToken()` returns. */
  static tokenFor(uid: string): string {
    return `${TOKEN_PREFIX}${uid}`;
  }

  /** The uid a token belongs to, if it is a token for a user in this directory. */
  uidForToken(token: unknown): string | null {
    if (typeof token !== 'string' || !token.startsWith(TOKEN_PREFIX)) return null;
    const uid = token.slice(TOKEN_PREFIX.length);
    return this.#users.has(uid) ? uid : null;
  }
}
