// The emulator and the real SDKs agree: the 1:1 flows of agree-flows.mjs, on both backends.
import { agree } from './agree-flows.mjs';

agree((flow) => !flow.users.includes('carol'));
