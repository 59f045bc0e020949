// The in-place retry schedule of failing handlers: exponential backoff with full jitter by default
// (AWS architecture blog, "Exponential Backoff And Jitter"), so a fleet of consumers whose
// database went down does not hammer it in lockstep when it comes back.
import type { ResolvedRetryPolicy } from '../../contract-conventions/retry-settings.js';

/** Upper bound of the wait after failed attempt `attempt` (1-based), before jitter. */
export function backoffCeiling(policy: ResolvedRetryPolicy, attempt: number): number {
  const n = Math.max(1, attempt);
  const raw =
    policy.strategy === 'fixed'
      ? policy.initialDelayMs
      : policy.strategy === 'linear'
        ? policy.initialDelayMs + policy.incrementMs * (n - 1)
        : policy.initialDelayMs * policy.multiplier ** (n - 1);
  return Math.min(policy.maxDelayMs, raw);
}

/** The wait after failed attempt `attempt`; `random` returns [0, 1) and is injectable for deterministic tests. */
export function backoffDelay(policy: ResolvedRetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = backoffCeiling(policy, attempt);
  return policy.jitter === 'none' ? ceiling : Math.floor(random() * ceiling);
}

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** setTimeout as a promise that rejects as soon as `signal` aborts (receiver shutdown). */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    // The receiver aborts with an Error; anything else is wrapped so a rejection always carries a stack.
    const aborted = (): Error =>
      signal.reason instanceof Error ? signal.reason : new Error('aborted', { cause: signal.reason });
    if (signal.aborted) {
      reject(aborted());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
