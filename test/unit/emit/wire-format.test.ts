// Generated descriptors carry the Confluent wire format (subject + the exact registered text) when
// evc.config.yaml asks for it, and only then: the default output is unchanged.

import { describe, expect, it } from 'vitest';
import { generateCode } from '../../../generator/emit/index.js';
import { directorySource, loadRegistry } from '../../../generator/load/index.js';
import { planSubjects } from '../../../generator/schema-registry/subject-plan.js';

describe('wireFormat in generated descriptors', async () => {
  const registry = await loadRegistry(await directorySource('contracts', process.cwd()));

  it('absent by default', () => {
    expect(generateCode(registry).files.get('messages.ts')).not.toContain('wireFormat');
  });

  it('with wireFormat: confluent, every descriptor names its value subject and registered schema', () => {
    const settings = { subjectNameStrategy: 'topic', wireFormat: 'confluent' } as const;
    const messages = generateCode(registry, { schemaRegistry: settings }).files.get('messages.ts') ?? '';
    const routing = planSubjects(registry, settings, 'BACKWARD').find((s) => s.subject === 'routing.events-value');
    expect(messages.match(/wireFormat: \{ format: "confluent", subject: "routing\.events-value"/g)).toHaveLength(2);
    // The schema text travels as a JSON string literal of exactly what push registers.
    const literal = /subject: "routing\.events-value", schema: ("(?:[^"\\]|\\.)*")/.exec(messages)?.[1] ?? '""';
    expect(JSON.parse(literal)).toBe(routing?.text);
  });
});
