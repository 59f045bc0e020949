// A property the writer declared and the reader no longer does. What the reader now does with that
// name decides: accepts anything (open model: compatible), rejects it (closed model: breaking,
// old records carry it), or checks it against a pattern/additional schema (partially open).

import type { SchemaDifference, SchemaRule } from '../schema/rule.js';
import { hasBreaking } from '../schema/rule.js';
import { T_OBJECT } from '../schema/types.js';
import { contentModel, propertiesOf, undeclaredPropertySchema } from './content-model.js';

export const id = 'PROPERTY_REMOVED';
export const description =
  'A property removed by the reader must still be accepted as an undeclared property (open or covering model).';

const addedOrRemoved = (v: { old: unknown; subject?: string }, what: string): string =>
  `${what} '${v.subject}' ${v.old === undefined ? 'added' : 'removed'}`;

export const rule: SchemaRule = {
  id,
  description,
  appliesToTypes: T_OBJECT,
  changes: {
    PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL: {
      breaks: 'never',
      what: (v) => addedOrRemoved(v, 'property') + ' (the object stays open)',
    },
    PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL: {
      breaks: 'always',
      what: (v) => addedOrRemoved(v, 'property') + ' on a closed object (`additionalProperties: false`)',
      rejects: (v) => `records that carry '${v.subject}'`,
      hint: 'keep the property declared (optional, marked deprecated in its description) until no producer or stored record has it',
    },
    PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL: {
      breaks: 'never',
      what: (v) => addedOrRemoved(v, 'forbidden property'),
    },
    PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: {
      breaks: 'never',
      what: (v) => addedOrRemoved(v, 'property') + ' (still accepted through patternProperties/additionalProperties)',
    },
    PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: {
      breaks: 'strict',
      what: (v) =>
        addedOrRemoved(v, 'property') + ' and patternProperties/additionalProperties do not accept its old values',
      rejects: (v) => `records whose '${v.subject}' does not fit the reader's patternProperties/additionalProperties`,
      hint: 'keep the property declared, or widen additionalProperties/patternProperties to cover it',
    },
  },
  check(pair, ctx) {
    const writerProps = propertiesOf(pair.writer);
    const readerProps = propertiesOf(pair.reader);
    const model = contentModel(pair.reader);
    const found: SchemaDifference[] = [];
    for (const [name, schema] of Object.entries(writerProps)) {
      if (name in readerProps) continue;
      const path = ['properties', name];
      const at = { path, subject: name, writer: schema, reader: undefined };
      const acceptedAs = undeclaredPropertySchema(pair.reader, name);
      if (model === 'open' || acceptedAs === true) {
        found.push(ctx.change('PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL', at));
      } else if (acceptedAs === false) {
        found.push(
          ctx.change(
            schema === false
              ? 'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL'
              : 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL',
            at,
          ),
        );
      } else {
        const sub = ctx.compare(schema, acceptedAs, path);
        found.push(...sub);
        found.push(
          ctx.change(
            hasBreaking(sub)
              ? 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'
              : 'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
            { ...at, causes: sub },
          ),
        );
      }
    }
    return found;
  },
};
