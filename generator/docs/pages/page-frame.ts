// The frame every page shares: head with the inlined stylesheet, a Content-Security-Policy that
// lets the page load nothing from anywhere (only its own inline style and, on the index, its
// search script, allowed by hash), and the header linking back to the index.
import { createHash } from 'node:crypto';
import { GENERATED_MARKER } from '../../emit/printer.js';
import { html, trustedMarkup, type Markup } from '../html.js';
import { SEARCH_SCRIPT, STYLE } from './assets.js';

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const POLICY = [
  "default-src 'none'",
  `style-src ${hash(STYLE)}`,
  `script-src ${hash(SEARCH_SCRIPT)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export interface PageFrame {
  readonly title: string;
  readonly site: string;
  readonly body: Markup;
  /** Only the index searches. */
  readonly search?: boolean;
}

// Built here, not in the template below, so that no formatting of the template can change the bytes
// the policy's hashes are computed over.
const STYLE_ELEMENT = trustedMarkup(`<style>${STYLE}</style>`);
const SCRIPT_ELEMENT = trustedMarkup(`<script>${SEARCH_SCRIPT}</script>`);

export function page(frame: PageFrame): string {
  const script = frame.search ? SCRIPT_ELEMENT : undefined;
  return `<!doctype html>\n<!-- ${GENERATED_MARKER}: evc docs; do not edit -->\n${
    html`<html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${POLICY}" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${frame.title} · ${frame.site}</title>
        ${STYLE_ELEMENT}
      </head>
      <body>
        <header class="site"><a href="index.html">${frame.site}</a> <span class="muted">event catalogue</span></header>
        <main>${frame.body}</main>
        ${script}
      </body>
    </html> `.text
  }`;
}
