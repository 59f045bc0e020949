// A schema's sections as HTML tables: the root rows, then each named `$ref` target under its own
// heading with an anchor the rows' types link to.
import { NameAllocator, kebabCase } from '../../emit/naming.js';
import { html, type Markup } from '../html.js';
import { markdownInline, markdownBlock } from '../markdown.js';
import type { SchemaRow, SchemaSection } from '../schema-table.js';

/** `part` keeps anchors of the key, headers and payload on one page apart. */
export function schemaView(sections: readonly SchemaSection[], part: string, ids: NameAllocator): Markup {
  const anchors = new Map<string, string>();
  const anchor = (name: string): string => {
    let id = anchors.get(name);
    if (id === undefined) anchors.set(name, (id = ids.claim(`${part}-${kebabCase(name)}`)));
    return id;
  };
  return html`${sections.map((section) =>
    section.name === undefined
      ? table(section.rows, anchor)
      : html`<h3 id="${anchor(section.name)}">${section.name}</h3>
          ${markdownBlock(section.description)}${table(section.rows, anchor)}`,
  )}`;
}

function table(rows: readonly SchemaRow[], anchor: (name: string) => string): Markup {
  return html`<table class="schema">
    <thead>
      <tr>
        <th>Name</th>
        <th>Type</th>
        <th>Required</th>
        <th>Constraints</th>
        <th>Description</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>
            <td class="name depth-${Math.min(row.depth, 6)}"><code>${row.path}</code></td>
            <td class="type">
              ${
                row.ref === undefined
                  ? row.type
                  : html`<a href="#${anchor(row.ref)}">${typeLabel(row.type, row.ref)}</a>`
              }
            </td>
            <td>${row.required ? 'yes' : ''}</td>
            <td>${row.constraints.map((c) => html`<span class="constraint">${c}</span>`)}</td>
            <td>${markdownInline(row.description)}</td>
          </tr> `,
      )}
    </tbody>
  </table>`;
}

/** `Money` for a named object, `array of InvoiceLine` as it is, `string (TruckId)` for a named scalar. */
function typeLabel(type: string, ref: string): string {
  if (type === 'object' || type === 'any') return ref;
  return type.includes(ref) ? type : `${type} (${ref})`;
}
