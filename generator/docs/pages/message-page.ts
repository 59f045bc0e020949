// A message's page: what travels on which topic with which key and headers, the payload table, an
// example, who sends and who receives it (dead-letter topic, retries), its compatibility level and
// release history in the words `evc check` uses.
import { NameAllocator } from '../../emit/naming.js';
import { html, joined, type Markup } from '../html.js';
import { markdownBlock, markdownInline } from '../markdown.js';
import type { HistoryChange } from '../release-history.js';
import type { MessageView, SiteModel } from '../site-model.js';
import { page } from './page-frame.js';
import { pageLink, pageLinks } from './page-links.js';
import { schemaView } from './schema-view.js';

const STATUS: Record<MessageView['entry']['status'], string> = {
  released: 'released',
  changed: 'changed since the last release (not released yet)',
  unreleased: 'not released yet',
  removed: 'removed',
};

export function messagePage(view: MessageView, site: SiteModel): string {
  const { message, entry } = view;
  const ids = new NameAllocator(['payload', 'key', 'headers', 'example', 'receivers', 'history']);
  const last = entry.versions[entry.versions.length - 1];
  const body = html`<h1>${message.name}</h1>
    ${message.summary === undefined ? '' : html`<p class="summary">${markdownInline(message.summary)}</p>`}
    <div class="description">${markdownBlock(message.description)}</div>
    <dl class="facts">
      <dt>Topic</dt>
      <dd>${pageLinks(view.topics)}</dd>
      <dt>Sent by</dt>
      <dd>
        ${
          view.senders.length === 0
            ? html`<span class="muted">no service sends it</span>`
            : joined(
                view.senders.map(
                  (s) =>
                    html`${pageLink(s)}${s.team === undefined ? '' : html` <span class="muted">(${s.team})</span>`}`,
                ),
              )
        }
      </dd>
      <dt>Content type</dt>
      <dd>${message.contentType ?? 'application/json'}</dd>
      <dt>Compatibility</dt>
      <dd>
        ${view.level}
        <span class="muted">${view.levelDeclared ? '(x-evc-compatibility on the message)' : '(registry default)'}</span>
      </dd>
      <dt>Release</dt>
      <dd>${last === undefined ? '' : `v${last}, `}${STATUS[entry.status]}</dd>
      <dt>Defined at</dt>
      <dd><code>${message.definition.file}:${message.definition.line}:${message.definition.column}</code></dd>
    </dl>
    <h2 id="key">Key</h2>
    ${view.key === undefined ? html`<p class="muted">No key schema (bindings.kafka.key): records may have any key.</p>` : schemaView(view.key, 'key', ids)}
    <h2 id="headers">Headers</h2>
    ${view.headers === undefined ? html`<p class="muted">No headers schema.</p>` : schemaView(view.headers, 'headers', ids)}
    <h2 id="payload">Payload</h2>
    ${view.payload === undefined ? html`<p class="muted">No payload schema.</p>` : schemaView(view.payload, 'payload', ids)}
    <h2 id="example">Example</h2>
    ${example(view)}
    <h2 id="receivers">Receivers</h2>
    ${receivers(view)}
    <h2 id="history">Release history</h2>
    ${history(view, site)}`;
  return page({ title: message.name, site: site.title, body });
}

function example(view: MessageView): Markup {
  const { example } = view;
  const part = (label: string, value: unknown, present: boolean): Markup | string =>
    !present
      ? ''
      : value === undefined
        ? html`<p class="muted">No ${label} example could be built from the schema.</p>`
        : html`<h3>${label}</h3>
            <pre class="example ${label}"><code>${JSON.stringify(value, null, 2)}</code></pre>`;
  return html`<p class="muted">
      ${example.source === 'contract' ? 'From the contract’s examples.' : 'Generated from the schemas (valid against them).'}
    </p>
    ${part('key', example.key, view.key !== undefined)} ${part('headers', example.headers, view.headers !== undefined)}
    ${part('payload', example.payload, view.payload !== undefined)}`;
}

function receivers(view: MessageView): Markup {
  if (view.receivers.length === 0) return html`<p class="muted">No service receives it.</p>`;
  return html`<table class="receivers">
    <thead>
      <tr>
        <th>Service</th>
        <th>Topic</th>
        <th>Dead letters go to</th>
        <th>Retries of a failing handler</th>
      </tr>
    </thead>
    <tbody>
      ${view.receivers.map(
        (r) =>
          html`<tr>
            <td><a href="${r.service.href}">${r.service.name}</a></td>
            <td>${r.topic}</td>
            <td><code>${r.deadLetterTopic}</code></td>
            <td>${r.retry} <span class="muted">${r.retryDeclared ? '(x-retry)' : '(runtime default)'}</span></td>
          </tr> `,
      )}
    </tbody>
  </table>`;
}

function history(view: MessageView, site: SiteModel): Markup {
  const { versions, unreleased } = view.history;
  if (!site.hasHistory)
    return html`<p class="muted">No release history yet: <code>evc release</code> records it in evc.lock.yaml.</p>`;
  const changes = (list: readonly HistoryChange[]): Markup =>
    list.length === 0
      ? html`<p class="muted">No change to payload, key, headers or content type.</p>`
      : html`<ul class="changes">
          ${list.map(
            (c) =>
              html`<li>
                <span class="tag ${c.breaking ? 'breaking' : 'ok'}">${c.breaking ? 'BREAKING' : 'ok'}</span>
                <code>${c.rule}</code>${c.path ? html` <code>${c.path}</code>` : ''}: ${c.text}
              </li>`,
          )}
        </ul>`;
  return html`${
    unreleased === undefined
      ? ''
      : html`<h3>Since the last release (not released yet)</h3>
          ${changes(unreleased)}`
  }
  ${versions.length === 0 ? html`<p class="muted">Not released yet.</p>` : ''}
  ${[...versions].reverse().map(
    (v) =>
      html`<h3>v${v.version}</h3>
        ${v.version === versions[0]?.version ? html`<p>First release.</p>` : changes(v.changes)}`,
  )}`;
}
