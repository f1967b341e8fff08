/**
 * One model of CometChat's rules, shared by the in-browser emulator (emulator/, bundled into
 * dist/emulator.js) and the local cloud (cloud/, imported by Node as is): call statuses and
 * their transitions, error codes and shapes, and the demo directory. Plain ES modules with JSDoc
 * types (tsconfig's checkJs checks them), so both import them without a build step.
 */
export { CALL_STATUS, SET_BY, TERMINAL_STATUSES, isTerminal, refuseCall, refuseStatus } from './calls.js';
export { refusal, sdkError } from './errors.js';
export { DEMO_GROUPS, DEMO_USERS } from './directory.js';
