// `required` on properties both versions know. Making a property required breaks readers of old
// records that lack it, unless it has a default to fill in. Unlike Confluent's provider, names the
// reader requires without declaring them in `properties` are checked too: old records may lack them.

import type { SchemaDifference, SchemaRule } from '../schema/rule.js';
import { T_OBJECT } from '../schema/types.js';
import { hasDefault, propertiesOf, requiredOf } from './content-model.js';

export const id = 'REQUIRED';
export const description = 'A reader may stop requiring a property, never start requiring one without a default.';

export const rule: SchemaRule = {
  id,
  description,
  appliesToTypes: T_OBJECT,
  changes: {
    REQUIRED_ATTRIBUTE_ADDED: {
      breaks: 'always',
      what: (v) => `'${v.subject}' ${v.new ? 'became required' : 'is no longer required'}`,
      rejects: (v) => `records without '${v.subject}'`,
      hint: 'keep it optional, or give it a `default`; require it only once no producer or stored record lacks it',
    },
    REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED: {
      breaks: 'never',
      what: (v) => `'${v.subject}' ${v.new ? 'became required (it has a default)' : 'is no longer required'}`,
    },
    REQUIRED_ATTRIBUTE_REMOVED: {
      breaks: 'never',
      what: (v) => `'${v.subject}' ${v.new ? 'became required' : 'is no longer required'}`,
    },
  },
  check(pair, ctx) {
    const writerProps = propertiesOf(pair.writer);
    const readerProps = propertiesOf(pair.reader);
    const writerRequired = requiredOf(pair.writer);
    const readerRequired = requiredOf(pair.reader);
    const found: SchemaDifference[] = [];
    for (const name of readerRequired) {
      if (writerRequired.has(name)) continue;
      if (name in readerProps && !(name in writerProps)) continue; // a new property: PROPERTY_ADDED says it
      const id = hasDefault(readerProps[name], ctx.fillsDefaults)
        ? 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED'
        : 'REQUIRED_ATTRIBUTE_ADDED';
      found.push(ctx.change(id, { path: ['required', name], subject: name, writer: false, reader: true }));
    }
    for (const name of writerRequired) {
      if (readerRequired.has(name) || !(name in readerProps)) continue;
      found.push(
        ctx.change('REQUIRED_ATTRIBUTE_REMOVED', {
          path: ['required', name],
          subject: name,
          writer: true,
          reader: false,
        }),
      );
    }
    return found;
  },
};
