// The index: the graph, then every message, topic and service in tables that the search box
// filters as the reader types (by message, topic, service and property names).
import { html } from '../html.js';
import { markdownInline } from '../markdown.js';
import { graphSvg, layoutGraph } from '../graph.js';
import type { SiteModel } from '../site-model.js';
import { page } from './page-frame.js';
import { pageLinks } from './page-links.js';

export function indexPage(site: SiteModel): string {
  const body = html`<h1>${site.title}</h1>
    <p class="summary">
      ${site.messages.length} messages on ${site.topics.length} topics from ${site.services.length} services ·
      compatibility ${site.defaultLevel} by default
    </p>
    <p>
      <input
        id="search"
        type="search"
        placeholder="Search messages, topics, services, properties…"
        aria-label="search"
        autocomplete="off"
      /><span id="search-count" class="count"></span>
    </p>
    <h2 id="messages">Messages</h2>
    <table class="messages">
      <thead>
        <tr>
          <th>Message</th>
          <th>Topic</th>
          <th>Sent by</th>
          <th>Received by</th>
          <th>Summary</th>
        </tr>
      </thead>
      <tbody>
        ${site.messages.map(
          (m) =>
            html`<tr data-search="${m.searchText}">
              <td><a class="message" href="${m.link.href}">${m.link.name}</a></td>
              <td>${pageLinks(m.topics)}</td>
              <td>${pageLinks(m.senders)}</td>
              <td>${pageLinks(m.receivers.map((r) => r.service))}</td>
              <td>${markdownInline(m.message.summary)}</td>
            </tr> `,
        )}
      </tbody>
    </table>
    <h2 id="topics">Topics</h2>
    <table class="topics">
      <thead>
        <tr>
          <th>Topic</th>
          <th>Messages</th>
          <th>Sent by</th>
          <th>Received by</th>
        </tr>
      </thead>
      <tbody>
        ${site.topics.map(
          (t) =>
            html`<tr data-search="${t.searchText}">
              <td><a class="topic" href="${t.link.href}">${t.link.name}</a></td>
              <td>${pageLinks(t.messages)}</td>
              <td>${pageLinks(t.senders)}</td>
              <td>${pageLinks(t.receivers)}</td>
            </tr> `,
        )}
      </tbody>
    </table>
    <h2 id="services">Services</h2>
    <table class="services">
      <thead>
        <tr>
          <th>Service</th>
          <th>Team</th>
          <th>Sends to</th>
          <th>Receives from</th>
        </tr>
      </thead>
      <tbody>
        ${site.services.map(
          (s) =>
            html`<tr data-search="${s.searchText}">
              <td><a class="service" href="${s.link.href}">${s.link.name}</a></td>
              <td>${s.service.owner ?? ''}</td>
              <td>${pageLinks(s.sends.map((r) => r.topic))}</td>
              <td>${pageLinks(s.receives.map((r) => r.topic))}</td>
            </tr> `,
        )}
      </tbody>
    </table>
    ${
      site.removed.length === 0
        ? ''
        : html`<h2 id="removed">Removed messages</h2>
            <p class="muted">Released before, no longer in the contracts; their history stays in evc.lock.yaml.</p>
            <ul>
              ${site.removed.map((e) => html`<li>${e.message} <span class="muted">(last released v${e.versions[e.versions.length - 1]})</span></li>`)}
            </ul>`
    }
    <h2 id="graph">Services and topics</h2>
    <p class="muted">
      Each service points to the topics it sends to, each topic to the services that receive from it. Click a node to
      open its page.
    </p>
    <div class="graph-box">${graphSvg(layoutGraph(site.graph))}</div>`;
  return page({ title: 'Event catalogue', site: site.title, body, search: true });
}
