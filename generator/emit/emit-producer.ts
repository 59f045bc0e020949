// Emits a service's typed producer: one method per message it sends. The method fixes the topic
// (through the descriptor), requires the key when the contract declares one and types headers.
import type { JsonSchema } from '../model/registry.js';
import type { GenerationPlan, ServicePlan } from './plan.js';
import { block, Code, docComment, ident, join, literal, ts } from './printer.js';

export function eventType(plan: GenerationPlan, descriptor: ServicePlan['sends'][number]): Code {
  const names = plan.types.messages.get(descriptor.message)!;
  const fields = [ts`readonly payload: ${ident(names.payload)}`];
  if (names.key) fields.push(ts`readonly key: ${ident(names.key)}`);
  if (names.headers)
    fields.push(
      hasRequired(descriptor.message.headers)
        ? ts`readonly headers: ${ident(names.headers)}`
        : ts`readonly headers?: ${ident(names.headers)}`,
    );
  return ts`{ ${join(fields, '; ')} }`;
}

function hasRequired(schema: JsonSchema | undefined): boolean {
  return typeof schema === 'object' && Array.isArray(schema.required) && schema.required.length > 0;
}

export function emitProducer(plan: GenerationPlan, service: ServicePlan): Code {
  if (service.sends.length === 0) return ts``;
  const methods = service.sends.map((descriptor) => {
    const method = descriptor.constName.replace(/Message$/, '');
    const event = eventType(plan, descriptor);
    const doc = docComment(
      [
        `Publishes ${descriptor.message.name} on ${descriptor.topic}; validates it first and throws ` +
          `EventValidationError without sending when it breaks the contract.`,
        descriptor.message.summary,
      ],
      '  ',
    );
    const batchDoc = docComment(
      [`Publishes several ${descriptor.message.name} events in one request (all are validated before any is sent).`],
      '  ',
    );
    return block`
      ${doc}  ${ident(`send${method}`)}(event: ${event}): Promise<void> {
          return this.sender.send(${ident(descriptor.constName)}, event);
        }

      ${batchDoc}  ${ident(`send${method}Batch`)}(events: readonly ${event}[]): Promise<void> {
          return this.sender.sendBatch(${ident(descriptor.constName)}, events);
        }
    `;
  });
  const doc = docComment([
    `Typed producer of ${service.service.name} ${service.service.version}: one method per message its contract sends.`,
    service.service.description,
  ]);
  return block`
    ${doc}export class ${ident(`${service.className}Producer`)} {
      private readonly sender: EventSender;

      constructor(sender: EventSender) {
        this.sender = sender;
      }

    ${join(methods, '\n')}}
  `;
}

export const topicsComment = (topics: readonly string[]): Code => literal(topics);
