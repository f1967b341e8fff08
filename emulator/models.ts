/**
 * The chat SDK's entity classes, constants and listener wrappers, shaped like
 * CometChat 4.2.0's (same getters, setters and defaults), plus their plain
 * JSON wire forms. Anything read off the wire is validated here and rebuilt
 * into real class instances, so listeners never see raw channel data.
 */
import type { CallListenerHandlers, MessageListenerHandlers } from '../src/sdk/types.js';

export { CALL_STATUS } from '../model/calls.js';
export const CALL_TYPE = { AUDIO: 'audio', VIDEO: 'video' } as const;
export const RECEIVER_TYPE = { USER: 'user', GROUP: 'group' } as const;
export const CATEGORY_CUSTOM = 'custom';
export const CATEGORY_CALL = 'call';

export class User {
  protected uid: string;
  protected name: string;
  protected avatar?: string;
  protected authToken?: string;

  constructor(uid: string, name?: string, avatar?: string) {
    this.uid = String(uid);
    this.name = name ?? String(uid);
    if (avatar) this.avatar = avatar;
  }
  getUid(): string {
    return this.uid;
  }
  setUid(uid: string): void {
    this.uid = uid;
  }
  getName(): string {
    return this.name;
  }
  setName(name: string): void {
    this.name = name;
  }
  getAvatar(): string | undefined {
    return this.avatar;
  }
  setAvatar(avatar: string): void {
    this.avatar = avatar;
  }
  /** Only set on the user that `login()` / `getLoggedinUser()` return, as in the real SDK. */
  getAuthToken(): string {
    return this.authToken as string;
  }
  setAuthToken(token: string): void {
    this.authToken = token;
  }
}

export class Group {
  protected guid: string;
  protected name: string;
  protected icon?: string;

  constructor(guid: string, name?: string, icon?: string) {
    this.guid = String(guid);
    this.name = name ?? String(guid);
    if (icon) this.icon = icon;
  }
  getGuid(): string {
    return this.guid;
  }
  getName(): string {
    return this.name;
  }
  setName(name: string): void {
    this.name = name;
  }
  getIcon(): string | undefined {
    return this.icon;
  }
  setIcon(icon: string): void {
    this.icon = icon;
  }
}

/** What `Call` and `CustomMessage` share, as in the real SDK's BaseMessage. */
export class BaseMessage {
  protected id?: number;
  protected sender?: User;
  protected receiverId: string;
  protected receiver?: User | Group;
  protected type: string;
  protected receiverType: string;
  protected category: string;
  protected sentAt?: number;
  protected status?: string;
  protected metadata?: object;

  constructor(receiverId: string, type: string, receiverType: string, category: string) {
    this.receiverId = String(receiverId);
    this.type = type;
    this.receiverType = receiverType;
    this.category = category;
  }
  getId(): number {
    return this.id as number;
  }
  setId(id: number): void {
    this.id = id;
  }
  getSender(): User {
    return this.sender as User;
  }
  setSender(sender: User): void {
    this.sender = sender;
  }
  getReceiverId(): string {
    return this.receiverId;
  }
  setReceiverId(receiverId: string): void {
    this.receiverId = receiverId;
  }
  getReceiver(): User | Group {
    return this.receiver as User | Group;
  }
  setReceiver(receiver: User | Group): void {
    this.receiver = receiver;
  }
  getType(): string {
    return this.type;
  }
  setType(type: string): void {
    this.type = type;
  }
  getReceiverType(): string {
    return this.receiverType;
  }
  setReceiverType(receiverType: string): void {
    this.receiverType = receiverType;
  }
  getCategory(): string {
    return this.category;
  }
  setCategory(category: string): void {
    this.category = category;
  }
  /** Unix seconds. */
  getSentAt(): number {
    return this.sentAt as number;
  }
  setSentAt(sentAt: number): void {
    this.sentAt = sentAt;
  }
  getStatus(): string {
    return this.status as string;
  }
  setStatus(status: string): void {
    this.status = status;
  }
  getMetadata(): object {
    return this.metadata as object;
  }
  setMetadata(metadata: object): void {
    this.metadata = metadata;
  }
}

/** `CometChat.Call`: one ringing call. */
export class Call extends BaseMessage {
  protected sessionId?: string;
  protected action?: string;
  protected initiatedAt?: number;
  protected joinedAt?: number;
  protected callInitiator?: User;
  protected callReceiver?: User | Group;

  constructor(receiverId: string, type: string, receiverType: string) {
    super(receiverId, type, receiverType, CATEGORY_CALL);
  }
  getSessionId(): string {
    return this.sessionId as string;
  }
  setSessionId(sessionId: string): void {
    this.sessionId = sessionId;
  }
  getAction(): string {
    return this.action as string;
  }
  setAction(action: string): void {
    this.action = action;
  }
  getInitiatedAt(): number {
    return this.initiatedAt as number;
  }
  setInitiatedAt(initiatedAt: number): void {
    this.initiatedAt = initiatedAt;
  }
  getJoinedAt(): number {
    return this.joinedAt as number;
  }
  setJoinedAt(joinedAt: number): void {
    this.joinedAt = joinedAt;
  }
  getCallInitiator(): User {
    return this.callInitiator as User;
  }
  setCallInitiator(user: User): void {
    this.callInitiator = user;
  }
  getCallReceiver(): User | Group {
    return this.callReceiver as User | Group;
  }
  setCallReceiver(receiver: User | Group): void {
    this.callReceiver = receiver;
  }
}

/** `CometChat.CustomMessage`. Note the argument order differs from `Call`'s, as in the real SDK. */
export class CustomMessage extends BaseMessage {
  protected customData: object;

  constructor(receiverId: string, receiverType: string, type: string, customData: object) {
    super(receiverId, type, receiverType, CATEGORY_CUSTOM);
    this.customData = customData;
  }
  getCustomData(): object {
    return this.customData;
  }
  setCustomData(customData: object): void {
    this.customData = customData;
  }
}

type Handler = (...args: never[]) => unknown;

function copyHandlers(target: object, handlers: unknown, accept: (name: string) => boolean): void {
  if (!handlers || typeof handlers !== 'object') return;
  for (const [name, value] of Object.entries(handlers as Record<string, unknown>)) {
    if (typeof value === 'function' && accept(name)) (target as Record<string, Handler>)[name] = value as Handler;
  }
}

const CALL_EVENTS = [
  'onIncomingCallReceived',
  'onOutgoingCallAccepted',
  'onOutgoingCallRejected',
  'onIncomingCallCancelled',
  'onCallEndedMessageReceived',
] as const;
export type CallEventName = (typeof CALL_EVENTS)[number];
export const isCallEventName = (name: unknown): name is CallEventName => CALL_EVENTS.includes(name as CallEventName);

/** Keeps the five call handlers it is given, like the real one (other keys are ignored). */
export class CallListener implements CallListenerHandlers {
  constructor(handlers: CallListenerHandlers) {
    copyHandlers(this, handlers, isCallEventName);
  }
}

/** Keeps every `on…` handler it is given; the emulator only ever calls `onCustomMessageReceived`. */
export class MessageListener implements MessageListenerHandlers {
  constructor(handlers: MessageListenerHandlers) {
    copyHandlers(this, handlers, (name) => name.startsWith('on'));
  }
}

export interface AppSettings {
  region: string;
  subscriptionType: string;
  autoJoinGroup: boolean;
  establishSocketConnection: boolean;
}

export class AppSettingsBuilder {
  #settings: AppSettings = { region: 'us', subscriptionType: 'NONE', autoJoinGroup: true, establishSocketConnection: true };
  setRegion(region: string): this {
    this.#settings.region = region;
    return this;
  }
  subscribePresenceForAllUsers(): this {
    this.#settings.subscriptionType = 'ALL_USERS';
    return this;
  }
  subscribePresenceForRoles(_roles: string[]): this {
    this.#settings.subscriptionType = 'ROLES';
    return this;
  }
  subscribePresenceForFriends(): this {
    this.#settings.subscriptionType = 'FRIENDS';
    return this;
  }
  autoEstablishSocketConnection(value = true): this {
    this.#settings.establishSocketConnection = value;
    return this;
  }
  build(): AppSettings {
    return { ...this.#settings };
  }
}

// ── wire forms ─────────────────────────────────────────────────────────────

export interface UserWire {
  uid: string;
  name: string;
  avatar?: string;
}
export interface GroupWire {
  guid: string;
  name: string;
  icon?: string;
}
export interface CallWire {
  sessionId: string;
  type: string;
  receiverType: string;
  receiverId: string;
  status: string;
  initiatedAt: number;
  joinedAt?: number;
  sender: UserWire;
  receiver: UserWire | GroupWire;
  metadata?: object;
}
export interface MessageWire {
  id: number;
  type: string;
  category: string;
  receiverType: string;
  receiverId: string;
  sentAt: number;
  sender: UserWire;
  receiver: UserWire | GroupWire;
  customData: unknown;
  metadata?: object;
}

const MAX_TEXT = 2000;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A non-empty string of sane length, as ids and names on the wire must be. */
export const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT;

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** A deep copy that is plain JSON, or undefined when `value` cannot be serialised. */
export function plainJson<T>(value: T): T | undefined {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(value)) as T;
  } catch {
    return undefined;
  }
}

export function userToWire(user: User): UserWire {
  const wire: UserWire = { uid: user.getUid(), name: user.getName() };
  const avatar = user.getAvatar();
  if (avatar) wire.avatar = avatar;
  return wire;
}

export function receiverToWire(receiver: User | Group): UserWire | GroupWire {
  if (receiver instanceof Group) {
    const wire: GroupWire = { guid: receiver.getGuid(), name: receiver.getName() };
    const icon = receiver.getIcon();
    if (icon) wire.icon = icon;
    return wire;
  }
  return userToWire(receiver);
}

export function userFromWire(value: unknown): User | null {
  if (!isRecord(value) || !isText(value.uid)) return null;
  const name = isText(value.name) ? value.name : value.uid;
  return new User(value.uid, name, isText(value.avatar) ? value.avatar : undefined);
}

function receiverFromWire(value: unknown): User | Group | null {
  if (isRecord(value) && isText(value.guid)) {
    return new Group(value.guid, isText(value.name) ? value.name : value.guid, isText(value.icon) ? value.icon : undefined);
  }
  return userFromWire(value);
}

export function callToWire(call: Call): CallWire {
  const wire: CallWire = {
    sessionId: call.getSessionId(),
    type: call.getType(),
    receiverType: call.getReceiverType(),
    receiverId: call.getReceiverId(),
    status: call.getStatus(),
    initiatedAt: call.getInitiatedAt(),
    sender: userToWire(call.getSender()),
    receiver: receiverToWire(call.getReceiver()),
  };
  if (call.getJoinedAt() !== undefined) wire.joinedAt = call.getJoinedAt();
  const metadata = plainJson(call.getMetadata());
  if (metadata !== undefined) wire.metadata = metadata;
  return wire;
}

/** A fresh `Call` from its wire form, or null when the data is not a call. */
export function callFromWire(value: unknown): Call | null {
  if (!isRecord(value)) return null;
  const { sessionId, type, receiverType, receiverId, status, initiatedAt } = value;
  if (![sessionId, type, receiverType, receiverId, status].every(isText) || !isNumber(initiatedAt)) return null;
  const sender = userFromWire(value.sender);
  const receiver = receiverFromWire(value.receiver);
  if (!sender || !receiver) return null;
  const call = new Call(receiverId as string, type as string, receiverType as string);
  call.setSessionId(sessionId as string);
  call.setStatus(status as string);
  call.setAction(status as string);
  call.setInitiatedAt(initiatedAt);
  call.setSentAt(initiatedAt);
  if (isNumber(value.joinedAt)) call.setJoinedAt(value.joinedAt);
  call.setSender(sender);
  call.setCallInitiator(sender);
  call.setReceiver(receiver);
  call.setCallReceiver(receiver);
  if (isRecord(value.metadata)) call.setMetadata(value.metadata);
  return call;
}

export function messageToWire(message: CustomMessage): MessageWire {
  const wire: MessageWire = {
    id: message.getId(),
    type: message.getType(),
    category: message.getCategory(),
    receiverType: message.getReceiverType(),
    receiverId: message.getReceiverId(),
    sentAt: message.getSentAt(),
    sender: userToWire(message.getSender()),
    receiver: receiverToWire(message.getReceiver()),
    customData: plainJson(message.getCustomData()) ?? {},
  };
  const metadata = plainJson(message.getMetadata());
  if (metadata !== undefined) wire.metadata = metadata;
  return wire;
}

/** A fresh `CustomMessage` from its wire form, or null when the data is not one. */
export function messageFromWire(value: unknown): CustomMessage | null {
  if (!isRecord(value)) return null;
  const { id, type, category, receiverType, receiverId, sentAt } = value;
  if (![type, category, receiverType, receiverId].every(isText) || !isNumber(id) || !isNumber(sentAt)) return null;
  const sender = userFromWire(value.sender);
  const receiver = receiverFromWire(value.receiver);
  if (!sender || !receiver) return null;
  const customData = isRecord(value.customData) || Array.isArray(value.customData) ? (value.customData as object) : {};
  const message = new CustomMessage(receiverId as string, receiverType as string, type as string, customData);
  message.setCategory(category as string);
  message.setId(id);
  message.setSentAt(sentAt);
  message.setSender(sender);
  message.setReceiver(receiver);
  if (isRecord(value.metadata)) message.setMetadata(value.metadata);
  return message;
}
