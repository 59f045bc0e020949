// `unevaluatedProperties: false` / `unevaluatedItems: false` close a model like
// `additionalProperties: false` / `additionalItems: false`, counting what allOf branches declare;
// where other applicators decide what is evaluated, a change cannot be judged and is breaking.

import { describe, expect, it } from 'vitest';
import { verdict } from './rule-table.js';

const ids = (r: ReturnType<typeof verdict>): string[] => r.findings.filter((f) => f.breaking).map((f) => f.id);

describe('unevaluatedProperties / unevaluatedItems', () => {
  const closed = (extra: Record<string, unknown> = {}) => ({
    type: 'object',
    properties: { id: { type: 'string' }, ...extra },
    unevaluatedProperties: false,
  });

  it('adding an optional property to a model closed by unevaluatedProperties is compatible (BACKWARD)', () => {
    const r = verdict(closed(), closed({ note: { type: 'string' } }), 'BACKWARD');
    expect(r.compatible, JSON.stringify(ids(r))).toBe(true);
    expect(r.findings.map((f) => f.id)).toContain('OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL');
  });

  it('removing a property from it breaks BACKWARD, as for additionalProperties: false', () => {
    const r = verdict(closed({ note: { type: 'string' } }), closed(), 'BACKWARD');
    expect(ids(r)).toEqual(['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL']);
  });

  it('properties declared in allOf branches count as evaluated', () => {
    const withBase = (props: Record<string, unknown>) => ({
      allOf: [{ properties: { id: { type: 'string' } }, required: ['id'] }],
      properties: props,
      unevaluatedProperties: false,
    });
    expect(verdict(withBase({}), withBase({ note: { type: 'string' } }), 'BACKWARD').compatible).toBe(true);
    expect(ids(verdict(withBase({ note: { type: 'string' } }), withBase({}), 'BACKWARD'))).toEqual([
      'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    ]);
  });

  it('a oneOf deciding what is evaluated cannot be judged: any change is breaking (UNKNOWN_KEYWORD)', () => {
    const withUnion = (props: Record<string, unknown>) => ({
      oneOf: [{ properties: { a: { type: 'string' } }, required: ['a'] }, { required: ['b'] }],
      properties: props,
      unevaluatedProperties: false,
    });
    const r = verdict(withUnion({}), withUnion({ note: { type: 'string' } }), 'BACKWARD');
    expect(r.compatible).toBe(false);
    expect(ids(r)).toContain('UNKNOWN_KEYWORD');
  });

  it('unevaluatedItems: false closes a tuple', () => {
    const tuple = (items: unknown[]) => ({ type: 'array', items, unevaluatedItems: false });
    expect(
      verdict(tuple([{ type: 'string' }]), tuple([{ type: 'string' }, { type: 'integer' }]), 'BACKWARD').compatible,
    ).toBe(true);
    expect(
      ids(verdict(tuple([{ type: 'string' }, { type: 'integer' }]), tuple([{ type: 'string' }]), 'BACKWARD')),
    ).toContain('ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL');
  });
});

describe('recursion that never moves into the instance', () => {
  it('is "cannot judge" (UNGUARDED_RECURSION, breaking), not assumed compatible', () => {
    const old = { $defs: { D0: { anyOf: [{ const: 'a' }] } }, $ref: '#/$defs/D0' };
    const next = { $defs: { D0: { anyOf: [{ $ref: '#/$defs/D0' }] } }, $ref: '#/$defs/D0' };
    const r = verdict(old, next, 'BACKWARD');
    expect(r.compatible).toBe(false);
    // reported where the recursion is met, as the reason no union branch is known to accept old data
    const all = (ds: readonly { id: string; causes?: readonly unknown[] }[]): string[] =>
      ds.flatMap((d) => [d.id, ...all((d.causes ?? []) as { id: string }[])]);
    expect(all(r.findings)).toContain('UNGUARDED_RECURSION');
  });

  it('recursion through a property is still compared as a fixpoint (a tree stays compatible with itself)', () => {
    const tree = (leaf: unknown) => ({
      $defs: {
        Node: {
          type: 'object',
          properties: { value: leaf, children: { type: 'array', items: { $ref: '#/$defs/Node' } } },
        },
      },
      $ref: '#/$defs/Node',
    });
    expect(verdict(tree({ type: 'integer' }), tree({ type: 'number' }), 'BACKWARD').compatible).toBe(true);
    expect(verdict(tree({ type: 'number' }), tree({ type: 'integer' }), 'BACKWARD').compatible).toBe(false);
  });
});
