// Emits `services/<service>.ts`: the service's typed producer and consumer in one module.
import type { GenerationPlan, ServicePlan } from './plan.js';
import { emitProducer } from './emit-producer.js';
import { emitConsumer } from './emit-consumer.js';
import { fileHeader, ident, join, literal, ts } from './printer.js';

export function emitService(plan: GenerationPlan, service: ServicePlan, runtimeImport: string): string {
  const descriptors = [...new Set([...service.sends, ...service.receives].map((d) => d.constName))].sort();
  const typeNames = new Set<string>();
  for (const d of [...service.sends, ...service.receives]) {
    const names = plan.types.messages.get(d.message)!;
    for (const n of [names.payload, names.key, names.headers]) if (n) typeNames.add(n);
  }
  const runtimeTypes = [
    ...(service.sends.length ? ['EventSender'] : []),
    ...(service.receives.length ? ['ConsumerRoute', 'EventHandler', 'EventReceiver'] : []),
  ];
  const from = `${service.service.name} ${service.service.version} (AsyncAPI ${service.service.asyncapiVersion})`;
  const imports = [
    runtimeTypes.length
      ? ts`import type { ${join(runtimeTypes.map(ident), ', ')} } from ${literal(runtimeImport)};\n`
      : ts``,
    service.receives.length ? ts`import { route } from ${literal(runtimeImport)};\n` : ts``,
    descriptors.length
      ? ts`import { ${join(descriptors.map(ident), ', ')} } from ${literal('../messages.js')};\n`
      : ts``,
    typeNames.size
      ? ts`import type { ${join([...typeNames].sort().map(ident), ', ')} } from ${literal('../types.js')};\n`
      : ts``,
  ];
  const parts = [emitProducer(plan, service), emitConsumer(plan, service)].filter((c) => c.text !== '');
  const body = parts.length ? join(parts, '\n') : ts`export {};\n`;
  return ts`${fileHeader(from)}${imports}\n${body}`.text;
}
