/**
 * The call rules, everything the store needs once calling is configured and nothing it needs
 * before: the machine, the effects it asks for, and the links between the user's tabs. One chunk
 * in the script-tag bundle, which the store loads as soon as calling starts being configured, long
 * before the chat SDK has connected (store.ts); a page that never configures calling never loads it.
 */
export { transition } from './machine.js';
export { runEffect } from './effects.js';
export { linkPage, loadDismissals, loadJoins } from './page.js';
