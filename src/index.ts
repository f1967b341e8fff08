/**
 * cc-call-elements: CometChat voice and video calls as four custom elements
 * that share one call store. Importing this module defines the elements.
 */
export * from './elements.js';
export * from './api.js';
