// Emits a service's typed consumer: one handler per message it receives, dispatched by message
// type; each handler gets the validated, typed payload, key and headers.
import { deadLetterTopicFor, formatRetryDelay } from '../../contract-conventions/index.js';
import type { GenerationPlan, ServicePlan } from './plan.js';
import { block, Code, docComment, ident, join, literal, propertyKey, ts } from './printer.js';

export function handlerName(constName: string): string {
  return `on${constName.replace(/Message$/, '')}`;
}

export function emitConsumer(plan: GenerationPlan, service: ServicePlan): Code {
  if (service.receives.length === 0) return ts``;
  const handlers = service.receives.map((descriptor) => {
    const names = plan.types.messages.get(descriptor.message)!;
    const args = join(
      [
        ident(names.payload),
        names.key ? ident(names.key) : ts`undefined`,
        names.headers ? ident(names.headers) : ts`undefined`,
      ],
      ', ',
    );
    const doc = docComment(
      [
        `Handles ${descriptor.message.name} from ${descriptor.topic}. ${failureSentence(descriptor)}`,
        descriptor.message.summary,
      ],
      '  ',
    );
    return ts`${doc}  readonly ${propertyKey(handlerName(descriptor.constName))}: EventHandler<${args}>;\n`;
  });
  const routes = service.receives.map(
    (d) => ts`    route(${ident(d.constName)}, handlers.${ident(handlerName(d.constName))}${routeOptions(d)}),\n`,
  );
  const deadLetters = [
    ...new Map(service.receives.filter((r) => r.deadLetterTopic).map((r) => [r.topic, r.deadLetterTopic!])).entries(),
  ].sort(([a], [b]) => (a < b ? -1 : 1));
  const handlersType = ident(`${service.className}Handlers`);
  const routesFunction = ident(`${service.functionName}Routes`);
  const topics = [...new Set(service.receives.map((r) => r.topic))].sort().join(', ');
  const name = service.service.name;
  return join(
    [
      block`
        ${docComment([`The messages ${name} receives, one handler each.`])}export interface ${handlersType} {
        ${join(handlers, '')}}
      `,
      block`
        ${docComment([
          `Routes for ${name}'s consumer: which descriptor each handler gets, with the dead-letter topic and ` +
            `retry policy its receive operation declares (x-dead-letter, x-retry); these win over the receiver's ` +
            `defaults.`,
        ])}export function ${routesFunction}(handlers: ${handlersType}): readonly ConsumerRoute[] {
          return [
        ${routes}  ];
        }
      `,
      block`
        ${docComment([
          `Dead-letter topics ${name}'s contract declares per source topic (x-dead-letter), which its routes ` +
            `apply; topics not listed use "<topic>-dlt" unless the receiver is configured otherwise.`,
        ])}export const ${ident(`${service.functionName}DeadLetterTopics`)}: Readonly<Record<string, string>> = {
        ${deadLetters.map(([topic, dlt]) => ts`  ${literal(topic)}: ${literal(dlt)},\n`)}};
      `,
      block`
        ${docComment([
          `Typed consumer of ${name}: subscribes to ${topics} and dispatches each record to its handler.`,
        ])}export class ${ident(`${service.className}Consumer`)} {
          private readonly receiver: EventReceiver;
          private readonly handlers: ${handlersType};

          constructor(receiver: EventReceiver, handlers: ${handlersType}) {
            this.receiver = receiver;
            this.handlers = handlers;
          }

          start(): Promise<void> {
            return this.receiver.start(${routesFunction}(this.handlers));
          }

          stop(): Promise<void> {
            return this.receiver.stop();
          }
        }
      `,
    ],
    '\n',
  );
}

/** A route's options object from its receive operation's x-dead-letter / x-retry, or nothing. */
function routeOptions(receive: ServicePlan['receives'][number]): Code {
  const fields: Code[] = [];
  if (receive.deadLetterTopic !== undefined)
    fields.push(ts`      deadLetterTopic: ${literal(receive.deadLetterTopic)},\n`);
  if (receive.retry !== undefined) fields.push(ts`      retry: ${literal(receive.retry)},\n`);
  return fields.length === 0 ? ts`` : ts`, {\n${join(fields, '')}    }`;
}

/** What the handler's doc says happens when it throws, from the same settings. */
function failureSentence(receive: ServicePlan['receives'][number]): string {
  const attempts = receive.retry?.maxAttempts;
  const stages = (receive.retryTopics ?? []).map((s) => `"${s.topic}" (after ${formatRetryDelay(s.delayMs)})`);
  const inPlace = attempts === undefined ? '' : ` (${attempts} attempts in place per delivery)`;
  const inAll = attempts === undefined ? '' : ` (${attempts} attempts in all)`;
  const retried =
    receive.retry === undefined
      ? "retry it (the receiver's policy)"
      : stages.length > 0
        ? `move it to ${stages.join(', then ')}${inPlace}`
        : `retry it as the contract's x-retry declares${inAll}`;
  const deadLettered =
    receive.deadLetterTopic === undefined
      ? `dead-letter it to "${deadLetterTopicFor(receive.topic, undefined)}" (unless the receiver names another topic)`
      : `dead-letter it to "${receive.deadLetterTopic}"`;
  return `Throwing makes the runtime ${retried}, then ${deadLettered}.`;
}

export type { Code };
