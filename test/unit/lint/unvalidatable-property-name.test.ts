// Table of cases for lint rule unvalidatable-property-name: `__proto__` as a declared name is an
// error located at the name; other Object.prototype names and keyword-like names are fine.
import { describe, expect, it } from 'vitest';
import { unvalidatablePropertyName } from '../../../generator/lint/rules/unvalidatable-property-name.js';
import { runRule, service, summarise } from '../../support/lint-harness.js';

const withPayload = (payload: string): Record<string, string> => ({
  'a.yaml': service(
    's',
    `channels:\n  c:\n    address: t\n    messages:\n      M:\n        $ref: '#/components/messages/M'\noperations:\n  send:\n    action: send\n    channel: {$ref: '#/channels/c'}\ncomponents:\n  messages:\n    M:\n      name: M\n      payload:\n${payload}`,
  ),
});

describe('lint rule unvalidatable-property-name', () => {
  it.each([
    {
      name: 'prototype method names and keyword names are plain properties',
      payload:
        '        type: object\n        properties:\n          toString: {type: string}\n          constructor: {type: string}\n          description: {type: string}\n        required: [constructor]\n',
      expected: [],
    },
    {
      name: 'a declared __proto__ property',
      payload:
        '        type: object\n        properties:\n          id: {type: string}\n          __proto__: {type: string}\n',
      expected: ['a.yaml:23 error unvalidatable-property-name: M payload/properties: property name "__proto__"'],
    },
    {
      name: '__proto__ required at depth',
      payload:
        '        type: object\n        properties:\n          inner:\n            type: object\n            required: [__proto__]\n',
      expected: ['error unvalidatable-property-name: M payload/properties/inner/required: property name "__proto__"'],
    },
  ])('$name', async ({ payload, expected }) => {
    const found = summarise(await runRule(unvalidatablePropertyName, withPayload(payload)));
    expect(found).toHaveLength(expected.length);
    expected.forEach((fragment, i) => expect(found[i]).toContain(fragment));
  });
});
