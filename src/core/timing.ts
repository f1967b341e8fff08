/**
 * The one bounded-time helper: no SDK call may keep the page waiting forever.
 * A late answer is still an answer: the timeout error carries the SDK's own
 * promise, so whoever gave up can still undo what it no longer wants.
 */
import { CcError } from './errors.js';

/** An SDK call that did not answer in time; `late` settles when (if ever) it does. */
export class SdkTimeout<T = unknown> extends CcError {
  readonly late: Promise<T>;
  /** How long it was given, in ms. */
  readonly ms: number;
  constructor(what: string, ms: number, late: Promise<T>) {
    super('sdk-timeout', `${what} did not answer within ${ms / 1000} s.`);
    this.late = late;
    this.ms = ms;
  }
}

/** Resolves or rejects as `work` does, or rejects with {@link SdkTimeout} after `ms`. */
export function bounded<T>(work: Promise<T> | T, ms: number, what: string): Promise<T> {
  const promise = Promise.resolve(work);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SdkTimeout(what, ms, promise)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Settles (never rejects) once `work` has settled, or after `ms`: for waiting on something without taking its outcome. */
export function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  return bounded(work, ms, '').then(
    () => undefined,
    () => undefined,
  );
}
