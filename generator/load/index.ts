// Loads a contracts registry: read every file through a ContractSource, parse with source
// positions, validate each AsyncAPI document against its official schema, resolve `$ref`s across
// files, and build the one registry model. Problems become located diagnostics, never exceptions.
import type { Diagnostic, MessageModel, Registry, ServiceModel, SourceLocation } from '../model/registry.js';
import { FileParseError, MAX_NESTING_DEPTH, nodeInfo, memberLocation } from './parse-file.js';
import { nestingDepth } from './nesting-limit.js';
import { contentHashOf, parseCached } from './parse-cache.js';
import { RefResolver, referencedFiles } from './resolve-refs.js';
import { SUPPORTED_VERSIONS, validateAgainstSpec } from './validate-spec.js';
import { buildDocument, MessageTable } from './build-model.js';
import { ContractReadError, type ContractSource } from './source.js';
import { completeAvroPayloads } from '../avro/complete-payloads.js';

export { directorySource } from './directory-source.js';
export type { ContractSource } from './source.js';

export interface LoadOptions {
  /** Files above this size are refused with a diagnostic instead of parsed (default 5 MiB). */
  readonly maxFileBytes?: number;
  /** Skip validation against the official AsyncAPI schema (only for speed experiments). */
  readonly skipSpecValidation?: boolean;
}

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export async function loadRegistry(source: ContractSource, options: LoadOptions = {}): Promise<Registry> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const diagnostics: Diagnostic[] = [];
  const values = new Map<string, unknown>();
  const missing = new Map<string, string>();
  // Asked for every message and every document (path arithmetic each time), and the same for a file all load long.
  const displayed = new Map<string, string>();
  const display = (file: string): string => {
    let shown = displayed.get(file);
    if (shown === undefined) displayed.set(file, (shown = source.displayPath(file)));
    return shown;
  };

  const readFile = async (file: string): Promise<void> => {
    if (values.has(file) || missing.has(file)) return;
    let text: string;
    try {
      text = await source.read(file);
    } catch (error) {
      missing.set(file, error instanceof ContractReadError ? error.message : String(error));
      return;
    }
    if (Buffer.byteLength(text) > maxBytes) {
      const size = (Buffer.byteLength(text) / 1024 / 1024).toFixed(1);
      missing.set(file, `${display(file)} is ${size} MiB, over the ${(maxBytes / 1024 / 1024).toFixed(0)} MiB limit`);
      diagnostics.push({
        file: display(file),
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'file-too-large',
        message: `${display(file)} is ${size} MiB, over the ${(maxBytes / 1024 / 1024).toFixed(0)} MiB limit for a contract file`,
        hint: 'split the document into files reached by $ref, or raise --max-file-size',
      });
      return;
    }
    const parsed = parseCached(text, display(file));
    if (parsed instanceof FileParseError) {
      diagnostics.push(...parsed.diagnostics);
      missing.set(file, `${display(file)} cannot be parsed`);
      return;
    }
    values.set(file, parsed.value);
  };

  const listed = await source.list();
  for (const file of listed) await readFile(file);
  // Load what the documents refer to but the listing did not include, until nothing new appears.
  for (let pending = [...values.entries()]; pending.length > 0;) {
    const next: [string, unknown][] = [];
    for (const [file, value] of pending) {
      for (const target of referencedFiles(value, file, source.reach)) {
        if (values.has(target) || missing.has(target)) continue;
        await readFile(target);
        if (values.has(target)) next.push([target, values.get(target)]);
      }
    }
    pending = next;
  }

  const only = (source as { only?: string }).only;
  const documents = [...values.entries()]
    .filter(([file, value]) => isDocument(value) && (only === undefined || file === only))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  const resolver = new RefResolver(values, display, missing, source.reach);
  const messages = new MessageTable((file) => ({ file: display(file), line: 1, column: 1 }));
  const services: ServiceModel[] = [];
  const topics = new Map<
    string,
    {
      address: string;
      description?: string;
      location: SourceLocation;
      messages: Map<string, MessageModel>;
      kafka?: Record<string, unknown>;
      kafkaFromOwner?: boolean;
    }
  >();

  for (const [file, value] of documents) {
    const doc = value as Record<string, unknown>;
    const version = String(doc.asyncapi);
    if (!(SUPPORTED_VERSIONS as readonly string[]).includes(version)) {
      const at = memberLocation(doc, 'asyncapi') ?? { file: display(file), line: 1, column: 1 };
      diagnostics.push({
        ...at,
        severity: 'error',
        rule: 'asyncapi-version',
        message: `unsupported AsyncAPI version "${version}" in ${display(file)}`,
        hint: `use one of ${SUPPORTED_VERSIONS.join(', ')}`,
      });
      continue;
    }
    if (!options.skipSpecValidation) {
      for (const issue of await validateAgainstSpec(doc, version, undefined, contentHashOf(doc))) {
        const at = locate(doc, issue.pointer) ?? { file: display(file), line: 1, column: 1 };
        diagnostics.push({
          ...at,
          severity: 'error',
          rule: 'asyncapi-schema',
          message: `not a valid AsyncAPI ${version} document: ${issue.message}`,
          hint: 'see https://www.asyncapi.com/docs/reference/specification',
        });
      }
    }
    const resolved = resolver.resolve(doc, file) as Record<string, unknown>;
    const built = buildDocument(resolved, file, display(file), version, messages);
    services.push(built.service);
    diagnostics.push(...built.diagnostics);
    for (const channel of built.channels) {
      let topic = topics.get(channel.address);
      if (!topic) {
        topic = {
          address: channel.address,
          ...(channel.description ? { description: channel.description } : {}),
          location: channel.location,
          messages: new Map(),
        };
        topics.set(channel.address, topic);
      }
      for (const message of channel.messages)
        if (!topic.messages.has(message.name)) topic.messages.set(message.name, message);
      // The owner's binding describes the topic; a consumer's copy only fills in when the owner has none.
      const fromOwner = built.service.operations.some((op) => op.action === 'send' && op.topic === channel.address);
      if (channel.kafka !== undefined && (topic.kafka === undefined || (fromOwner && !topic.kafkaFromOwner))) {
        topic.kafka = channel.kafka;
        topic.kafkaFromOwner = fromOwner;
      }
    }
  }
  diagnostics.push(...resolver.diagnostics);
  const resolvedBefore = resolver.diagnostics.length;
  // Every `.avsc` file of the contracts defines named types any Avro payload may use by name.
  const avroFiles = [...values.keys()]
    .filter((file) => /\.avsc$/i.test(file))
    .sort(compare)
    .map((file) => resolver.resolve(values.get(file), file));
  diagnostics.push(
    ...(await completeAvroPayloads(messages.avroPayloads, avroFiles)),
    ...resolver.diagnostics.slice(resolvedBefore),
  );

  const allMessages = new Set<MessageModel>();
  for (const service of services) for (const op of service.operations) for (const m of op.messages) allMessages.add(m);
  for (const topic of topics.values()) for (const m of topic.messages.values()) allMessages.add(m);
  const tooDeep = new Set<MessageModel>();
  for (const message of allMessages) {
    const role = (['payload', 'key', 'headers'] as const).find((r) => nestingDepth(message[r]) > MAX_NESTING_DEPTH);
    if (role === undefined) continue;
    tooDeep.add(message);
    diagnostics.push({
      ...message.definition,
      severity: 'error',
      rule: 'nesting-too-deep',
      message: `${message.name}: the ${role} schema nests objects and arrays more than ${MAX_NESTING_DEPTH} levels deep once its $refs are followed`,
      hint: 'flatten the schema, or break a chain of references that only wrap one another',
    });
  }
  if (tooDeep.size > 0) {
    // Later stages recurse over schemas: a message over the limit is reported, never handed on.
    for (const message of tooDeep) allMessages.delete(message);
    for (const topic of topics.values())
      for (const [name, message] of topic.messages) if (tooDeep.has(message)) topic.messages.delete(name);
    services.splice(
      0,
      services.length,
      ...services.map((service) => ({
        ...service,
        operations: service.operations.map((op) => ({
          ...op,
          messages: op.messages.filter((m) => !tooDeep.has(m)),
          ...(op.channelMessages ? { channelMessages: op.channelMessages.filter((m) => !tooDeep.has(m)) } : {}),
        })),
      })),
    );
  }

  return {
    root: source.label,
    services: services.sort((a, b) => compare(a.name, b.name)),
    topics: [...topics.values()]
      .map(({ kafkaFromOwner: _owner, ...topic }) => topic)
      .sort((a, b) => compare(a.address, b.address)),
    messages: [...allMessages].sort(
      (a, b) =>
        compare(a.name, b.name) ||
        compare(a.definition.file, b.definition.file) ||
        a.definition.line - b.definition.line,
    ),
    diagnostics: dedupe(diagnostics),
  };
}

function isDocument(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'asyncapi' in value;
}

/** The location of the deepest node of `pointer` that the parser recorded. */
function locate(doc: unknown, pointer: string): SourceLocation | undefined {
  let current: unknown = doc;
  let best = nodeInfo(doc)?.location;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    best = memberLocation(current, key) ?? best;
    if (typeof current !== 'object' || current === null) break;
    current = (current as Record<string, unknown>)[key];
  }
  return best;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.rule}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
