// The in-place retry schedule of failing handlers: exponential backoff with full jitter by default
// (AWS architecture blog, "Exponential Backoff And Jitter"), so a fleet of consumers whose
// database went down does not hammer it in lockstep when it comes back.
import type { ContractRetryPolicy, RetryPolicy } from '../contract.js';

export type ResolvedRetryPolicy = Required<RetryPolicy>;

export const DEFAULT_RETRY_POLICY: ResolvedRetryPolicy = {
  maxAttempts: 5,
  strategy: 'exponential',
  initialDelayMs: 200,
  incrementMs: 0,
  multiplier: 2,
  maxDelayMs: 10_000,
  jitter: 'full',
};

/** A runtime policy or a contract's `x-retry` (seconds, nested strategy); both are accepted where a policy is configured. */
export type RetrySettings = RetryPolicy | ContractRetryPolicy;

/** Fills defaults (later layers win: built-in, then receiver, then route) and rejects settings that would loop or never wait. */
export function resolveRetryPolicy(...layers: readonly (RetrySettings | undefined)[]): ResolvedRetryPolicy {
  let policy: ResolvedRetryPolicy = DEFAULT_RETRY_POLICY;
  for (const layer of layers) {
    if (layer === undefined) continue;
    policy = { ...policy, ...definedFields(isContractPolicy(layer) ? retryPolicyFromContract(layer) : layer) };
  }
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1)
    throw new RangeError(`retry.maxAttempts must be an integer ≥ 1, got ${policy.maxAttempts}`);
  for (const field of ['initialDelayMs', 'incrementMs', 'maxDelayMs'] as const) {
    if (!Number.isFinite(policy[field]) || policy[field] < 0)
      throw new RangeError(`retry.${field} must be a finite number ≥ 0, got ${policy[field]}`);
  }
  if (!Number.isFinite(policy.multiplier) || policy.multiplier < 1)
    throw new RangeError(`retry.multiplier must be ≥ 1, got ${policy.multiplier}`);
  return policy;
}

function isContractPolicy(settings: RetrySettings): settings is ContractRetryPolicy {
  return typeof settings.strategy === 'object' && settings.strategy !== null;
}

/**
 * The runtime form of a contract's `x-retry` (the AsyncAPI retry proposal's shape): strategy
 * `fixed` (delaySeconds), `linear` (initialDelaySeconds, incrementSeconds) or `exponential`
 * (initialDelaySeconds, multiplier), optional maxDelaySeconds. An unknown strategy type is refused.
 */
export function retryPolicyFromContract(contract: ContractRetryPolicy): RetryPolicy {
  const strategy = contract.strategy ?? {};
  const type = strategy.type ?? 'exponential';
  if (type !== 'fixed' && type !== 'linear' && type !== 'exponential')
    throw new RangeError(`x-retry strategy type must be fixed, linear or exponential, got ${String(type)}`);
  const ms = (seconds: number | undefined) => (seconds === undefined ? undefined : Math.round(seconds * 1000));
  return {
    maxAttempts: contract.maxAttempts,
    strategy: type,
    initialDelayMs: ms(type === 'fixed' ? strategy.delaySeconds : strategy.initialDelaySeconds),
    incrementMs: ms(strategy.incrementSeconds),
    multiplier: strategy.multiplier,
    maxDelayMs: ms(strategy.maxDelaySeconds),
  };
}

function definedFields(policy: RetryPolicy): Partial<ResolvedRetryPolicy> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(policy)) if (value !== undefined) out[name] = value;
  return out as Partial<ResolvedRetryPolicy>;
}

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
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
