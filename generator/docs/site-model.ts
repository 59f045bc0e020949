// What the documentation site says, before any HTML: every message with its topics, key, headers,
// payload rows, example, sender, receivers (dead-letter topic and retry settings), compatibility
// level and release history; every service and topic; the graph. Built from the registry model,
// the catalog behind `evc registry` and the lockfile; pure, so the same contracts give the same site.
import { buildCatalog, type CatalogEntry } from '../catalog/catalog.js';
import { messageLevel } from '../compat/config.js';
import type { CompatibilityConfig } from '../compat/config.js';
import type { Lockfile } from '../compat/history/lockfile.js';
import type { CompatibilityLevel } from '../compat/levels.js';
import { SchemaChecker } from '../compat/schema-check.js';
import type { RegistrySnapshot } from '../compat/snapshot.js';
import { kebabCase, NameAllocator } from '../emit/naming.js';
import { receiveSettingsOf } from '../model/receive-settings.js';
import type { MessageModel, Registry, ServiceModel, TopicModel } from '../model/registry.js';
import {
  formatRetryDelay,
  resolveRetryPolicy,
  type RetrySettings,
  type RetryStage,
} from '../../contract-conventions/index.js';
import { messageExample, type MessageExample } from './example-payload.js';
import type { GraphInput } from './graph.js';
import { releaseHistory, type ReleaseHistory } from './release-history.js';
import { schemaSections, type SchemaSection } from './schema-table.js';

export interface PageLink {
  readonly name: string;
  readonly href: string;
}

export interface ReceiverView {
  readonly service: PageLink;
  readonly topic: string;
  readonly deadLetterTopic: string;
  /** How failing handlers are retried, in words; `declared` tells the contract's x-retry from the runtime default. */
  readonly retry: string;
  readonly retryDeclared: boolean;
}

export interface MessageView {
  readonly link: PageLink;
  readonly message: MessageModel;
  readonly entry: CatalogEntry;
  readonly topics: readonly PageLink[];
  readonly senders: readonly (PageLink & { readonly team?: string })[];
  readonly receivers: readonly ReceiverView[];
  readonly key?: readonly SchemaSection[];
  readonly headers?: readonly SchemaSection[];
  readonly payload?: readonly SchemaSection[];
  readonly example: MessageExample;
  readonly level: CompatibilityLevel;
  readonly levelDeclared: boolean;
  readonly history: ReleaseHistory;
  /** Lower-case words the index search matches: names, topics, services, property names. */
  readonly searchText: string;
}

export interface ServiceView {
  readonly link: PageLink;
  readonly service: ServiceModel;
  readonly sends: readonly { readonly topic: PageLink; readonly messages: readonly PageLink[] }[];
  readonly receives: readonly {
    readonly topic: PageLink;
    readonly messages: readonly PageLink[];
    readonly deadLetterTopic: string;
  }[];
  readonly searchText: string;
}

export interface TopicView {
  readonly link: PageLink;
  readonly topic: TopicModel;
  readonly messages: readonly PageLink[];
  readonly senders: readonly PageLink[];
  readonly receivers: readonly PageLink[];
  readonly searchText: string;
}

export interface SiteModel {
  /** What the site documents, e.g. `contracts`. */
  readonly title: string;
  readonly defaultLevel: CompatibilityLevel;
  readonly hasHistory: boolean;
  readonly messages: readonly MessageView[];
  readonly services: readonly ServiceView[];
  readonly topics: readonly TopicView[];
  /** Released messages no longer in the contracts (their history stays in the lockfile). */
  readonly removed: readonly CatalogEntry[];
  readonly graph: GraphInput;
}

export interface SiteInput {
  readonly title: string;
  readonly registry: Registry;
  readonly snapshot: RegistrySnapshot;
  readonly history: Lockfile | undefined;
  readonly config: CompatibilityConfig;
}

export function buildSiteModel(input: SiteInput): SiteModel {
  const { registry, snapshot, history, config } = input;
  const catalog = buildCatalog(registry, snapshot, history);
  const links = new SiteLinks(registry);
  const schemas = new SchemaChecker();
  const entries = new Map(catalog.entries.map((entry) => [entry.message, entry]));
  const teams = new Map(registry.services.map((service) => [service.name, service.owner]));
  const operations = new Map(
    registry.services.flatMap((service) =>
      service.operations.map((operation) => [
        `${service.name}\u0000${operation.topic}\u0000${operation.action}`,
        operation,
      ]),
    ),
  );

  const messages = registry.messages.map((message): MessageView => {
    const entry = entries.get(message.name)!;
    const declared = messageLevel(message);
    const level = declared ?? config.compatibility;
    const receivers = entry.receivers.map((receiver): ReceiverView => {
      const operation = operations.get(`${receiver.service}\u0000${receiver.topic}\u0000receive`);
      const retry = operation === undefined ? undefined : receiveSettingsOf(operation).settings.retry;
      return {
        service: links.service(receiver.service),
        topic: receiver.topic,
        deadLetterTopic: receiver.deadLetterTopic,
        retry: retryText(retry, receiver.retryTopics),
        retryDeclared: retry !== undefined,
      };
    });
    const payload = message.payload === undefined ? undefined : schemaSections(message.payload);
    // Property names as written (`proofOfDelivery.signedBy`); rows for combinations and values have none.
    const propertyNames = (payload ?? []).flatMap((section) =>
      section.rows.map((row) => row.path).filter((p) => !p.startsWith('(') && !p.startsWith('[')),
    );
    return {
      link: links.message(message.name),
      message,
      entry,
      topics: entry.topics.map((topic) => links.topic(topic)),
      senders: entry.owners.map((owner) => {
        const team = teams.get(owner);
        return { ...links.service(owner), ...(team === undefined ? {} : { team }) };
      }),
      receivers,
      ...(message.key === undefined ? {} : { key: schemaSections(message.key) }),
      ...(message.headers === undefined ? {} : { headers: schemaSections(message.headers) }),
      ...(payload === undefined ? {} : { payload }),
      example: messageExample(message),
      level,
      levelDeclared: declared !== undefined,
      history: releaseHistory(message.name, history?.messages[message.name], snapshot.messages.get(message.name), {
        level: config.compatibility,
        mode: config.mode,
        schemas,
      }),
      searchText: searchWords([
        message.name,
        message.title,
        message.summary,
        ...entry.topics,
        ...entry.owners,
        ...entry.teams,
        ...entry.receivers.map((r) => r.service),
        ...propertyNames,
      ]),
    };
  });

  const flowsOf = groupBy(snapshot.flows, (flow) => flow.service);
  const flowsOn = groupBy(snapshot.flows, (flow) => flow.topic);
  const deadLetterTopics = new Map(
    messages.flatMap((view) => view.receivers.map((r) => [`${r.service.name}\u0000${r.topic}`, r.deadLetterTopic])),
  );
  const services = [...registry.services]
    .sort((a, b) => compare(a.name, b.name))
    .map((service): ServiceView => {
      const byTopic = (action: 'send' | 'receive') => {
        const topics = new Map<string, Set<string>>();
        for (const flow of flowsOf.get(service.name) ?? [])
          if (flow.action === action) topics.set(flow.topic, (topics.get(flow.topic) ?? new Set()).add(flow.message));
        return [...topics.entries()]
          .sort(([a], [b]) => compare(a, b))
          .map(([topic, names]) => ({
            topic: links.topic(topic),
            messages: [...names].sort(compare).map((name) => links.message(name)),
          }));
      };
      const receives = byTopic('receive').map((row) => ({
        ...row,
        deadLetterTopic: deadLetterTopics.get(`${service.name}\u0000${row.topic.name}`) ?? '',
      }));
      const sends = byTopic('send');
      return {
        link: links.service(service.name),
        service,
        sends,
        receives,
        searchText: searchWords([
          service.name,
          service.title,
          service.owner,
          ...[...sends, ...receives].flatMap((row) => [row.topic.name, ...row.messages.map((m) => m.name)]),
        ]),
      };
    });

  const topics = registry.topics.map((topic): TopicView => {
    const flows = flowsOn.get(topic.address) ?? [];
    const servicesDoing = (action: 'send' | 'receive') =>
      [...new Set(flows.filter((flow) => flow.action === action).map((flow) => flow.service))]
        .sort(compare)
        .map((name) => links.service(name));
    const names = [...topic.messages.keys()].sort(compare);
    return {
      link: links.topic(topic.address),
      topic,
      messages: names.map((name) => links.message(name)),
      senders: servicesDoing('send'),
      receivers: servicesDoing('receive'),
      searchText: searchWords([topic.address, ...names, ...flows.map((flow) => flow.service)]),
    };
  });

  return {
    title: input.title,
    defaultLevel: config.compatibility,
    hasHistory: catalog.hasHistory,
    messages,
    services,
    topics,
    removed: catalog.entries.filter((entry) => entry.status === 'removed'),
    graph: graphOf(services, topics),
  };
}

function graphOf(services: readonly ServiceView[], topics: readonly TopicView[]): GraphInput {
  const nodes = [
    ...services.map((s) => ({
      id: `service:${s.link.name}`,
      kind: 'service' as const,
      label: s.link.name,
      href: s.link.href,
    })),
    ...topics.map((t) => ({
      id: `topic:${t.link.name}`,
      kind: 'topic' as const,
      label: t.link.name,
      href: t.link.href,
    })),
  ];
  const edges = topics.flatMap((t) => [
    ...t.senders.map((s) => ({ from: `service:${s.name}`, to: `topic:${t.link.name}` })),
    ...t.receivers.map((s) => ({ from: `topic:${t.link.name}`, to: `service:${s.name}` })),
  ]);
  return { nodes, edges };
}

/** Page file names: ASCII, unique even on case-insensitive file systems, stable for the same registry. */
class SiteLinks {
  private readonly messages = new Map<string, string>();
  private readonly services = new Map<string, string>();
  private readonly topics = new Map<string, string>();

  constructor(registry: Registry) {
    const files = new NameAllocator(['index']);
    const claim = (kind: string, names: readonly string[], into: Map<string, string>): void => {
      for (const name of [...names].sort(compare)) into.set(name, `${files.claim(`${kind}-${kebabCase(name)}`)}.html`);
    };
    claim(
      'message',
      registry.messages.map((m) => m.name),
      this.messages,
    );
    claim(
      'service',
      registry.services.map((s) => s.name),
      this.services,
    );
    claim(
      'topic',
      registry.topics.map((t) => t.address),
      this.topics,
    );
  }

  message(name: string): PageLink {
    return { name, href: this.messages.get(name) ?? 'index.html' };
  }
  service(name: string): PageLink {
    return { name, href: this.services.get(name) ?? 'index.html' };
  }
  topic(name: string): PageLink {
    return { name, href: this.topics.get(name) ?? 'index.html' };
  }
}

function retryText(retry: RetrySettings | undefined, retryTopics: readonly RetryStage[]): string {
  const policy = resolveRetryPolicy(retry);
  if (retryTopics.length > 0) {
    const stages = retryTopics.map((stage) => `${stage.topic} (after ${formatRetryDelay(stage.delayMs)})`);
    return `${policy.maxAttempts} attempt${policy.maxAttempts === 1 ? '' : 's'} per delivery, then retry topics ${stages.join(', ')}`;
  }
  const ms = (value: number): string => (value >= 1000 ? `${value / 1000} s` : `${value} ms`);
  const schedule =
    policy.strategy === 'fixed'
      ? `every ${ms(policy.initialDelayMs)}`
      : policy.strategy === 'linear'
        ? `from ${ms(policy.initialDelayMs)} plus ${ms(policy.incrementMs)} each time`
        : `from ${ms(policy.initialDelayMs)} ×${policy.multiplier}`;
  return `${policy.maxAttempts} attempt${policy.maxAttempts === 1 ? '' : 's'}, ${policy.strategy} backoff ${schedule}, at most ${ms(policy.maxDelayMs)}`;
}

function searchWords(words: readonly (string | undefined)[]): string {
  return [...new Set(words.filter((w): w is string => w !== undefined && w !== '').map((w) => w.toLowerCase()))].join(
    ' ',
  );
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
