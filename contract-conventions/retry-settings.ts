// Retry settings both sides must judge alike: lint (`receive-settings`) refuses an `x-retry` exactly when the
// runtime's receiver would refuse it, because both call `resolveRetryPolicy` from here.

/**
 * How a failing handler is retried in place. Delay before retry n (1-based) is
 * fixed: initialDelayMs; linear: initialDelayMs + incrementMs·(n−1); exponential: initialDelayMs·multiplier^(n−1);
 * capped at maxDelayMs, then (with full jitter) a uniform random fraction of it.
 */
export interface RetryPolicy {
  /** Handler calls in total, including the first (1 = no retry). */
  readonly maxAttempts?: number;
  readonly strategy?: 'fixed' | 'linear' | 'exponential';
  readonly initialDelayMs?: number;
  readonly incrementMs?: number;
  readonly multiplier?: number;
  readonly maxDelayMs?: number;
  readonly jitter?: 'full' | 'none';
}

/**
 * The retry policy a contract declares on a receive operation (`x-retry`, the shape of the
 * AsyncAPI retry proposal): generated consumers export it so receivers can adopt it.
 */
export interface ContractRetryPolicy {
  /** Handler calls in place per delivery; default 1 when `delays` declares retry topics (Spring's non-blocking default). */
  readonly maxAttempts?: number;
  /**
   * Non-blocking retries: after a failed delivery the record moves to the next retry topic and is handled
   * again no earlier than this long after (durations like `"10s"`, `"1m"`, or seconds); after the last, the
   * dead-letter topic. Absent: retries stay in place.
   */
  readonly delays?: readonly (string | number)[];
  /** The retry topics, one per delay, when not `<topic>-retry-<n>` (see retry-topic.ts). */
  readonly channels?: readonly string[];
  readonly strategy?: {
    /** `fixed`, `linear` or `exponential`; any other text is refused by resolveRetryPolicy (and reported by lint). */
    readonly type?: string;
    readonly delaySeconds?: number;
    readonly initialDelaySeconds?: number;
    readonly incrementSeconds?: number;
    readonly multiplier?: number;
    readonly maxDelaySeconds?: number;
  };
  readonly [extension: string]: unknown;
}

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
  return (typeof settings.strategy === 'object' && settings.strategy !== null) || 'delays' in settings;
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
    // With retry topics each delivery is one handler call unless the contract asks for more in place.
    maxAttempts: contract.maxAttempts ?? (contract.delays === undefined ? undefined : 1),
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
  return out;
}
