// `evc rules`: every id evc can print, from the rule registry: lint rules (with severity), then the
// compatibility rules of `evc check` by category, each change id under the family that reports it.
// `--format json` lists `{id, kind, category, levels, description}` (plus severity, breaks, family).
import type { Command } from 'commander';
import { Option } from 'commander';
import { ruleRegistry } from '../../rules/registry.js';
import { RULE_CATEGORIES, type RuleEntry } from '../../rules/rule-entry.js';
import { EXIT, type CliIO } from '../io.js';

export type RulesFormat = 'text' | 'json';
export const RULES_FORMATS: readonly RulesFormat[] = ['text', 'json'];

export function formatRules(entries: readonly RuleEntry[], format: RulesFormat): string {
  if (format === 'json')
    return `${JSON.stringify(
      entries.map((e) => ({
        id: e.id,
        kind: e.kind,
        category: e.category,
        levels: e.levels,
        description: e.description,
        ...(e.severity ? { severity: e.severity } : {}),
        ...(e.breaks ? { breaks: e.breaks } : {}),
        ...(e.family ? { family: e.family } : {}),
      })),
      null,
      2,
    )}\n`;
  const lines: string[] = [];
  for (const kind of ['lint', 'compat'] as const) {
    const width = Math.max(0, ...entries.filter((e) => e.kind === kind).map((e) => e.id.length + (e.family ? 2 : 0)));
    lines.push(
      kind === 'lint' ? 'lint rules (evc lint, evc generate, evc.config.yaml)' : 'compatibility rules (evc check)',
    );
    for (const category of RULE_CATEGORIES) {
      const inCategory = entries.filter((e) => e.kind === kind && e.category === category);
      if (inCategory.length === 0) continue;
      lines.push(`  ${category}`);
      for (const e of inCategory) {
        if (e.family && e.family !== e.id) continue; // printed under its family
        lines.push(`    ${e.id.padEnd(width)}  ${tag(e).padEnd(8)}  ${e.description}`.trimEnd());
        for (const member of inCategory.filter((m) => m.family === e.id && m.id !== e.id))
          lines.push(`      ${member.id.padEnd(width - 2)}  ${tag(member)}`.trimEnd());
      }
    }
    lines.push('');
  }
  lines.push(
    'breaks: always | strict (strict rule set only) | backward / forward (levels checking that direction) | never.',
    'Switch rules off in evc.config.yaml with rules.off: [<id, family or category>]; `evc rules --format json` lists levels.',
  );
  return `${lines.join('\n')}\n`;
}

function tag(e: RuleEntry): string {
  return e.severity ?? e.breaks ?? '';
}

export function registerRulesCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  program
    .command('rules')
    .description('list every lint and compatibility rule id evc can report')
    .addOption(new Option('-f, --format <format>', 'output format').choices(RULES_FORMATS).default('text'))
    .action((opts: { format: RulesFormat }) => {
      io.stdout(formatRules(ruleRegistry(), opts.format));
      done(EXIT.ok);
    });
}
