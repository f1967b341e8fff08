// The emulator and the real SDKs agree: the group calls and the meeting of agree-flows.mjs, on both backends.
import { agree } from './agree-flows.mjs';

agree((flow) => flow.users.includes('carol'));
