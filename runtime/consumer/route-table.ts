// Which route a record belongs to: the `ce_type` header names the message; without it a
// discriminator field in the payload (`{ "type": "RouteCalculated", ... }`) does; without either,
// a topic that carries a single message needs no name at all.
import type { ConsumerRoute } from '../contract.js';
import { UnknownMessageTypeError } from '../errors.js';

interface TopicRoutes {
  readonly byName: ReadonlyMap<string, ConsumerRoute>;
  readonly names: readonly string[];
}

export class RouteTable {
  private readonly topics = new Map<string, TopicRoutes>();

  /**
   * `aliases` maps a topic to the topic whose routes handle its records (a retry topic to its source topic):
   * subscribed too, and identified as its source.
   */
  constructor(routes: readonly ConsumerRoute[], aliases: ReadonlyMap<string, string> = new Map()) {
    const byTopic = new Map<string, Map<string, ConsumerRoute>>();
    for (const route of routes) {
      const { topic, name } = route.descriptor;
      let byName = byTopic.get(topic);
      if (byName === undefined) {
        byName = new Map();
        byTopic.set(topic, byName);
      }
      if (byName.has(name))
        throw new Error(`two routes for message ${name} on topic ${topic}: one handler per message`);
      byName.set(name, route);
    }
    for (const [topic, byName] of byTopic) this.topics.set(topic, { byName, names: [...byName.keys()] });
    for (const [alias, source] of aliases) {
      const routesOfSource = this.topics.get(source);
      if (routesOfSource !== undefined && !this.topics.has(alias)) this.topics.set(alias, routesOfSource);
    }
  }

  /** Topics to subscribe, in route order. */
  subscribedTopics(): string[] {
    return [...this.topics.keys()];
  }

  /** Names of the messages consumed from a topic. */
  messageNames(topic: string): readonly string[] {
    return this.topics.get(topic)?.names ?? [];
  }

  /**
   * The route for a record; throws UnknownMessageTypeError (not retriable) when none fits.
   * `headerType` is the `ce_type` header, `payload` the decoded value (read for the discriminator).
   */
  identify(
    topic: string,
    headerType: string | undefined,
    payload: unknown,
    discriminator: string | undefined,
  ): ConsumerRoute {
    const routes = this.topics.get(topic);
    const names = routes?.names ?? [];
    if (routes === undefined) throw new UnknownMessageTypeError(topic, headerType, names);
    if (headerType !== undefined) {
      const route = routes.byName.get(headerType);
      if (route === undefined) throw new UnknownMessageTypeError(topic, headerType, names);
      return route;
    }
    const claimed = discriminator === undefined ? undefined : discriminatorOf(payload, discriminator);
    if (claimed !== undefined) {
      const route = routes.byName.get(claimed);
      if (route !== undefined) return route;
    }
    // A single-message topic: the record is that message or an invalid one (validation will tell).
    if (names.length === 1) return routes.byName.get(names[0]!)!;
    throw new UnknownMessageTypeError(topic, claimed, names);
  }
}

function discriminatorOf(payload: unknown, field: string): string | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  if (!Object.hasOwn(payload, field)) return undefined;
  const value = (payload as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}
