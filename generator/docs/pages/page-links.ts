// Links between the site's pages, written one way everywhere.
import { html, joined, type Markup } from '../html.js';
import type { PageLink } from '../site-model.js';

export function pageLink(link: PageLink): Markup {
  return html`<a href="${link.href}">${link.name}</a>`;
}

/** `a, b, c` as links. */
export function pageLinks(links: readonly PageLink[]): Markup {
  return joined(links.map(pageLink));
}
