// Emitter sources stay readable: templates are written as multi-line `block`s through the printer, so no line of
// generator/emit/ needs to be longer than the project's 120 columns (Prettier cannot wrap a template literal).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const EMIT = resolve(import.meta.dirname, '../../../generator/emit');

it('no emitter source line is over 120 characters', () => {
  const files = readdirSync(EMIT).filter((name) => name.endsWith('.ts'));
  expect(files.length).toBeGreaterThan(5);
  const long = files.flatMap((name) =>
    readFileSync(join(EMIT, name), 'utf8')
      .split('\n')
      .flatMap((line, index) => (line.length > 120 ? [`${name}:${index + 1} (${line.length})`] : [])),
  );
  expect(long).toEqual([]);
});
