// Turns one resolved AsyncAPI document (2.x or 3.x) into services, operations and messages of
// the registry model. Version differences end here: 2.x `publish` means the application
// *receives* (the keyword is from the client's point of view), `subscribe` means it sends.
import type {
  JsonSchema,
  MessageModel,
  MessageNameSource,
  OperationModel,
  ServiceModel,
  SourceLocation,
  Diagnostic,
} from '../model/registry.js';
import { schemaOrigin, setNodePlacement } from '../model/registry.js';
import { memberLocation, nodeInfo } from './parse-file.js';
import { writtenNode } from './resolve-refs.js';
import { isJsonSchemaFormat } from '../model/schema-format.js';
import { isAvroSchemaFormat } from '../model/avro-payload.js';
import type { PendingAvroPayload } from '../avro/complete-payloads.js';

type Obj = Record<string, unknown>;

export interface BuiltDocument {
  readonly service: ServiceModel;
  /** Channel descriptions and locations, by address, for the topic table. */
  readonly channels: readonly {
    address: string;
    description?: string;
    location: SourceLocation;
    messages: MessageModel[];
    kafka?: Obj;
  }[];
  readonly diagnostics: readonly Diagnostic[];
}

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Builds message models once per definition, so documents that share a message share the model. */
export class MessageTable {
  private readonly byDefinition = new Map<object, MessageModel>();
  /** Avro payloads met so far: completed once every document is resolved (generator/avro/complete-payloads.ts). */
  readonly avroPayloads: PendingAvroPayload[] = [];

  constructor(private readonly fallbackLocation: (file: string) => SourceLocation) {}

  /** The model already built for a message object, if any. */
  find(raw: Obj): MessageModel | undefined {
    return this.byDefinition.get(raw);
  }

  get(
    raw: Obj,
    context: { file: string; defaultContentType?: string; fallbackName: string; channelKey?: string },
  ): MessageModel {
    const existing = this.byDefinition.get(raw);
    if (existing) return existing;
    const info = nodeInfo(raw);
    const { name, source } = messageName(raw, info?.pointer ?? '', context.fallbackName, context.channelKey);
    const kafka = isObj(raw.bindings) && isObj(raw.bindings.kafka) ? raw.bindings.kafka : undefined;
    const extensions: Obj = {};
    for (const [key, value] of Object.entries(raw))
      if (key.startsWith('x-') && !key.startsWith('x-parser-')) extensions[key] = value;
    // 2.x names the payload's format on the message itself; an Avro or Protobuf payload is no JSON Schema.
    const payload =
      typeof raw.schemaFormat === 'string' && !isJsonSchemaFormat(raw.schemaFormat)
        ? undefined
        : payloadSchema(raw.payload);
    const avro = avroPayloadOf(raw);
    const model: MessageModel = {
      name,
      nameSource: source,
      ...optional('title', str(raw.title)),
      ...optional('summary', str(raw.summary)),
      ...optional('description', str(raw.description)),
      ...optional('contentType', str(raw.contentType) ?? context.defaultContentType),
      ...optional('payload', payload),
      ...optional('key', kafka !== undefined ? asSchema(kafka.key) : undefined),
      ...optional('headers', asSchema(raw.headers)),
      definition: info?.location ?? this.fallbackLocation(context.file),
      definitionPointer: info?.pointer ?? '',
      extensions,
      raw,
    };
    this.byDefinition.set(raw, model);
    if (avro)
      this.avroPayloads.push({
        message: model,
        schemaFormat: avro.schemaFormat,
        schema: avro.schema,
        location: avro.location ?? model.definition,
      });
    return model;
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function asSchema(value: unknown): JsonSchema | undefined {
  return typeof value === 'boolean' || isObj(value) ? value : undefined;
}

/** An Avro payload: 2.x `schemaFormat` + `payload` on the message, 3.x `payload: { schemaFormat, schema }`. */
function avroPayloadOf(
  raw: Obj,
): { schemaFormat: string; schema: unknown; location: SourceLocation | undefined } | undefined {
  if (typeof raw.schemaFormat === 'string' && isAvroSchemaFormat(raw.schemaFormat) && raw.payload !== undefined)
    return { schemaFormat: raw.schemaFormat, schema: raw.payload, location: memberLocation(raw, 'payload') };
  const payload = raw.payload;
  if (isObj(payload) && typeof payload.schemaFormat === 'string' && isAvroSchemaFormat(payload.schemaFormat))
    return 'schema' in payload
      ? { schemaFormat: payload.schemaFormat, schema: payload.schema, location: memberLocation(payload, 'schema') }
      : undefined;
  return undefined;
}

/** 3.x allows a Multi Format Schema Object `{ schemaFormat, schema }` as payload. */
function payloadSchema(value: unknown): JsonSchema | undefined {
  if (isObj(value) && typeof value.schemaFormat === 'string' && 'schema' in value) {
    return isJsonSchemaFormat(value.schemaFormat) ? asSchema(value.schema) : undefined;
  }
  return asSchema(value);
}

/** name → messageId → component key → channel message key → title → derived (unstable, warned). */
export function messageName(
  raw: Obj,
  pointer: string,
  fallback: string,
  channelKey?: string,
): { name: string; source: MessageNameSource } {
  const named = str(raw.name);
  if (named) return { name: named, source: 'name' };
  const id = str(raw.messageId);
  if (id) return { name: id, source: 'messageId' };
  const referenced = schemaOrigin(raw)?.refName;
  if (referenced && !/^(asyncapi|index|messages?)$/i.test(referenced))
    return { name: referenced, source: 'componentKey' };
  const component =
    /^\/components\/messages\/([^/]+)$/.exec(pointer)?.[1] ??
    /^\/channels\/[^/]+\/messages\/([^/]+)$/.exec(pointer)?.[1] ??
    channelKey;
  if (component) return { name: component.replace(/~1/g, '/').replace(/~0/g, '~'), source: 'componentKey' };
  const title = str(raw.title);
  if (title) return { name: title, source: 'title' };
  return { name: fallback, source: 'derived' };
}

export function buildDocument(
  doc: Obj,
  file: string,
  displayFile: string,
  version: string,
  messages: MessageTable,
): BuiltDocument {
  const info = isObj(doc.info) ? doc.info : {};
  const title = str(info.title) ?? displayFile;
  const serviceName = str(info['x-service']) ?? title;
  const contact = isObj(info.contact) ? info.contact : {};
  const owner = str(info['x-owner']) ?? str(contact.name);
  const location = nodeInfo(doc)?.location ?? { file: displayFile, line: 1, column: 1 };
  const defaultContentType = str(doc.defaultContentType);
  const diagnostics: Diagnostic[] = [];
  const channelsOut = new Map<
    string,
    { address: string; description?: string; location: SourceLocation; messages: MessageModel[]; kafka?: Obj }
  >();
  const operations: OperationModel[] = [];

  const channelEntry = (
    address: string,
    channel: Obj,
  ): { address: string; description?: string; location: SourceLocation; messages: MessageModel[]; kafka?: Obj } => {
    let entry = channelsOut.get(address);
    if (!entry) {
      const kafka = isObj(channel.bindings) && isObj(channel.bindings.kafka) ? channel.bindings.kafka : undefined;
      entry = {
        address,
        ...optional('description', str(channel.description)),
        location: nodeInfo(channel)?.location ?? location,
        messages: [],
        ...(kafka === undefined ? {} : { kafka }),
      };
      channelsOut.set(address, entry);
    }
    return entry;
  };
  const addMessage = (entry: { messages: MessageModel[] }, message: MessageModel): void => {
    if (!entry.messages.includes(message)) entry.messages.push(message);
  };
  const channels = isObj(doc.channels) ? doc.channels : {};

  if (version.startsWith('3.')) {
    const addressOf = new Map<object, { id: string; address: string }>();
    for (const [id, channel] of Object.entries(channels)) {
      if (!isObj(channel)) continue;
      const address = str(channel.address) ?? id;
      addressOf.set(channel, { id, address });
      const entry = channelEntry(address, channel);
      const channelMessages = isObj(channel.messages) ? channel.messages : {};
      for (const [key, raw] of Object.entries(channelMessages)) {
        if (isObj(raw))
          addMessage(
            entry,
            messages.get(raw, {
              file,
              fallbackName: `${id}.${key}`,
              channelKey: key,
              ...optional('defaultContentType', defaultContentType),
            }),
          );
      }
    }
    const ops = isObj(doc.operations) ? doc.operations : {};
    for (const [id, op] of Object.entries(ops)) {
      if (!isObj(op) || !isObj(op.channel)) continue;
      const channel = addressOf.get(op.channel) ?? {
        id: nodeInfo(op.channel)?.pointer.split('/').pop() ?? id,
        address: str(op.channel.address) ?? id,
      };
      const entry = channelEntry(channel.address, op.channel);
      const opMessages = Array.isArray(op.messages) ? op.messages.filter(isObj) : entry.messages.map((m) => m.raw);
      const models = opMessages.map((raw, index) =>
        messages.get(raw, {
          file,
          fallbackName: `${id}Message${index + 1}`,
          ...optional('defaultContentType', defaultContentType),
        }),
      );
      for (const model of models) addMessage(entry, model);
      const written = writtenNode(op);
      const writtenMessages = isObj(written) && Array.isArray(written.messages) ? written.messages : [];
      const channelRef = isObj(written) && isObj(written.channel) ? str(written.channel.$ref) : undefined;
      const channelMessages = isObj(op.channel.messages)
        ? Object.values(op.channel.messages)
            .filter(isObj)
            .map((raw) => messages.find(raw))
            .filter((m): m is MessageModel => m !== undefined)
        : [];
      operations.push({
        id,
        service: serviceName,
        action: op.action === 'send' ? 'send' : 'receive',
        topic: channel.address,
        channelId: channel.id,
        messages: models,
        location: nodeInfo(op)?.location ?? location,
        extensions: extensionsOf(op),
        channelMessages,
        ...(Array.isArray(op.messages)
          ? {
              messageRefs: op.messages.filter(isObj).map((_, index) => {
                const item: unknown = writtenMessages[index];
                const ref = isObj(item) ? str(item.$ref) : undefined;
                return {
                  ...optional('ref', ref),
                  location: memberLocation(op.messages, String(index)) ?? nodeInfo(op)?.location ?? location,
                };
              }),
            }
          : {}),
        ...optional('channelRef', channelRef),
      });
    }
  } else {
    for (const [address, channel] of Object.entries(channels)) {
      if (!isObj(channel)) continue;
      const entry = channelEntry(address, channel);
      for (const keyword of ['publish', 'subscribe'] as const) {
        const op = channel[keyword];
        if (!isObj(op)) continue;
        const message = op.message;
        const raws =
          isObj(message) && Array.isArray(message.oneOf)
            ? message.oneOf.filter(isObj)
            : isObj(message)
              ? [message]
              : [];
        const opId = str(op.operationId) ?? `${keyword}:${address}`;
        const models = raws.map((raw, index) =>
          messages.get(raw, {
            file,
            fallbackName: `${opId}Message${raws.length > 1 ? index + 1 : ''}`,
            ...optional('defaultContentType', defaultContentType),
          }),
        );
        for (const model of models) addMessage(entry, model);
        operations.push({
          id: opId,
          service: serviceName,
          // 2.x keywords describe what a *client* does: `publish` here means this application receives.
          action: keyword === 'publish' ? 'receive' : 'send',
          topic: address,
          channelId: address,
          messages: models,
          location: memberLocation(channel, keyword) ?? location,
          extensions: extensionsOf(op),
        });
      }
    }
  }

  const service: ServiceModel = {
    name: serviceName,
    title,
    version: str(info.version) ?? '0.0.0',
    ...optional('description', str(info.description)),
    ...optional('owner', owner),
    asyncapiVersion: version,
    file: displayFile,
    location,
    operations,
  };
  return { service, channels: [...channelsOut.values()], diagnostics };
}

/** The node's `x-*` members, located where the node is (each key where it is written), for diagnostics on them. */
function extensionsOf(node: Obj): Obj {
  const out: Obj = {};
  for (const [key, value] of Object.entries(node))
    if (key.startsWith('x-') && !key.startsWith('x-parser-')) out[key] = value;
  const info = nodeInfo(node);
  if (info) setNodePlacement(out, info);
  return out;
}
