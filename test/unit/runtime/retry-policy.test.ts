import { describe, expect, it } from 'vitest';
import { type RetrySettings } from '../../../runtime/index.js';
import { backoffCeiling, backoffDelay, abortableSleep } from '../../../runtime/consumer/retry-policy.js';
import { resolveRetryPolicy, retryPolicyFromContract } from '../../../contract-conventions/retry-settings.js';

describe('retry policy', () => {
  it('defaults to 5 attempts of exponential backoff with full jitter', () => {
    expect(resolveRetryPolicy()).toEqual({
      maxAttempts: 5,
      strategy: 'exponential',
      initialDelayMs: 200,
      incrementMs: 0,
      multiplier: 2,
      maxDelayMs: 10_000,
      jitter: 'full',
    });
  });

  it('layers route settings over receiver settings over defaults', () => {
    expect(
      resolveRetryPolicy({ maxAttempts: 3, initialDelayMs: 50 }, { maxAttempts: 7, multiplier: undefined }),
    ).toMatchObject({ maxAttempts: 7, initialDelayMs: 50, multiplier: 2 });
  });

  const schedules: [string, RetrySettings, number[]][] = [
    ['exponential, capped', { initialDelayMs: 100, multiplier: 3, maxDelayMs: 1000 }, [100, 300, 900, 1000, 1000]],
    ['linear', { strategy: 'linear', initialDelayMs: 100, incrementMs: 50 }, [100, 150, 200, 250, 300]],
    ['fixed', { strategy: 'fixed', initialDelayMs: 250 }, [250, 250, 250, 250, 250]],
  ];
  it.each(schedules)('ceilings: %s', (_name, policy, expected) => {
    const resolved = resolveRetryPolicy(policy);
    expect([1, 2, 3, 4, 5].map((attempt) => backoffCeiling(resolved, attempt))).toEqual(expected);
  });

  it('full jitter draws uniformly below the ceiling', () => {
    const policy = resolveRetryPolicy({ initialDelayMs: 100, multiplier: 2 });
    const draws = [0, 0.5, 0.999];
    expect(draws.map((r) => backoffDelay(policy, 3, () => r))).toEqual([0, 200, 399]);
    expect(backoffDelay({ ...policy, jitter: 'none' }, 3, () => 0)).toBe(400);
  });

  const invalid: [string, RetrySettings][] = [
    ['zero attempts', { maxAttempts: 0 }],
    ['fractional attempts', { maxAttempts: 1.5 }],
    ['negative delay', { initialDelayMs: -1 }],
    ['infinite max delay', { maxDelayMs: Infinity }],
    ['shrinking multiplier', { multiplier: 0.5 }],
  ];
  it.each(invalid)('rejects %s', (_name, policy) => {
    expect(() => resolveRetryPolicy(policy)).toThrow(RangeError);
  });

  it("adopts a contract's x-retry (seconds, nested strategy)", () => {
    const contract = {
      maxAttempts: 5,
      strategy: { type: 'exponential', initialDelaySeconds: 0.2, multiplier: 2, maxDelaySeconds: 5 },
    };
    expect(retryPolicyFromContract(contract)).toEqual({
      maxAttempts: 5,
      strategy: 'exponential',
      initialDelayMs: 200,
      incrementMs: undefined,
      multiplier: 2,
      maxDelayMs: 5000,
    });
    expect(resolveRetryPolicy({ maxAttempts: 2 }, contract)).toMatchObject({
      maxAttempts: 5,
      initialDelayMs: 200,
      maxDelayMs: 5000,
    });
    expect(resolveRetryPolicy({ maxAttempts: 3, strategy: { type: 'fixed', delaySeconds: 1 } })).toMatchObject({
      maxAttempts: 3,
      strategy: 'fixed',
      initialDelayMs: 1000,
    });
    expect(() => resolveRetryPolicy({ strategy: { type: 'random' } })).toThrow(/fixed, linear or exponential/);
  });

  it('sleep ends early when the receiver stops', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort(new Error('stopping'));
    await expect(sleeping).rejects.toThrow('stopping');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
