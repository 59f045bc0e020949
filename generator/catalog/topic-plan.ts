// The Kafka topics a registry needs: every channel address, with the partitions, replicas and
// topic configuration its Kafka binding declares, every dead-letter topic its receivers use
// (x-dead-letter, else `<topic>-dlt`) and every retry topic (x-retry.delays, `<topic>-retry-<n>`). Dead-letter
// and retry topics get their source topic's partitions and replicas, so a record keeps its key's partition
// and the same durability; retention is left to the broker default, because dead letters wait for people.
// Pure: `evc topics` prints the plan or hands it to the runtime to create what is missing.
import { locationOf, type Registry, type SourceLocation } from '../model/registry.js';
import { deadLetterTopicOf, retryTopicsOf } from '../model/receive-settings.js';
import { setOwnProperty } from '../../contract-conventions/index.js';

export interface PlannedTopic {
  readonly topic: string;
  readonly purpose: 'events' | 'dead letters' | 'retries';
  /** For dead-letter topics: the topics whose dead letters land here. */
  readonly deadLettersOf?: readonly string[];
  /** For retry topics: the topic whose failed deliveries wait here, and how long (ms). */
  readonly retriesOf?: { readonly topic: string; readonly delayMs: number };
  readonly partitions?: number;
  readonly replicas?: number;
  /** Topic-level configs (`retention.ms`, `cleanup.policy`, …) as Kafka expects them: strings. */
  readonly config: Readonly<Record<string, string>>;
  readonly declaredAt?: SourceLocation;
}

export interface BindingProblem {
  readonly at: SourceLocation | undefined;
  readonly message: string;
}

export interface TopicPlan {
  readonly topics: readonly PlannedTopic[];
  /** Binding values that cannot become topic settings (not a positive integer, a nested object); left out of the plan. */
  readonly problems: readonly BindingProblem[];
}

export function planTopics(registry: Registry): TopicPlan {
  const problems: BindingProblem[] = [];
  const planned = new Map<string, PlannedTopic>();
  for (const topic of registry.topics) {
    const binding = topic.kafka ?? {};
    const at = locationOf(topic.kafka) ?? topic.location;
    const partitions = positiveInteger(binding['partitions'], `${topic.address}: partitions`, at, problems);
    const replicas = positiveInteger(binding['replicas'], `${topic.address}: replicas`, at, problems);
    planned.set(topic.address, {
      topic: topic.address,
      purpose: 'events',
      ...(partitions === undefined ? {} : { partitions }),
      ...(replicas === undefined ? {} : { replicas }),
      config: topicConfig(topic.address, binding['topicConfiguration'], at, problems),
      declaredAt: topic.location,
    });
  }
  const deadLetters = new Map<string, Set<string>>();
  for (const service of registry.services) {
    for (const operation of service.operations) {
      if (operation.action !== 'receive') continue;
      const target = deadLetterTopicOf(operation);
      const sources = deadLetters.get(target) ?? new Set<string>();
      sources.add(operation.topic);
      deadLetters.set(target, sources);
    }
  }
  for (const [topic, sources] of deadLetters) {
    if (planned.has(topic)) continue; // declared as a channel of its own: its binding rules
    const source = planned.get([...sources].sort()[0]!);
    planned.set(topic, {
      topic,
      purpose: 'dead letters',
      deadLettersOf: [...sources].sort(),
      ...(source?.partitions === undefined ? {} : { partitions: source.partitions }),
      ...(source?.replicas === undefined ? {} : { replicas: source.replicas }),
      config: {},
    });
  }
  for (const [topic, { source, delayMs }] of retryTopicsOf(registry)) {
    if (planned.has(topic)) continue; // declared as a channel of its own: its binding rules
    const sourceTopic = planned.get(source);
    planned.set(topic, {
      topic,
      purpose: 'retries',
      retriesOf: { topic: source, delayMs },
      ...(sourceTopic?.partitions === undefined ? {} : { partitions: sourceTopic.partitions }),
      ...(sourceTopic?.replicas === undefined ? {} : { replicas: sourceTopic.replicas }),
      config: {},
    });
  }
  return {
    topics: [...planned.values()].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0)),
    problems,
  };
}

function positiveInteger(
  value: unknown,
  what: string,
  at: SourceLocation | undefined,
  problems: BindingProblem[],
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  problems.push({
    at,
    message: `${what} must be a positive integer, got ${JSON.stringify(value)}; the broker default is used`,
  });
  return undefined;
}

/** The binding's `topicConfiguration`, as Kafka topic configs (lists comma-joined, as Kafka writes them). */
function topicConfig(
  topic: string,
  configuration: unknown,
  at: SourceLocation | undefined,
  problems: BindingProblem[],
): Record<string, string> {
  const out: Record<string, string> = {};
  if (configuration === undefined) return out;
  if (typeof configuration !== 'object' || configuration === null || Array.isArray(configuration)) {
    problems.push({ at, message: `${topic}: topicConfiguration must be an object of Kafka topic configs` });
    return out;
  }
  for (const [name, value] of Object.entries(configuration)) {
    if (name.startsWith('x-')) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      setOwnProperty(out, name, String(value));
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
      setOwnProperty(out, name, value.join(','));
    else
      problems.push({
        at,
        message: `${topic}: topicConfiguration ${name} is not a string, number, boolean or list of strings`,
      });
  }
  return out;
}
