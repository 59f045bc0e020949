// A topic's page: the messages on it, who sends and who receives, and its Kafka binding — what an
// on-call engineer checks before touching the topic.
import { html } from '../html.js';
import { markdownBlock } from '../markdown.js';
import type { SiteModel, TopicView } from '../site-model.js';
import { page } from './page-frame.js';
import { pageLinks } from './page-links.js';

export function topicPage(view: TopicView, site: SiteModel): string {
  const { topic } = view;
  const links = (list: readonly { name: string; href: string }[], none: string) =>
    list.length === 0 ? html`<span class="muted">${none}</span>` : pageLinks(list);
  const body = html`<h1>${topic.address}</h1>
    <div class="description">${markdownBlock(topic.description)}</div>
    <dl class="facts">
      <dt>Messages</dt>
      <dd>${links(view.messages, 'none')}</dd>
      <dt>Sent by</dt>
      <dd>${links(view.senders, 'no service sends to it')}</dd>
      <dt>Received by</dt>
      <dd>${links(view.receivers, 'no service receives from it')}</dd>
      <dt>Kafka binding</dt>
      <dd>
        ${topic.kafka === undefined ? html`<span class="muted">none</span>` : html`<pre><code>${JSON.stringify(topic.kafka, null, 2)}</code></pre>`}
      </dd>
    </dl>`;
  return page({ title: topic.address, site: site.title, body });
}
