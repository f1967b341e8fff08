/**
 * The emulated server's message history: what the real SDK's
 * `GroupsRequest.fetchNext()` (the groups a user joined) and
 * `MessagesRequest.fetchPrevious()` (a group's messages) read. The emulator
 * has no server, so each client appends the group messages it sends to a log
 * in localStorage, one per channel: the origin's other tabs and a reloaded
 * page read the same history, as they would read CometChat's.
 */
import type { Directory } from './directory.js';
import { sdkError, type Faults } from './faults.js';
import { CATEGORY_CALL, RECEIVER_TYPE, messageFromWire, type Call, type CustomMessage, type Group, type MessageWire } from './models.js';

/** The log keeps this many messages per channel, newest last. */
const MAX_LOG = 500;
/** The real SDK's largest `setLimit` for both requests. */
const MAX_LIMIT = 100;

export class MessageLog {
  readonly #key: string;
  /** Used when localStorage is blocked (a sandboxed frame): history then lasts for this page only. */
  #memory: MessageWire[] = [];

  constructor(channel: string) {
    this.#key = `cc-emulator:history:${channel}`;
  }

  append(wire: MessageWire): void {
    const log = [...this.read(), wire].slice(-MAX_LOG);
    this.#memory = log;
    try {
      globalThis.localStorage?.setItem(this.#key, JSON.stringify(log));
    } catch {
      // Full or blocked storage: the in-memory copy still serves this page.
    }
  }

  /** Every logged message, oldest first (still untrusted: read through messageFromWire). */
  read(): MessageWire[] {
    try {
      const raw = globalThis.localStorage?.getItem(this.#key);
      if (raw) {
        const parsed: unknown = JSON.parse(raw);
        if (Array.isArray(parsed)) return parsed as MessageWire[];
      }
    } catch {
      // Fall back to this page's copy.
    }
    return [...this.#memory];
  }
}

export interface HistoryAccess {
  /** The logged-in uid, or null. */
  uid(): string | null;
  directory: Directory;
  log: MessageLog;
  faults: Faults;
  /** A group's calls this client has heard of, each as it stands now (the server keeps no call log here). */
  callHistory(guid: string, limit: number): Promise<Call[]>;
}

interface MessageQuery {
  guid: string | undefined;
  limit: unknown;
  categories: string[] | undefined;
  types: string[] | undefined;
}

function notLoggedIn(): never {
  throw sdkError('USER_NOT_LOGED_IN', 'An authToken is need to use the getGroups / getMessages end-points.');
}

function checkLimit(limit: unknown): number {
  if (typeof limit !== 'number' || !Number.isFinite(limit))
    throw sdkError('INVALID_SET_LIMIT', 'setLimit() method accepts parameter as a number.');
  if (limit < 0 || limit > MAX_LIMIT) throw sdkError('ERR_LIMIT_EXCEEDED', `setLimit() accepts at most ${MAX_LIMIT}.`);
  return Math.floor(limit);
}

/** `GroupsRequestBuilder` and `MessagesRequestBuilder`, as in the real 4.2.0 SDK, bound to one client. */
export function historyRequests(access: HistoryAccess) {
  class GroupsRequest {
    readonly #limit: unknown;
    readonly #joinedOnly: boolean;
    #page = 0;

    constructor(limit: unknown, joinedOnly: boolean) {
      this.#limit = limit;
      this.#joinedOnly = joinedOnly;
    }

    /** The next page of groups (the user's own with `joinedOnly(true)`), in the directory's order. */
    fetchNext(): Promise<Group[]> {
      return access.faults.run('fetchNext', async () => {
        const uid = access.uid() ?? notLoggedIn();
        const limit = checkLimit(this.#limit);
        const guids = access.directory.guids().filter((guid) => !this.#joinedOnly || access.directory.members(guid).includes(uid));
        const page = guids.slice(this.#page * limit, (this.#page + 1) * limit);
        if (page.length) this.#page++;
        return page.map((guid) => access.directory.group(guid)!);
      });
    }
  }

  class GroupsRequestBuilder {
    #limit: unknown;
    #joinedOnly = false;

    setLimit(limit: number): this {
      this.#limit = limit;
      return this;
    }
    joinedOnly(joined: boolean): this {
      this.#joinedOnly = joined === true;
      return this;
    }
    build(): GroupsRequest {
      return new GroupsRequest(this.#limit, this.#joinedOnly);
    }
  }

  class MessagesRequest {
    readonly #query: MessageQuery;
    /** The oldest id returned so far: the next fetchPrevious() reads what came before it. */
    #before = Infinity;

    constructor(query: MessageQuery) {
      this.#query = query;
    }

    /** The newest `limit` messages before the last page, oldest first, as the real SDK pages back. */
    fetchPrevious(): Promise<Array<CustomMessage | Call>> {
      return access.faults.run('fetchPrevious', async () => {
        const uid = access.uid() ?? notLoggedIn();
        const { guid, categories, types } = this.#query;
        const limit = checkLimit(this.#query.limit);
        if (!guid) throw sdkError('ERR_GUID_NOT_FOUND', 'This emulator reads group histories only: call setGUID().');
        if (!access.directory.group(guid)) throw sdkError('ERR_GUID_NOT_FOUND', `The GUID ${guid} does not exist.`);
        // As on CometChat, only a group's members may read its messages.
        if (!access.directory.members(guid).includes(uid))
          throw sdkError('ERR_GROUP_NOT_JOINED', `The user ${uid} is not a member of ${guid}.`);
        // Call messages come from the calls' own state, not the custom-message log.
        if (categories?.includes(CATEGORY_CALL)) return limit === 0 ? [] : access.callHistory(guid, limit);
        const page = access.log
          .read()
          .map((wire) => messageFromWire(wire))
          .filter((m): m is CustomMessage => m !== null)
          .filter((m) => m.getReceiverType() === RECEIVER_TYPE.GROUP && m.getReceiverId() === guid && m.getId() < this.#before)
          .filter((m) => (!categories || categories.includes(m.getCategory())) && (!types || types.includes(m.getType())))
          .slice(-limit || undefined);
        if (page.length) this.#before = page[0].getId();
        return limit === 0 ? [] : page;
      });
    }
  }

  class MessagesRequestBuilder {
    readonly #query: MessageQuery = { guid: undefined, limit: undefined, categories: undefined, types: undefined };

    setGUID(guid: string): this {
      this.#query.guid = typeof guid === 'string' ? guid.trim() : undefined;
      return this;
    }
    setLimit(limit: number): this {
      this.#query.limit = limit;
      return this;
    }
    setCategories(categories: string[]): this {
      this.#query.categories = Array.isArray(categories) && categories.length ? categories.map(String) : undefined;
      return this;
    }
    setTypes(types: string[]): this {
      this.#query.types = Array.isArray(types) && types.length ? types.map(String) : undefined;
      return this;
    }
    build(): MessagesRequest {
      return new MessagesRequest({ ...this.#query });
    }
  }

  return { GroupsRequestBuilder, MessagesRequestBuilder };
}
