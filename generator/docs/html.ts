// The one way contract text reaches the site's HTML: the `html` tagged template escapes every
// interpolated value unless it is markup this template (or the Markdown renderer) made itself, so
// a name, description or example from a hostile contract is always shown as text.

/** HTML built by `html` or `trustedMarkup`: safe to place as it is. */
export class Markup {
  constructor(readonly text: string) {}
}

/** What a template may interpolate: text (escaped), numbers, markup, lists of them; nothing for undefined/false. */
export type HtmlValue = Markup | string | number | boolean | undefined | null | readonly HtmlValue[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Wraps markup produced by a trusted renderer (the Markdown module, the graph printer's own tags). */
export function trustedMarkup(text: string): Markup {
  return new Markup(text);
}

function render(value: HtmlValue): string {
  if (value === undefined || value === null || value === false || value === true) return '';
  if (value instanceof Markup) return value.text;
  if (isList(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

// Array.isArray narrows to a mutable array, so on its own it leaves `readonly HtmlValue[]` in the type.
function isList(value: HtmlValue): value is readonly HtmlValue[] {
  return Array.isArray(value);
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Markup {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return trustedMarkup(out);
}

/** Markup parts separated by `separator` (text, escaped). */
export function joined(parts: readonly HtmlValue[], separator = ', '): Markup {
  return html`${parts.map((part, i) => (i === 0 ? html`${part}` : html`${separator}${part}`))}`;
}
