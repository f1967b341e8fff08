/**
 * One model of CometChat's rules, shared by the in-browser emulator (emulator/, bundled into
 * dist/emulator.js) and the local cloud (cloud/, imported by Node as is): call statuses and
 * their transitions, error codes and shapes, and the demo directory. Plain ES modules with JSDoc
 * types (tsconfig's checkJs checks them), so both can import them without a build step.
 */
export { CALL_STATUS, TERMINAL_STATUSES, TRANSITIONS, isTerminal, refuseCall, refuseStatus } from './calls.js';
export { CALL_ERROR, errorBody, sdkError } from './errors.js';
export { DEMO_GROUPS, DEMO_USERS } from './directory.js';
