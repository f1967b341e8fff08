/**
 * SDK-style errors and the `failNext` / `answerNext` switchboard that lets
 * tests make one call to a named static fail, hang or answer something else.
 */
import { sdkError as modelSdkError } from '../model/errors.js';

/** The shape the real SDKs reject with (CometChatException). */
export interface SdkError {
  code: string;
  message: string;
  name?: string;
  details?: object;
}

export const sdkError: (code: string, message: string) => SdkError = modelSdkError;

export const rejectWith = <T = never>(code: string, message: string): Promise<T> => Promise.reject(sdkError(code, message));

/** An error to reject with, 'hang' to never settle, or `{ answer }` to resolve with that value instead of the real result. */
export type Fault = SdkError | 'hang' | { answer: unknown };

export class Faults {
  readonly #queued = new Map<string, Fault[]>();

  /** Queues a fault for the next call of `method`; several queue up in order. */
  add(method: string, fault: Fault): void {
    const list = this.#queued.get(method) ?? [];
    list.push(fault);
    this.#queued.set(method, list);
  }

  /** Runs `body` unless a fault is queued for `method`, in which case it rejects or never settles. */
  run<T>(method: string, body: () => Promise<T>): Promise<T> {
    const list = this.#queued.get(method);
    const fault = list?.shift();
    if (list && list.length === 0) this.#queued.delete(method);
    if (fault === undefined) return body();
    if (fault === 'hang') return new Promise<T>(() => undefined);
    if ('answer' in fault) return Promise.resolve(fault.answer as T);
    return Promise.reject({ ...fault });
  }

  clear(): void {
    this.#queued.clear();
  }
}
