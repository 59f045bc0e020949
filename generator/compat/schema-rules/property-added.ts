// A property the reader declares and the writer did not. What the writer may have sent under that
// name decides: nothing (closed model: compatible), anything (open model: the strict set refuses,
// since old data may carry that name with any type), or what its pattern/additional schema allowed
// (partially open: compatible when that schema fits the new declaration). A new *required*
// property breaks unless it has a default.

import type { SchemaDifference, SchemaRule } from '../schema/rule.js';
import { hasBreaking } from '../schema/rule.js';
import { isEmptySchema } from '../schema/graph.js';
import { T_OBJECT } from '../schema/types.js';
import { contentModel, hasDefault, propertiesOf, requiredOf, undeclaredPropertySchema } from './content-model.js';

export const id = 'PROPERTY_ADDED';
export const description =
  'A property added by the reader must not reject what the writer could send under that name; required ones need a default.';

const addedOrRemoved = (v: { old: unknown; subject?: string }, what: string): string =>
  `${what} '${v.subject}' ${v.old === undefined ? 'added' : 'removed'}`;
const OPEN_HINT =
  'close the object with `additionalProperties: false` (new optional properties are then compatible), or set `mode: lenient` in evc.config.yaml if producers never send undeclared properties';

export const rule: SchemaRule = {
  id,
  description,
  appliesToTypes: T_OBJECT,
  changes: {
    OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL: {
      breaks: 'strict',
      what: (v) => addedOrRemoved(v, 'optional property') + ' on an open object (no `additionalProperties: false`)',
      rejects: (v) => `records that already carry an undeclared '${v.subject}' of another shape`,
      hint: OPEN_HINT,
    },
    REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL: {
      breaks: 'always',
      what: (v) => addedOrRemoved(v, 'required property'),
      rejects: (v) => `records without '${v.subject}'`,
      hint: 'add it as optional, or required with a `default`; make it required only once no producer or stored record lacks it',
    },
    REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL: {
      breaks: 'strict',
      what: (v) => addedOrRemoved(v, 'required property with a default') + ' on an open object',
      rejects: (v) => `records that already carry an undeclared '${v.subject}' of another shape`,
      hint: OPEN_HINT,
    },
    PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL: {
      breaks: 'never',
      what: (v) => addedOrRemoved(v, 'unconstrained property'),
    },
    OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL: {
      breaks: 'never',
      what: (v) => addedOrRemoved(v, 'optional property'),
    },
    REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL: {
      breaks: 'always',
      what: (v) => addedOrRemoved(v, 'required property'),
      rejects: (v) => `records without '${v.subject}'`,
      hint: 'add it as optional, or required with a `default`; make it required only once no producer or stored record lacks it',
    },
    REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL: {
      breaks: 'never',
      what: (v) => addedOrRemoved(v, 'required property with a default'),
    },
    PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: {
      breaks: 'never',
      what: (v) => addedOrRemoved(v, 'property') + ' (covered by patternProperties/additionalProperties)',
    },
    PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: {
      breaks: 'strict',
      what: (v) =>
        addedOrRemoved(v, 'property') +
        ' with a schema narrower than the patternProperties/additionalProperties it used to fall under',
      rejects: (v) => `values of '${v.subject}' the writer's pattern or additional properties allowed`,
      hint: 'declare the property with a schema that accepts everything its pattern/additionalProperties allowed',
    },
  },
  check(pair, ctx) {
    const writerProps = propertiesOf(pair.writer);
    const readerProps = propertiesOf(pair.reader);
    const required = requiredOf(pair.reader);
    const model = contentModel(pair.writer);
    const found: SchemaDifference[] = [];
    for (const [name, schema] of Object.entries(readerProps)) {
      if (name in writerProps) continue;
      const path = ['properties', name];
      const at = { path, subject: name, writer: undefined, reader: schema };
      const isRequired = required.has(name);
      const withDefault = hasDefault(schema, ctx.fillsDefaults);
      const sentBefore = undeclaredPropertySchema(pair.writer, name);
      if (model === 'open' || (sentBefore === true && model === 'partial')) {
        if (isEmptySchema(schema) && !isRequired)
          found.push(ctx.change('PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL', at));
        else if (!isRequired) found.push(ctx.change('OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', at));
        else if (withDefault) found.push(ctx.change('REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL', at));
        else found.push(ctx.change('REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', at));
        continue;
      }
      if (sentBefore !== false) {
        const sub = ctx.compare(sentBefore, schema, path);
        found.push(...sub);
        found.push(
          ctx.change(
            hasBreaking(sub)
              ? 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'
              : 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
            { ...at, causes: sub },
          ),
        );
      }
      if (!isRequired) found.push(ctx.change('OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', at));
      else if (withDefault) found.push(ctx.change('REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL', at));
      else found.push(ctx.change('REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', at));
    }
    return found;
  },
};
