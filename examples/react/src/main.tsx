// The example app: a contact list with call buttons, on CometChat's offline emulator.
// Open it twice, as ?uid=alice and ?uid=bob, in tabs of the same browser, and call.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { configure } from 'cc-call-elements';
import { createEmulator } from 'cc-call-elements/emulator';
import { CallButtons } from './CallButtons';

const users = [
  { uid: 'alice', name: 'Alice Adams' },
  { uid: 'bob', name: 'Bob Brown' },
  { uid: 'carol', name: 'Carol Chen' },
];
const params = new URLSearchParams(location.search);
const me = users.find((u) => u.uid === params.get('uid')) ?? users[0];

// A real app initialises CometChat, logs the user in and passes its own namespaces:
// await configure({ chat: CometChat, calls: CometChatCalls });
const emulator = createEmulator({
  uid: me.uid,
  channel: params.get('channel') ?? 'cc-example',
  iceFilter: params.get('ice') === 'loopback' ? 'loopback' : 'all',
});
await configure({ chat: emulator.CometChat, calls: emulator.CometChatCalls });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <h1>Signed in as {me.name}</h1>
    <CallButtons contacts={users.filter((u) => u !== me)} />
  </StrictMode>,
);
