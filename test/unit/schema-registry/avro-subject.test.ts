// The Avro schema a subject gets: one message's text as it is; several messages on one topic a
// union in which a named type they share is defined once (avsc must accept the result).

import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { avroPayload as payload } from '../../support/avro-payload.js';
import { avroSubjectSchema } from '../../../generator/schema-registry/avro-subject.js';

const position = { type: 'record', name: 'fleet.Position', fields: [{ name: 'lat', type: 'double' }] };

describe('avroSubjectSchema', () => {
  it('registers one message’s schema text unchanged', () => {
    const one = payload({ type: 'record', name: 'fleet.Moved', fields: [{ name: 'at', type: position }] });
    expect(avroSubjectSchema([one]).text).toBe(one.text);
  });

  it('unions several messages, defining a shared named type once', () => {
    const moved = payload({ type: 'record', name: 'fleet.Moved', fields: [{ name: 'at', type: position }] });
    const parked = payload({
      type: 'record',
      name: 'fleet.Parked',
      fields: [
        { name: 'at', type: position },
        { name: 'previous', type: ['null', 'fleet.Position'], default: null },
      ],
    });
    const { schema, text } = avroSubjectSchema([moved, parked]);
    expect(Array.isArray(schema)).toBe(true);
    expect(text.match(/"name":"fleet\.Position"/g)).toHaveLength(1);
    const type = avro.Type.forSchema(schema as avro.Schema);
    expect(type.typeName).toBe('union:wrapped');
    expect(avroSubjectSchema([moved, parked]).text).toBe(text); // deterministic
  });

  it('flattens a member that is a union and drops a repeated branch', () => {
    const a = payload({ type: 'record', name: 'A', fields: [] });
    const nullable = payload(['null', { type: 'record', name: 'B', fields: [] }]);
    const { schema } = avroSubjectSchema([a, nullable, a]);
    expect(schema).toEqual([
      { type: 'record', name: 'A', fields: [] },
      'null',
      { type: 'record', name: 'B', fields: [] },
    ]);
    expect(() => avro.Type.forSchema(schema as avro.Schema)).not.toThrow();
  });
});
