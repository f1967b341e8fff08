// The example app: a contact list with call buttons, on CometChat's offline emulator.
// Open it twice, as ?uid=alice and ?uid=bob, in tabs of the same browser, and call.
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { configure } from 'cc-call-elements';
import { createEmulator } from 'cc-call-elements/emulator';
import { AppComponent } from './app/app.component';
import { me, params } from './app/session';

// A real app initialises CometChat, logs the user in and passes its own namespaces:
// await configure({ chat: CometChat, calls: CometChatCalls });
const emulator = createEmulator({
  uid: me.uid,
  channel: params.get('channel') ?? 'cc-example',
  iceFilter: params.get('ice') === 'loopback' ? 'loopback' : 'all',
});
await configure({ chat: emulator.CometChat, calls: emulator.CometChatCalls });

await bootstrapApplication(AppComponent, { providers: [provideZonelessChangeDetection()] });
