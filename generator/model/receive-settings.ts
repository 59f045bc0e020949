// A receive operation's delivery settings as its contract declares them: where dead letters go
// (`x-dead-letter`) and how a failing handler is retried (`x-retry`: in place with maxAttempts and strategy,
// and through retry topics with `delays` and optional `channels`), in the shape of the
// AsyncAPI retry/dead-letter proposal under `x-` names. Read here once for both the lint rule, which
// reports what is wrong with them, and the generator, which puts them on the consumer's routes —
// so what lint accepts is exactly what generated code applies.
import {
  deadLetterTopicFor,
  resolveRetryPolicy,
  retryTopicsFor,
  type ContractRetryPolicy,
  type RetryStage,
} from '../../contract-conventions/index.js';
import { memberLocationOf, type OperationModel, type Registry, type SourceLocation } from './registry.js';

export const DEAD_LETTER_EXTENSION = 'x-dead-letter';
export const RETRY_EXTENSION = 'x-retry';

export interface ReceiveSettings {
  /** Kafka topic of this operation's dead letters (the channel's address, or the topic named directly). */
  readonly deadLetterTopic?: string;
  /**
   * The contract's retry policy, as written (seconds, nested strategy) except that `channels` are topic names
   * (a `$ref` is resolved to its channel's address); the runtime converts it.
   */
  readonly retry?: ContractRetryPolicy;
  /** The retry topics `x-retry.delays` declares, in order (absent: retries stay in place). */
  readonly retryTopics?: readonly RetryStage[];
}

export interface ReceiveSettingsProblem {
  readonly at: SourceLocation;
  readonly message: string;
  readonly hint: string;
}

const STRATEGY_TYPES: readonly string[] = ['fixed', 'linear', 'exponential'];
/** Numeric fields of `x-retry.strategy`, per the proposal; anything else there is most likely a typo. */
const STRATEGY_NUMBERS: readonly string[] = [
  'delaySeconds',
  'initialDelaySeconds',
  'incrementSeconds',
  'multiplier',
  'maxDelaySeconds',
];
/** The proposal's single retry channel: evc has one retry topic per delay instead (`delays`, `channels`). */
const SINGLE_RETRY_CHANNEL_FIELDS: readonly string[] = ['channel', 'messages'];
const RETRY_FIELDS: readonly string[] = ['maxAttempts', 'strategy', 'delays', 'channels'];

export interface ReceiveSettingsResult {
  /** Only the settings that are valid; an invalid one is left out (and reported in `problems`). */
  readonly settings: ReceiveSettings;
  readonly problems: readonly ReceiveSettingsProblem[];
}

export function receiveSettingsOf(operation: OperationModel): ReceiveSettingsResult {
  const problems: ReceiveSettingsProblem[] = [];
  const deadLetter = operation.extensions[DEAD_LETTER_EXTENSION];
  const retry = operation.extensions[RETRY_EXTENSION];
  if (operation.action !== 'receive') {
    for (const [name, value] of [
      [DEAD_LETTER_EXTENSION, deadLetter],
      [RETRY_EXTENSION, retry],
    ] as const) {
      if (value !== undefined) {
        problems.push({
          at: memberLocationOf(operation.extensions, name) ?? operation.location,
          message: `operation "${operation.id}" sends; ${name} applies only to receive operations`,
          hint: `move ${name} to the receive operation of the consuming service`,
        });
      }
    }
    return { settings: {}, problems };
  }
  const deadLetterTopic = deadLetter === undefined ? undefined : readDeadLetterTopic(operation, deadLetter, problems);
  const retryPolicy = retry === undefined ? undefined : readRetry(operation, retry, problems);
  const retryTopics =
    retryPolicy === undefined ? undefined : readRetryTopics(operation, retryPolicy, deadLetterTopic, problems);
  const usable = retryTopics === null ? undefined : retryPolicy;
  return {
    settings: {
      ...(deadLetterTopic === undefined ? {} : { deadLetterTopic }),
      ...(usable === undefined ? {} : { retry: usable }),
      ...(retryTopics === null || retryTopics === undefined ? {} : { retryTopics }),
    },
    problems,
  };
}

/** Every retry topic a receiver of the registry forwards to, with the source topic it stands for. */
export function retryTopicsOf(registry: Registry): Map<string, { readonly source: string; readonly delayMs: number }> {
  const out = new Map<string, { readonly source: string; readonly delayMs: number }>();
  for (const service of registry.services)
    for (const operation of service.operations) {
      if (operation.action !== 'receive') continue;
      for (const stage of receiveSettingsOf(operation).settings.retryTopics ?? [])
        if (!out.has(stage.topic)) out.set(stage.topic, { source: operation.topic, delayMs: stage.delayMs });
    }
  return out;
}

/** Where a receive operation's dead letters go: its valid x-dead-letter, else the runtime's default (`<topic>-dlt`). */
export function deadLetterTopicOf(operation: OperationModel): string {
  return receiveSettingsOf(operation).settings.deadLetterTopic ?? deadLetterTopicFor(operation.topic, undefined);
}

/** Every topic a receiver of the registry sends its dead letters to. */
export function deadLetterTopicsOf(registry: Registry): Set<string> {
  return new Set(
    registry.services.flatMap((service) =>
      service.operations.filter((operation) => operation.action === 'receive').map(deadLetterTopicOf),
    ),
  );
}

function readDeadLetterTopic(
  operation: OperationModel,
  deadLetter: unknown,
  problems: ReceiveSettingsProblem[],
): string | undefined {
  const at = memberLocationOf(operation.extensions, DEAD_LETTER_EXTENSION) ?? operation.location;
  const channelAt = memberLocationOf(deadLetter, 'channel') ?? at;
  const channel = isObject(deadLetter) ? deadLetter['channel'] : undefined;
  // `channel` is a `$ref` to the dead-letter channel (resolved by the loader to the channel object)
  // or, more simply, the topic name itself.
  const topic = channelTopic(channel);
  if (topic === undefined) {
    problems.push({
      at: channelAt,
      message: `${DEAD_LETTER_EXTENSION} of "${operation.id}" names no dead-letter topic`,
      hint: `write ${DEAD_LETTER_EXTENSION}: { channel: { $ref: '#/channels/<dead-letter channel>' } } (a channel with an address) or ${DEAD_LETTER_EXTENSION}: { channel: <topic> }`,
    });
    return undefined;
  }
  if (topic === operation.topic) {
    problems.push({
      at: channelAt,
      message: `${DEAD_LETTER_EXTENSION} of "${operation.id}" is the topic it consumes ("${topic}"): every dead letter would be consumed and fail again`,
      hint: `use a topic of its own, e.g. "${topic}-dlt"`,
    });
    return undefined;
  }
  return topic;
}

function readRetry(
  operation: OperationModel,
  node: unknown,
  problems: ReceiveSettingsProblem[],
): ContractRetryPolicy | undefined {
  const at = memberLocationOf(operation.extensions, RETRY_EXTENSION) ?? operation.location;
  const problem = (message: string, hint: string, where: SourceLocation | undefined = at): undefined => {
    problems.push({ at: where ?? at, message: `${RETRY_EXTENSION} of "${operation.id}": ${message}`, hint });
    return undefined;
  };
  if (!isObject(node))
    return problem(
      'must be an object with maxAttempts and strategy',
      'e.g. { maxAttempts: 5, strategy: { type: exponential, initialDelaySeconds: 0.2, multiplier: 2 } }',
    );
  // memberLocationOf needs the loaded node; `retry` may become a copy with resolved channels.
  let retry: Record<string, unknown> = node;
  const source = node;
  for (const field of SINGLE_RETRY_CHANNEL_FIELDS) {
    if (retry[field] !== undefined)
      return problem(
        `${field} declares a single retry channel; evc retries through one topic per delay`,
        `write delays: [1s, 10s, 1m] (topics <topic>-retry-0, -1, …) and, to name them yourself, channels: [one per delay]`,
        memberLocationOf(source, field),
      );
  }
  for (const name of Object.keys(retry)) {
    if (!RETRY_FIELDS.includes(name) && !name.startsWith('x-'))
      return problem(
        `unknown field "${name}"`,
        `x-retry fields are ${RETRY_FIELDS.join(', ')}`,
        memberLocationOf(source, name),
      );
  }
  const channels = retry['channels'];
  if (channels !== undefined) {
    if (!Array.isArray(channels))
      return problem(
        'channels must be a list, one retry channel per delay',
        "e.g. channels: [{ $ref: '#/channels/ordersRetry0' }, orders-retry-1]",
        memberLocationOf(source, 'channels'),
      );
    const topics: string[] = [];
    for (const [index, channel] of channels.entries()) {
      const topic = channelTopic(channel);
      if (topic === undefined)
        return problem(
          `channels[${index}] names no topic`,
          'a channel $ref (with an address) or a topic name',
          memberLocationOf(channels, String(index)) ?? memberLocationOf(source, 'channels'),
        );
      topics.push(topic);
    }
    retry = { ...retry, channels: topics };
  }
  if (retry['maxAttempts'] !== undefined && typeof retry['maxAttempts'] !== 'number')
    return problem(
      'maxAttempts must be a number',
      'e.g. maxAttempts: 5 (handler calls in total, the first included)',
      memberLocationOf(source, 'maxAttempts'),
    );
  const strategy = retry['strategy'];
  if (strategy !== undefined) {
    if (!isObject(strategy))
      return problem(
        'strategy must be an object',
        `e.g. strategy: { type: exponential, initialDelaySeconds: 0.2, multiplier: 2 }`,
        memberLocationOf(source, 'strategy'),
      );
    const type = strategy['type'];
    if (type !== undefined && (typeof type !== 'string' || !STRATEGY_TYPES.includes(type)))
      return problem(
        `strategy type must be one of ${STRATEGY_TYPES.join(', ')}, got ${JSON.stringify(type)}`,
        'fixed waits delaySeconds; linear adds incrementSeconds; exponential multiplies by multiplier',
        memberLocationOf(strategy, 'type'),
      );
    for (const [name, value] of Object.entries(strategy)) {
      if (name === 'type' || name.startsWith('x-')) continue;
      if (!STRATEGY_NUMBERS.includes(name))
        return problem(
          `strategy has an unknown field "${name}"`,
          `strategy fields are type, ${STRATEGY_NUMBERS.join(', ')}`,
          memberLocationOf(strategy, name),
        );
      if (typeof value !== 'number' || !Number.isFinite(value))
        return problem(
          `strategy ${name} must be a number${name === 'multiplier' ? '' : ' of seconds'}, got ${JSON.stringify(value)}`,
          `e.g. ${name}: ${name === 'multiplier' ? 2 : 0.5}`,
          memberLocationOf(strategy, name),
        );
      if (name === 'multiplier' ? value < 1 : value < 0)
        return problem(
          `strategy ${name} must be ${name === 'multiplier' ? '≥ 1' : '≥ 0 seconds'}, got ${value}`,
          name === 'multiplier' ? 'a multiplier below 1 would shrink the waits' : 'a negative wait is no wait',
          memberLocationOf(strategy, name),
        );
    }
  }
  const delays = retry['delays'];
  if (
    delays !== undefined &&
    !(Array.isArray(delays) && delays.every((d) => typeof d === 'string' || typeof d === 'number'))
  )
    return problem(
      'delays must be a list of durations',
      'e.g. delays: [1s, 10s, 1m] (ms, s, m, h; a number is seconds)',
      memberLocationOf(source, 'delays'),
    );
  const policy = retry as ContractRetryPolicy;
  try {
    // The runtime's own check, so lint refuses exactly what a receiver would refuse at start.
    resolveRetryPolicy({ ...policy, strategy: policy.strategy ?? {} });
  } catch (error) {
    return problem(
      error instanceof Error ? error.message.replace(/^retry\./, '') : String(error),
      'maxAttempts is an integer ≥ 1, delays are ≥ 0 seconds, multiplier is ≥ 1',
      memberLocationOf(source, 'maxAttempts'),
    );
  }
  return policy;
}

/**
 * The retry stages of a valid x-retry, checked against the receiver's own topics: undefined when it declares
 * none, null when they cannot run (reported in `problems`).
 */
function readRetryTopics(
  operation: OperationModel,
  retry: ContractRetryPolicy,
  deadLetterTopic: string | undefined,
  problems: ReceiveSettingsProblem[],
): readonly RetryStage[] | undefined | null {
  const at = memberLocationOf(operation.extensions, RETRY_EXTENSION) ?? operation.location;
  const retryNode = operation.extensions[RETRY_EXTENSION];
  const where = (field: string) => memberLocationOf(retryNode, field) ?? at;
  let stages: RetryStage[] | undefined;
  try {
    stages = retryTopicsFor(operation.topic, retry);
  } catch (error) {
    problems.push({
      at: where(retry.channels === undefined ? 'delays' : 'channels'),
      message: `${RETRY_EXTENSION} of "${operation.id}": ${error instanceof Error ? error.message : String(error)}`,
      hint: 'delays: a non-empty list like [1s, 10s, 1m]; channels (optional): one distinct topic per delay',
    });
    return null;
  }
  if (stages === undefined) return undefined;
  const dlt = deadLetterTopic ?? deadLetterTopicFor(operation.topic, undefined);
  const clash = stages.find((stage) => stage.topic === dlt);
  if (clash !== undefined) {
    problems.push({
      at: where('channels'),
      message: `${RETRY_EXTENSION} of "${operation.id}": retry topic "${clash.topic}" is its dead-letter topic`,
      hint: 'dead letters and retries need topics of their own',
    });
    return null;
  }
  return stages;
}

/** A `channel` value: a `$ref` resolved to the channel object (its address), or a topic name. */
function channelTopic(channel: unknown): string | undefined {
  const topic =
    typeof channel === 'string'
      ? channel
      : isObject(channel) && typeof channel['address'] === 'string'
        ? channel['address']
        : undefined;
  return topic === '' ? undefined : topic;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
