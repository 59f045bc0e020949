// A service's page: who owns it, what it sends and receives (by topic, with links), where its dead
// letters go.
import { html } from '../html.js';
import { markdownBlock } from '../markdown.js';
import type { ServiceView, SiteModel } from '../site-model.js';
import { page } from './page-frame.js';
import { pageLinks } from './page-links.js';

export function servicePage(view: ServiceView, site: SiteModel): string {
  const { service } = view;
  const body = html`<h1>${service.name}</h1>
    ${service.title === service.name ? '' : html`<p class="summary">${service.title}</p>`}
    <div class="description">${markdownBlock(service.description)}</div>
    <dl class="facts">
      <dt>Team</dt>
      <dd>${service.owner ?? html`<span class="muted">not declared (info.x-owner or info.contact.name)</span>`}</dd>
      <dt>Version</dt>
      <dd>${service.version}</dd>
      <dt>Contract</dt>
      <dd><code>${service.file}</code> <span class="muted">(AsyncAPI ${service.asyncapiVersion})</span></dd>
    </dl>
    <h2 id="sends">Sends</h2>
    ${
      view.sends.length === 0
        ? html`<p class="muted">Sends nothing.</p>`
        : html`<table class="sends">
            <thead>
              <tr>
                <th>Topic</th>
                <th>Messages</th>
              </tr>
            </thead>
            <tbody>
              ${view.sends.map(
                (row) =>
                  html`<tr>
                    <td><a href="${row.topic.href}">${row.topic.name}</a></td>
                    <td>${pageLinks(row.messages)}</td>
                  </tr> `,
              )}
            </tbody>
          </table>`
    }
    <h2 id="receives">Receives</h2>
    ${
      view.receives.length === 0
        ? html`<p class="muted">Receives nothing.</p>`
        : html`<table class="receives">
            <thead>
              <tr>
                <th>Topic</th>
                <th>Messages</th>
                <th>Dead letters go to</th>
              </tr>
            </thead>
            <tbody>
              ${view.receives.map(
                (row) =>
                  html`<tr>
                    <td><a href="${row.topic.href}">${row.topic.name}</a></td>
                    <td>${pageLinks(row.messages)}</td>
                    <td><code>${row.deadLetterTopic}</code></td>
                  </tr> `,
              )}
            </tbody>
          </table>`
    }`;
  return page({ title: service.name, site: site.title, body });
}
