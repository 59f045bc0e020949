// Splits a block-style YAML document into its top-level sections (`info:`, `channels:`, …), so that
// after an edit only the sections whose text changed are parsed again (parse-cache.ts): an author's
// edit touches one section, and parsing a whole 17 KB document in a new process costs ~100 ms.
// Only a split that is certainly exact is offered; anything else (JSON or flow style, document
// markers, directives, a key the pattern does not know, CR line ends, aliases) is parsed as one text.

export interface TopLevelSection {
  /** The top-level key the section starts with. */
  readonly key: string;
  /** The section's lines (comments and blank lines before the first key belong to the first section). */
  readonly text: string;
  /** How many lines of the document come before the section. */
  readonly lineOffset: number;
}

// A plain key that YAML reads as itself and JavaScript orders as written (not integer-like), then `:`.
const KEY_LINE = /^([A-Za-z_$][A-Za-z0-9_$.-]*):(?:[ \t]|$)/;

/**
 * Something that may be an alias (`*name`): parsed alone, a section would read an alias of another
 * section's anchor as null without an error. Markdown emphasis in descriptions matches too; such a
 * document is merely parsed whole.
 */
const MAYBE_ALIAS = /(?:^|[\s[{,:?-])\*[^\s*,\]}]/m;

/** The document's top-level sections in order, or undefined when the text is not one that splits exactly. */
export function topLevelSections(text: string): TopLevelSection[] | undefined {
  if (text.includes('\r') || text.startsWith('\uFEFF') || MAYBE_ALIAS.test(text)) return undefined;
  const lines = text.split('\n');
  const starts: { key: string; line: number }[] = [];
  const keys = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const first = line[0];
    // Indented lines, blank lines and comments continue the section; so do sequence items at column 0
    // (`tags:` followed by `- name: x` is a block sequence under `tags`).
    if (first === undefined || first === ' ' || first === '#') continue;
    if (first === '-' && starts.length > 0 && (line.length === 1 || line[1] === ' ') && !line.startsWith('---'))
      continue;
    const key = KEY_LINE.exec(line)?.[1];
    // Anything else at column 0 (a quoted or complex key, `---`, `%YAML`, `{`, a tab) is not split.
    if (key === undefined || keys.has(key)) return undefined;
    keys.add(key);
    starts.push({ key, line: i });
  }
  if (starts.length < 2) return undefined;
  return starts.map(({ key, line }, index) => {
    const from = index === 0 ? 0 : line;
    const to = starts[index + 1]?.line ?? lines.length;
    const body = lines.slice(from, to).join('\n');
    return { key, text: to < lines.length ? `${body}\n` : body, lineOffset: from };
  });
}
