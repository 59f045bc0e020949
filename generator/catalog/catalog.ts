// The registry as people browse it: every message with the topics it travels on, the service that
// owns it (sends it) and that service's team, the services that receive it and where their dead
// letters go, where it is defined, and its release history from `evc.lock.yaml` — including whether
// the contracts changed it since the last release. Pure: the command reads the files.
import { normalizedVersion, type Lockfile } from '../compat/history/lockfile.js';
import { servicesDoing, topicsOf, type RegistrySnapshot } from '../compat/snapshot.js';
import { deadLetterTopicFor, type RetryStage } from '../../contract-conventions/index.js';
import { deadLetterTopicOf, receiveSettingsOf } from '../model/receive-settings.js';
import type { Registry, SourceLocation } from '../model/registry.js';

/**
 * - `released`: the contracts hold the last released version.
 * - `changed`: released before, changed in the contracts since (`evc release` records the change).
 * - `unreleased`: in the contracts, never released.
 * - `removed`: released before, no longer in the contracts (its history stays in the lockfile).
 */
export type ReleaseStatus = 'released' | 'changed' | 'unreleased' | 'removed';

export interface Receiver {
  readonly service: string;
  readonly topic: string;
  /** Where this service's consumer sends the message's dead letters: its x-dead-letter, else `<topic>-dlt`. */
  readonly deadLetterTopic: string;
  /** The retry topics its x-retry.delays declares, in order (empty: retries stay in place). */
  readonly retryTopics: readonly RetryStage[];
}

export interface CatalogEntry {
  readonly message: string;
  readonly summary?: string;
  readonly topics: readonly string[];
  /** Services that send it (one per topic in a lint-clean registry). */
  readonly owners: readonly string[];
  /** The owning services' teams (`info.x-owner` or the first contact name), when declared. */
  readonly teams: readonly string[];
  readonly receivers: readonly Receiver[];
  readonly definedAt?: SourceLocation;
  /** Released version numbers, oldest first. */
  readonly versions: readonly number[];
  readonly status: ReleaseStatus;
}

export interface Catalog {
  readonly entries: readonly CatalogEntry[];
  readonly services: number;
  readonly topics: number;
  /** Whether a lockfile was found (without one every message is `unreleased`). */
  readonly hasHistory: boolean;
}

export function buildCatalog(registry: Registry, snapshot: RegistrySnapshot, history: Lockfile | undefined): Catalog {
  const entries: CatalogEntry[] = [];
  const teamOf = new Map(registry.services.map((service) => [service.name, service.owner]));
  const delivery = deliveryByReceiver(registry);
  for (const message of registry.messages) {
    const name = message.name;
    const current = snapshot.messages.get(name);
    const released = history?.messages[name]?.versions ?? [];
    const last = released[released.length - 1];
    const topics = topicsOf(snapshot, name);
    const owners = [...new Set(topics.flatMap((topic) => servicesDoing(snapshot, 'send', name, topic)))].sort();
    const receivers = topics.flatMap((topic) =>
      servicesDoing(snapshot, 'receive', name, topic).map((service) => ({
        service,
        topic,
        deadLetterTopic:
          delivery.get(`${service}\u0000${topic}`)?.deadLetterTopic ?? deadLetterTopicFor(topic, undefined),
        retryTopics: delivery.get(`${service}\u0000${topic}`)?.retryTopics ?? [],
      })),
    );
    const status: ReleaseStatus =
      last === undefined
        ? 'unreleased'
        : current !== undefined && normalizedVersion(current).hash === last.hash
          ? 'released'
          : 'changed';
    entries.push({
      message: name,
      ...(message.summary === undefined ? {} : { summary: message.summary }),
      topics,
      owners,
      teams: [
        ...new Set(owners.map((owner) => teamOf.get(owner)).filter((team): team is string => team !== undefined)),
      ].sort(),
      receivers: receivers.sort((a, b) => compare(a.service, b.service) || compare(a.topic, b.topic)),
      definedAt: message.definition,
      versions: released.map((version) => version.version),
      status,
    });
  }
  for (const [name, locked] of Object.entries(history?.messages ?? {})) {
    if (registry.messages.some((message) => message.name === name)) continue;
    entries.push({
      message: name,
      topics: [],
      owners: [],
      teams: [],
      receivers: [],
      versions: locked.versions.map((version) => version.version),
      status: 'removed',
    });
  }
  return {
    entries: entries.sort((a, b) => compare(a.message, b.message)),
    services: registry.services.length,
    topics: registry.topics.length,
    hasHistory: history !== undefined,
  };
}

/** `service \0 topic` → where that service's receiver retries and dead-letters the topic's records. */
function deliveryByReceiver(
  registry: Registry,
): Map<string, { readonly deadLetterTopic: string; readonly retryTopics: readonly RetryStage[] }> {
  const out = new Map<string, { readonly deadLetterTopic: string; readonly retryTopics: readonly RetryStage[] }>();
  for (const service of registry.services) {
    for (const operation of service.operations) {
      if (operation.action === 'receive')
        out.set(`${service.name}\u0000${operation.topic}`, {
          deadLetterTopic: deadLetterTopicOf(operation),
          retryTopics: receiveSettingsOf(operation).settings.retryTopics ?? [],
        });
    }
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
