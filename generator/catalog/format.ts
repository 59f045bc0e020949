// The catalog for a terminal (text), for scripts (json) and for a wiki page or PR comment
// (markdown). Contract text is printed through one sanitizer per format: a hostile summary can
// neither inject terminal escape sequences nor break a Markdown table.
import { markdownCell, markdownCode } from '../report/markdown-cells.js';
import { printable } from '../report/printable.js';
import type { Catalog, CatalogEntry, Receiver, ReleaseStatus } from './catalog.js';
import { formatRetryDelay } from '../../contract-conventions/index.js';

export const CATALOG_FORMATS = ['text', 'json', 'markdown'] as const;
export type CatalogFormat = (typeof CATALOG_FORMATS)[number];

export function formatCatalog(
  catalog: Catalog,
  format: CatalogFormat,
  context: { readonly contracts: string; readonly lockfile: string },
): string {
  if (format === 'json')
    return `${JSON.stringify({ contracts: context.contracts, history: catalog.hasHistory ? context.lockfile : null, messages: catalog.entries }, null, 2)}\n`;
  if (format === 'markdown') return markdown(catalog, context);
  return text(catalog, context);
}

function headline(catalog: Catalog, context: { readonly contracts: string; readonly lockfile: string }): string {
  const history = catalog.hasHistory
    ? `history ${context.lockfile}`
    : `no release history yet (run evc release to record ${context.lockfile})`;
  return `${context.contracts}: ${catalog.entries.filter((e) => e.status !== 'removed').length} message(s) on ${catalog.topics} topic(s) from ${catalog.services} service(s); ${history}`;
}

function statusText(entry: CatalogEntry): string {
  const last = entry.versions[entry.versions.length - 1];
  const words: Record<ReleaseStatus, string> = {
    released: `v${last} (released)`,
    changed: `changed since v${last} (not released yet)`,
    unreleased: 'not released yet',
    removed: `removed (last released v${last})`,
  };
  return words[entry.status];
}

function text(catalog: Catalog, context: { readonly contracts: string; readonly lockfile: string }): string {
  const lines = [headline(catalog, context)];
  for (const entry of catalog.entries) {
    lines.push('', `${printable(entry.message)}  ${statusText(entry)}`);
    const row = (label: string, value: string) => lines.push(`  ${label.padEnd(12)}${value}`);
    if (entry.summary !== undefined) row('summary', printable(entry.summary));
    if (entry.topics.length > 0) row('topic', printableList(entry.topics));
    if (entry.owners.length > 0)
      row('owner', `${printableList(entry.owners)}${entry.teams.length > 0 ? ` (${printableList(entry.teams)})` : ''}`);
    for (const [index, receiver] of entry.receivers.entries()) {
      row(
        index === 0 ? 'receivers' : '',
        `${printable(receiver.service)}, ${retriesText(receiver, printable)}dead letters to ${printable(receiver.deadLetterTopic)}`,
      );
    }
    if (entry.definedAt !== undefined)
      row('defined at', `${printable(entry.definedAt.file)}:${entry.definedAt.line}:${entry.definedAt.column}`);
    if (entry.versions.length > 1) row('versions', entry.versions.map((version) => `v${version}`).join(', '));
  }
  return `${lines.join('\n')}\n`;
}

/** `retries via a (1s), b (10s), ` for a receiver with retry topics, else nothing. */
function retriesText(receiver: Receiver, name: (topic: string) => string): string {
  if (receiver.retryTopics.length === 0) return '';
  const stages = receiver.retryTopics.map((stage) => `${name(stage.topic)} (${formatRetryDelay(stage.delayMs)})`);
  return `retries via ${stages.join(', ')}, `;
}

// Not `values.map(printable)`: map would hand each element's index to printable as its maximum length.
function printableList(values: readonly string[]): string {
  return values.map((value) => printable(value)).join(', ');
}

function markdown(catalog: Catalog, context: { readonly contracts: string; readonly lockfile: string }): string {
  const lines = [
    `**${markdownCell(headline(catalog, context))}**`,
    '',
    '| Message | Topic | Owner | Receivers (dead letters) | Version | Summary |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const entry of catalog.entries) {
    const owner = `${entry.owners.map(markdownCode).join(', ')}${entry.teams.length > 0 ? ` (${markdownCell(entry.teams.join(', '))})` : ''}`;
    const receivers = entry.receivers
      .map((r) => `${markdownCode(r.service)} (${retriesText(r, markdownCode)}${markdownCode(r.deadLetterTopic)})`)
      .join(', ');
    lines.push(
      `| ${markdownCode(entry.message)} | ${entry.topics.map(markdownCode).join(', ')} | ${owner} | ${receivers} | ${markdownCell(statusText(entry))} | ${markdownCell(entry.summary ?? '')} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
