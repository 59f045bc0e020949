// Which generated descriptors travel in the Confluent wire format (evc.config.yaml
// `schemaRegistry.wireFormat`, or a message's `x-evc-wire-format`), with the value subject and the
// exact schema text `evc registry push` registers there: the producer looks that text up for its id.

import type { Diagnostic, Registry } from '../model/registry.js';
import type { ConfluentWireFormat } from '../../runtime/contract.js';
import { SchemaRegistrySettingsError, wireFormatOf, type SchemaRegistrySettings } from '../schema-registry/settings.js';
import { planSubjects, SubjectPlanError } from '../schema-registry/subject-plan.js';
import { wireFormat } from './generator-rules.js';

export function wireFormatKey(topic: string, message: string): string {
  return `${topic}\u0000${message}`;
}

export function wireFormatsOf(
  registry: Registry,
  settings: SchemaRegistrySettings,
): { formats: Map<string, ConfluentWireFormat>; diagnostics: Diagnostic[] } {
  const formats = new Map<string, ConfluentWireFormat>();
  const diagnostics: Diagnostic[] = [];
  const framed = registry.messages.filter((message) => {
    try {
      return wireFormatOf(message, settings) === 'confluent';
    } catch (error) {
      if (!(error instanceof SchemaRegistrySettingsError)) throw error;
      diagnostics.push({ ...message.definition, severity: 'error', rule: wireFormat.id, message: error.message });
      return false;
    }
  });
  if (framed.length === 0) return { formats, diagnostics };
  let plan;
  try {
    // Levels do not matter here: only subjects and schema texts are read.
    plan = planSubjects(registry, settings, 'NONE');
  } catch (error) {
    if (!(error instanceof SubjectPlanError)) throw error;
    const at = framed[0]!.definition;
    diagnostics.push({ ...at, severity: 'error', rule: wireFormat.id, message: error.message });
    return { formats, diagnostics };
  }
  for (const message of framed)
    for (const subject of plan)
      if (subject.part === 'value' && subject.messages.includes(message.name))
        formats.set(wireFormatKey(subject.topic, message.name), {
          format: 'confluent',
          subject: subject.subject,
          schema: subject.text,
        });
  return { formats, diagnostics };
}
