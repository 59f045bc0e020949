// Everything the emitters need decided once for the whole registry: unique names for messages,
// descriptors, services and files, and which service sends or receives what on which topic.
import type { MessageModel, Registry, ServiceModel } from '../model/registry.js';
import { receiveSettingsOf, type ReceiveSettings } from '../model/receive-settings.js';
import { NameAllocator, camelCase, kebabCase, pascalCase } from './naming.js';
import { assignTypeNames, type TypeNames } from './type-names.js';

export interface DescriptorPlan {
  readonly message: MessageModel;
  readonly topic: string;
  /** Exported const name of the MessageDescriptor, e.g. `RouteCalculatedMessage`. */
  readonly constName: string;
  /** Service whose contract owns the message (its sender, else where it is defined). */
  readonly owner: ServiceModel | undefined;
}

export interface ServicePlan {
  readonly service: ServiceModel;
  /** PascalCase base, e.g. `Routing` → `RoutingProducer`, `RoutingConsumer`. */
  readonly className: string;
  /** camelCase base for functions, e.g. `routingRoutes`. */
  readonly functionName: string;
  readonly fileName: string;
  readonly sends: readonly DescriptorPlan[];
  /** What the service consumes, with the delivery settings of the receive operation that declares it. */
  readonly receives: readonly (DescriptorPlan & ReceiveSettings)[];
}

export interface GenerationPlan {
  readonly registry: Registry;
  readonly messageBase: ReadonlyMap<MessageModel, string>;
  readonly validatorFiles: ReadonlyMap<MessageModel, string>;
  readonly types: TypeNames;
  readonly descriptors: readonly DescriptorPlan[];
  readonly services: readonly ServicePlan[];
}

export function planGeneration(registry: Registry): GenerationPlan {
  const messageNames = new NameAllocator();
  const files = new NameAllocator(['index', 'types', 'messages']);
  const messageBase = new Map<MessageModel, string>();
  const validatorFiles = new Map<MessageModel, string>();
  for (const message of registry.messages) {
    const base = messageNames.claim(pascalCase(message.name, 'Message'));
    messageBase.set(message, base);
    validatorFiles.set(message, files.claim(kebabCase(base, 'message')));
  }
  const types = assignTypeNames(registry, messageBase);

  const senders = new Map<MessageModel, ServiceModel>();
  for (const service of registry.services)
    for (const op of service.operations)
      if (op.action === 'send') for (const m of op.messages) if (!senders.has(m)) senders.set(m, service);
  const definedIn = (m: MessageModel): ServiceModel | undefined =>
    senders.get(m) ??
    registry.services.find((s) => s.file === m.definition.file) ??
    registry.services.find((s) => s.operations.some((o) => o.messages.includes(m)));

  // One descriptor per (message, topic); the common case of one topic keeps the short name.
  const constNames = new NameAllocator();
  const descriptors: DescriptorPlan[] = [];
  const descriptorOf = new Map<string, DescriptorPlan>();
  const topicsOf = new Map<MessageModel, string[]>();
  for (const topic of registry.topics)
    for (const m of topic.messages.values()) topicsOf.set(m, [...(topicsOf.get(m) ?? []), topic.address]);
  for (const service of registry.services)
    for (const op of service.operations)
      for (const m of op.messages)
        if (!(topicsOf.get(m) ?? []).includes(op.topic)) topicsOf.set(m, [...(topicsOf.get(m) ?? []), op.topic]);
  for (const message of registry.messages) {
    const base = messageBase.get(message)!;
    const topics = [...new Set(topicsOf.get(message) ?? [])].sort();
    const primary = senderTopic(registry, message) ?? topics[0];
    for (const topic of primary ? [primary, ...topics.filter((t) => t !== primary)] : []) {
      const constName = constNames.claim(topic === primary ? `${base}Message` : `${base}On${pascalCase(topic)}Message`);
      const plan: DescriptorPlan = { message, topic, constName, owner: definedIn(message) };
      descriptors.push(plan);
      descriptorOf.set(`${constName}`, plan);
      descriptorOf.set(key(message, topic), plan);
    }
  }

  const serviceNames = new NameAllocator();
  const services: ServicePlan[] = registry.services.map((service) => {
    const className = serviceNames.claim(pascalCase(service.name, 'Service'));
    const sends: DescriptorPlan[] = [];
    const receives: (DescriptorPlan & ReceiveSettings)[] = [];
    for (const op of service.operations) {
      for (const message of op.messages) {
        const plan = descriptorOf.get(key(message, op.topic));
        if (!plan) continue;
        if (op.action === 'send') {
          if (!sends.includes(plan)) sends.push(plan);
        } else if (!receives.some((r) => r.constName === plan.constName)) {
          receives.push({ ...plan, ...receiveSettingsOf(op).settings });
        }
      }
    }
    const byName = (a: DescriptorPlan, b: DescriptorPlan): number =>
      a.constName < b.constName ? -1 : a.constName > b.constName ? 1 : 0;
    return {
      service,
      className,
      functionName: camelCase(className),
      fileName: files.claim(kebabCase(className, 'service')),
      sends: sends.sort(byName),
      receives: receives.sort(byName),
    };
  });
  return { registry, messageBase, validatorFiles, types, descriptors, services };
}

function key(message: MessageModel, topic: string): string {
  return `${message.definition.file}:${message.definitionPointer}:${message.name}\u0000${topic}`;
}

function senderTopic(registry: Registry, message: MessageModel): string | undefined {
  const topics = registry.services
    .flatMap((s) => s.operations.filter((o) => o.action === 'send' && o.messages.includes(message)).map((o) => o.topic))
    .sort();
  return topics[0];
}
