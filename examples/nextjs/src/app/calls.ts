// Calling for the example, on CometChat's offline emulator. Imported by <Calls> in the browser only.
import { configure } from 'cc-call-elements';
import { createEmulator } from 'cc-call-elements/emulator';

const users = ['alice', 'bob', 'carol'];
const params = new URLSearchParams(location.search);
const uid = users.find((u) => u === params.get('uid')) ?? users[0];

// A real app initialises CometChat, logs the user in and passes its own namespaces:
// await configure({ chat: CometChat, calls: CometChatCalls });
const emulator = createEmulator({
  uid,
  channel: params.get('channel') ?? 'cc-example',
  iceFilter: params.get('ice') === 'loopback' ? 'loopback' : 'all',
});
await configure({ chat: emulator.CometChat, calls: emulator.CometChatCalls });
