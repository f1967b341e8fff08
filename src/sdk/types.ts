/**
 * The slice of CometChat's two SDKs that this bundle touches, typed
 * structurally. The real `@cometchat/*` namespaces and the in-browser
 * emulator both satisfy these shapes, so the adapter runs unchanged on either.
 */

export interface ChatUser {
  getUid(): string;
  getName(): string;
  getAvatar?(): string | undefined;
  getAuthToken?(): string;
}

export interface ChatGroup {
  getGuid(): string;
  getName(): string;
  getIcon?(): string | undefined;
}

/** `CometChat.Call`: a ringing call entity. */
export interface ChatCall {
  getSessionId(): string;
  getType(): string;
  getReceiverType(): string;
  getReceiverId(): string;
  getStatus?(): string;
  getSender(): ChatUser;
  getReceiver(): ChatUser | ChatGroup;
  getCallInitiator?(): ChatUser;
  getCallReceiver?(): ChatUser | ChatGroup;
}

/** `CometChat.CustomMessage`: carries meeting announcements. */
export interface ChatCustomMessage {
  getId?(): number | string;
  getType(): string;
  getCategory(): string;
  getReceiverId(): string;
  getReceiverType(): string;
  getReceiver?(): ChatUser | ChatGroup;
  getSender(): ChatUser;
  getSentAt?(): number;
  getCustomData(): unknown;
  getMetadata(): unknown;
  setMetadata(metadata: object): void;
  setCategory?(category: string): void;
}

export interface CallListenerHandlers {
  onIncomingCallReceived?(call: ChatCall): void;
  onOutgoingCallAccepted?(call: ChatCall): void;
  onOutgoingCallRejected?(call: ChatCall): void;
  onIncomingCallCancelled?(call: ChatCall): void;
  onCallEndedMessageReceived?(call: ChatCall): void;
}

export interface MessageListenerHandlers {
  onCustomMessageReceived?(message: ChatCustomMessage): void;
}

/** The static `CometChat` namespace of the chat SDK. */
export interface ChatNamespace {
  CALL_TYPE: { AUDIO: string; VIDEO: string };
  RECEIVER_TYPE: { USER: string; GROUP: string };
  CALL_STATUS: {
    INITIATED: string;
    ONGOING: string;
    UNANSWERED: string;
    REJECTED: string;
    BUSY: string;
    CANCELLED: string;
    ENDED: string;
  };
  CATEGORY_CUSTOM: string;
  Call: new (receiverId: string, type: string, receiverType: string) => ChatCall;
  CustomMessage: new (receiverId: string, receiverType: string, type: string, customData: object) => ChatCustomMessage;
  CallListener: new (handlers: CallListenerHandlers) => unknown;
  MessageListener: new (handlers: MessageListenerHandlers) => unknown;
  AppSettingsBuilder?: new () => {
    setRegion(region: string): unknown;
    subscribePresenceForAllUsers?(): unknown;
    autoEstablishSocketConnection?(value: boolean): unknown;
    build(): unknown;
  };

  init?(appId: string, appSettings: unknown): Promise<unknown>;
  login?(authTokenOrUid: string, authKey?: string): Promise<ChatUser>;
  logout?(): Promise<unknown>;
  getLoggedinUser(): Promise<ChatUser | null>;
  getAppId?(): string;

  initiateCall(call: ChatCall, timeout?: number): Promise<ChatCall>;
  acceptCall(sessionId: string): Promise<ChatCall>;
  rejectCall(sessionId: string, status: string): Promise<ChatCall>;
  endCall(sessionId: string): Promise<ChatCall | null>;
  clearActiveCall(): void;
  getActiveCall?(): ChatCall | null;
  /** Resolves with the sent message; the adapter does not rely on its shape. */
  sendCustomMessage(message: ChatCustomMessage): Promise<unknown>;

  addCallListener(id: string, listener: unknown): void;
  removeCallListener(id: string): void;
  addMessageListener(id: string, listener: unknown): void;
  removeMessageListener(id: string): void;
}

/** A participant as the calls SDK reports it in its user-list events. */
export interface SessionParticipant {
  uid?: string;
  name?: string;
  avatar?: string;
  isLocalUser?: boolean;
}

/** v4 OngoingCallListener callbacks. */
export interface OngoingCallHandlers {
  onUserJoined?(user: SessionParticipant): void;
  onUserLeft?(user: SessionParticipant): void;
  onUserListUpdated?(users: Array<SessionParticipant | undefined>): void;
  onUserMuted?(event: unknown): void;
  onUserUnMuted?(event: unknown): void;
  onMediaDeviceListUpdated?(devices: unknown): void;
  onCallSwitchedToVideo?(event: unknown): void;
  onScreenShareStarted?(): void;
  onScreenShareStopped?(): void;
  onCallEnded?(): void;
  onCallEndButtonPressed?(): void;
  onSessionTimeout?(): void;
  onError?(error: unknown): void;
}

/** The v4 `CallSettingsBuilder`: what the session driver calls, and what a `callSettings` hook commonly adjusts. */
export interface CallSettingsBuilderV4 {
  enableDefaultLayout(value: boolean): CallSettingsBuilderV4;
  setIsAudioOnlyCall(value: boolean): CallSettingsBuilderV4;
  setCallListener(listener: unknown): CallSettingsBuilderV4;
  setMode(mode: 'DEFAULT' | 'SPOTLIGHT' | 'TILE'): CallSettingsBuilderV4;
  startWithAudioMuted(value: boolean): CallSettingsBuilderV4;
  startWithVideoMuted(value: boolean): CallSettingsBuilderV4;
  showEndCallButton(value: boolean): CallSettingsBuilderV4;
  showMuteAudioButton(value: boolean): CallSettingsBuilderV4;
  showPauseVideoButton(value: boolean): CallSettingsBuilderV4;
  showScreenShareButton(value: boolean): CallSettingsBuilderV4;
  showSwitchToVideoCallButton(value: boolean): CallSettingsBuilderV4;
  showRecordingButton(value: boolean): CallSettingsBuilderV4;
  setIdleTimeoutPeriod(seconds: number): CallSettingsBuilderV4;
  build(): unknown;
}

/** Settings object for v5 `joinSession`. */
export interface SessionSettingsV5 {
  sessionType: 'VOICE' | 'VIDEO';
  startAudioMuted?: boolean;
  startVideoPaused?: boolean;
  hideControlPanel?: boolean;
  hideLeaveSessionButton?: boolean;
  hideToggleAudioButton?: boolean;
  hideToggleVideoButton?: boolean;
  [key: string]: unknown;
}

/** The static `CometChatCalls` namespace, in either generation. */
export interface CallsNamespace {
  init?(settings: unknown): Promise<unknown>;
  CallAppSettingsBuilder?: new () => {
    setAppId(id: string): unknown;
    setRegion(region: string): unknown;
    build(): unknown;
  };
  generateToken(sessionId: string, authToken?: string): Promise<{ token: string } | string>;

  // v4
  CallSettingsBuilder?: new () => CallSettingsBuilderV4;
  OngoingCallListener?: new (handlers: OngoingCallHandlers) => unknown;
  startSession?(token: string, settings: unknown, element: HTMLElement): unknown;
  endSession?(): unknown;

  // in a session, as 4.2.6 has them: muteAudio(bool) / unMuteAudio(), pauseVideo(bool) / resumeVideo()
  muteAudio?(mute?: boolean): unknown;
  unMuteAudio?(): unknown;
  pauseVideo?(pause?: boolean): unknown;
  resumeVideo?(): unknown;
  switchCamera?(): unknown;
  getAudioOutputDevices?(): unknown;
  setAudioOutputDevice?(deviceId: string): unknown;
  switchToVideoCall?(): unknown;

  // v5
  joinSession?(token: string, settings: SessionSettingsV5, element: HTMLElement): unknown;
  leaveSession?(): unknown;
  addEventListener?(name: string, handler: (payload?: unknown) => void): () => void;
}
