// Descriptions as Markdown, rendered by markdown-it with raw HTML off: `<script>` or `<img onerror>`
// in a contract becomes visible text. Images are off too (an image URL would be a network request
// from a site that must make none), and links are kept only for http(s), mailto and in-page anchors.
import MarkdownIt from 'markdown-it';
import { trustedMarkup, type Markup } from './html.js';

const SAFE_LINK = /^(https?:|mailto:|#)/i;

const renderer = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable(['image']);
renderer.validateLink = (url: string): boolean => SAFE_LINK.test(url.trim());

const defaultLinkOpen = renderer.renderer.rules.link_open;
renderer.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index]?.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen
    ? defaultLinkOpen(tokens, index, options, env, self)
    : self.renderToken(tokens, index, options);
};

/** A contract description as HTML (block Markdown: paragraphs, lists, code, links). */
export function markdownBlock(text: string | undefined): Markup {
  return trustedMarkup(text === undefined || text.trim() === '' ? '' : renderer.render(text));
}

/** A one-line description (a summary, a table cell) as inline Markdown. */
export function markdownInline(text: string | undefined): Markup {
  return trustedMarkup(text === undefined ? '' : renderer.renderInline(text));
}
