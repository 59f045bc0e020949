// Text from contracts (names, summaries, topics) inside Markdown tables: one cell stays one cell,
// whatever the contract author wrote.

/** Escapes what would end the cell or the row. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A code span inside a cell (backticks in the text cannot close it early). */
export function markdownCode(text: string): string {
  return text ? `\`${markdownCell(text).replace(/`/g, "'")}\`` : '';
}
