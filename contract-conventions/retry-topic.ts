// Retry-topic naming and delays: where a record goes after a failed delivery when its receive operation
// declares non-blocking retries (`x-retry.delays`). The runtime forwards there; `evc topics`, `evc registry`,
// lint and the generated routes name the same topics, so they all call `retryTopicsFor`.

/** Spring Kafka's default retry suffix; the index follows it (`SUFFIX_WITH_INDEX_VALUE`): `<topic>-retry-0`, `-1`, … */
export const DEFAULT_RETRY_SUFFIX = '-retry';

/** The retry topic of stage `index` (0-based) of `sourceTopic`, as Spring Kafka names it by default. */
export function retryTopicFor(sourceTopic: string, index: number): string {
  return `${sourceTopic}${DEFAULT_RETRY_SUFFIX}-${index}`;
}

/** One non-blocking retry stage: the topic a failed record moves to, and how long it waits there. */
export interface RetryStage {
  readonly topic: string;
  readonly delayMs: number;
}

/** The declared retry topics: `delays` in order, `channels` (topic names, one per delay) when not the default names. */
export interface RetryTopicsDeclaration {
  readonly delays?: readonly (string | number)[];
  readonly channels?: readonly string[];
}

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
/** A week: a longer wait is a scheduling job, not a retry (and would hold a paused partition for good). */
export const MAX_RETRY_DELAY_MS = 7 * 24 * 3_600_000;

/** `"500ms"`, `"1s"`, `"10s"`, `"1m"`, `"1h"`, or a number of seconds, as milliseconds; throws RangeError otherwise. */
export function retryDelayMs(delay: string | number): number {
  let ms: number;
  if (typeof delay === 'number') ms = delay * 1_000;
  else {
    const match = DURATION.exec(delay.trim());
    if (match === null)
      throw new RangeError(`retry delay ${JSON.stringify(delay)} is not a duration like "500ms", "10s", "1m" or "1h"`);
    ms = Number(match[1]) * UNITS[match[2]!]!;
  }
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_RETRY_DELAY_MS)
    throw new RangeError(`retry delay ${JSON.stringify(delay)} must be between 0 and 7 days`);
  return Math.round(ms);
}

/** A delay as a contract would write it (`1m`, `10s`, `500ms`), for listings. */
export function formatRetryDelay(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1_000 && ms % 1_000 === 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}

/**
 * The retry stages of `sourceTopic` as declared, or undefined when it declares none (retries stay in place).
 * Throws RangeError for settings the runtime could not run: an empty list, a bad duration, a channel list of
 * another length, a retry topic that is the source topic or appears twice.
 */
export function retryTopicsFor(sourceTopic: string, declared: RetryTopicsDeclaration): RetryStage[] | undefined {
  const { delays, channels } = declared;
  if (delays === undefined) {
    if (channels !== undefined) throw new RangeError('retry channels need delays: one delay per retry channel');
    return undefined;
  }
  // Contract text may hold anything where the type says a list.
  const delayList: unknown = delays;
  const channelList: unknown = channels;
  if (!Array.isArray(delayList) || delays.length === 0)
    throw new RangeError('retry delays must be a non-empty list, e.g. [1s, 10s, 1m]');
  if (channels !== undefined && (!Array.isArray(channelList) || channels.length !== delays.length))
    throw new RangeError(`retry channels must name one topic per delay (${delays.length})`);
  const stages = delays.map((delay, index) => ({
    topic: channels?.[index] ?? retryTopicFor(sourceTopic, index),
    delayMs: retryDelayMs(delay),
  }));
  const seen = new Set<string>([sourceTopic]);
  for (const { topic } of stages) {
    if (typeof topic !== 'string' || topic === '') throw new RangeError('a retry channel names no topic');
    if (seen.has(topic))
      throw new RangeError(
        topic === sourceTopic
          ? `retry topic "${topic}" is the consumed topic: retries would be handled as first deliveries`
          : `retry topic "${topic}" appears twice`,
      );
    seen.add(topic);
  }
  return stages;
}
