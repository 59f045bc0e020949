import { describe, expect, it } from 'vitest';
import { RefResolver, isRefObject, writtenNode } from '../../../generator/load/resolve-refs.js';
import { nodeInfo, parseContractFile } from '../../../generator/load/parse-file.js';
import { locationOf, memberLocationOf, schemaOrigin } from '../../../generator/model/registry.js';

const FILES: Record<string, string> = {
  'a.yaml': [
    'channels:',
    '  events:',
    '    messages:',
    "      One: {$ref: '#/components/messages/One'}",
    "      Two: {$ref: 'b.yaml#/messages/Two'}",
    'operations:',
    '  sendOne:',
    "    channel: {$ref: '#/channels/events'}",
    "    messages: [{$ref: '#/channels/events/messages/One'}, {$ref: '#/channels/events/messages/Two'}]",
    'components:',
    '  messages:',
    '    One:',
    '      payload:',
    '        type: object',
    '        properties:',
    "          money: {$ref: 'b.yaml#/schemas/Money'}",
    "          again: {$ref: './b.yaml#/schemas/Money'}",
    "          list: {type: array, items: [{$ref: 'b.yaml#/schemas/Money'}, {type: string}]}",
    '',
  ].join('\n'),
  'b.yaml': [
    'messages:',
    '  Two:',
    '    payload:',
    "      $ref: '#/schemas/Node'",
    'schemas:',
    '  Money: {type: object, properties: {amount: {type: number}}}',
    '  Node:',
    '    type: object',
    "    properties: {children: {type: array, items: {$ref: '#/schemas/Node'}}}",
    '',
  ].join('\n'),
};

function resolveAll(files: Record<string, string>): { resolved: unknown; resolver: RefResolver } {
  const values = new Map(Object.entries(files).map(([file, text]) => [file, parseContractFile(text, file).value]));
  const resolver = new RefResolver(values, (file) => file);
  return { resolved: resolver.resolve(values.get('a.yaml'), 'a.yaml'), resolver };
}

describe('RefResolver', () => {
  // The resolver records one placement per copy: its location, its parse info and what was written must all
  // still lead back to the node it was copied from, for every object of the resolved graph.
  it('links every copy to the node it was written as', () => {
    const { resolved, resolver } = resolveAll(FILES);
    expect(resolver.diagnostics).toEqual([]);
    const seen = new Set<object>();
    const check = (copy: unknown): void => {
      if (typeof copy !== 'object' || copy === null || seen.has(copy)) return;
      seen.add(copy);
      const written = writtenNode(copy) as Record<string, unknown>;
      expect(typeof written).toBe('object');
      expect(written).not.toBe(copy);
      expect(Object.keys(written)).toEqual(Object.keys(copy));
      expect(nodeInfo(copy)).toBe(nodeInfo(written));
      expect(locationOf(copy)).toEqual(nodeInfo(written)!.location);
      for (const key of Object.keys(copy)) {
        expect(memberLocationOf(copy, key)).toEqual(nodeInfo(written)!.members.get(key));
        const value = (copy as Record<string, unknown>)[key];
        if (isRefObject(written[key])) expect(writtenNode(value)).not.toBe(written[key]);
        else if (typeof value === 'object' && value !== null) expect(writtenNode(value)).toBe(written[key]);
        else expect(value).toBe(written[key]);
      }
      for (const value of Object.values(copy)) check(value);
    };
    check(resolved);
    // A parsed node is not a copy: it has no other written form.
    const raw = parseContractFile(FILES['b.yaml']!, 'b.yaml').value;
    expect(writtenNode(raw)).toBeUndefined();
  });

  it('shares one copy per target and names it after the first reference that reached it', () => {
    const { resolved } = resolveAll(FILES);
    const doc = resolved as {
      components: { messages: { One: { payload: { properties: Record<string, { items?: unknown[] }> } } } };
      channels: { events: { messages: Record<string, unknown> } };
      operations: { sendOne: { messages: unknown[] } };
    };
    const properties = doc.components.messages.One.payload.properties;
    expect(properties.again).toBe(properties.money);
    expect(properties.list!.items![0]).toBe(properties.money);
    expect(schemaOrigin(properties.money)).toMatchObject({ refName: 'Money', ref: 'b.yaml#/schemas/Money' });
    expect(doc.operations.sendOne.messages).toEqual([
      doc.channels.events.messages.One,
      doc.channels.events.messages.Two,
    ]);
    expect(doc.operations.sendOne.messages[1]).toBe(doc.channels.events.messages.Two);
  });

  // Targets found once are looked up once, but a target that cannot be found is reported per reference,
  // each quoting the reference as it was written.
  it('reports each reference to a missing target with its own text', () => {
    const { resolver } = resolveAll({
      'a.yaml': "x: {$ref: '#/nope'}\ny: {$ref: 'a.yaml#/nope'}\nz: {$ref: '#/nope'}\n",
    });
    expect(resolver.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [1, 'cannot resolve "#/nope": a.yaml has nothing at "#/nope"'],
      [2, 'cannot resolve "a.yaml#/nope": a.yaml has nothing at "#/nope"'],
      [3, 'cannot resolve "#/nope": a.yaml has nothing at "#/nope"'],
    ]);
  });
});
