// The printer and naming are the only way contract text reaches generated code: tables for the
// known-nasty inputs, and properties over arbitrary strings.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ts from 'typescript';
import { compileFunction } from 'node:vm';
import { block, Code, docComment, ident, literal, propertyKey, ts as code } from '../../../generator/emit/printer.js';
import { NameAllocator, camelCase, isIdentifier, kebabCase, pascalCase } from '../../../generator/emit/naming.js';

/** Syntax errors TypeScript finds in a source text. */
function syntaxErrors(source: string): string[] {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true);
  return (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  );
}

describe('printer', () => {
  it('refuses to interpolate raw strings', () => {
    const contractText = 'x; process.exit(1)';
    expect(() => code`const a = ${contractText as unknown as Code};`).toThrow(/refusing to interpolate/);
  });

  it.each([
    ['*/ process.exit(1) /*'],
    ['line\nbreak\u2028and\u2029more'],
    ['`${process.exit(1)}`'],
    ['</script>'],
    ['\u0000\u0007control'],
  ])('keeps %j inside a doc comment', (text) => {
    const source = `${docComment([text]).text}export const a = 1;\n`;
    expect(syntaxErrors(source)).toEqual([]);
    const statements = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest).statements;
    expect(statements).toHaveLength(1);
  });

  it('prints every string as a literal that evaluates back to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const source = `export const value = ${literal(text).text};`;
        expect(syntaxErrors(source)).toEqual([]);
        const js = ts.transpile(source, { module: ts.ModuleKind.CommonJS });
        const module = { exports: {} as { value?: string } };
        const run = compileFunction(js, ['module', 'exports']) as (module: unknown, exports: unknown) => void;
        run(module, module.exports);
        expect(module.exports.value).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps any text inside a doc comment: the file still has exactly one statement', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const source = `${docComment([text]).text}export type A = { readonly ${propertyKey(text).text}: string };\n`;
        expect(syntaxErrors(source)).toEqual([]);
        expect(ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest).statements).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('block', () => {
  const name = ident('Route');
  const doc = new Code('/** A route. */\n');
  const body = new Code('a: 1,\n  b: 2,');
  it.each([
    ['a one-line template', block`x`, 'x'],
    [
      'dedents to the least indented line and drops the first line break and the closing indentation',
      block`
        export class ${name} {
          start(): void {}
        }
      `,
      'export class Route {\n  start(): void {}\n}\n',
    ],
    [
      'counts a line that starts with an interpolation at its own indentation',
      block`
        ${doc}export const ${name} = 1;
      `,
      '/** A route. */\nexport const Route = 1;\n',
    ],
    [
      'leaves interpolated line breaks alone',
      block`
        const x = {
          ${body}
        };
      `,
      'const x = {\n  a: 1,\n  b: 2,\n};\n',
    ],
    [
      'keeps blank lines blank',
      block`
        a

        b
      `,
      'a\n\nb\n',
    ],
  ])('%s', (_case, printed, text) => {
    expect(printed.text).toBe(text);
  });

  it('refuses raw strings like ts does', () => {
    expect(() => block`${'x' as unknown as Code}`).toThrow(/refusing to interpolate/);
  });
});

describe('naming', () => {
  it.each([
    ['route-calculated', 'RouteCalculated', 'routeCalculated', 'route-calculated'],
    ['__proto__', 'Proto', 'proto', 'proto'],
    ['class', 'Class', 'class_', 'class'],
    ['constructor', 'Constructor', 'constructor_', 'constructor'],
    ['Promise', 'Promise_', 'promise', 'promise'],
    ['1st', '_1st', '_1st', '1st'],
    ['Lieferung_Ä', 'LieferungÄ', 'lieferungÄ', 'lieferung'],
    ['配送', '配送', '配送', 'unnamed-'],
    ['', 'Unnamed', 'unnamed', 'unnamed-'],
  ])('%j → %s / %s / %s', (raw, pascal, camel, kebab) => {
    expect(pascalCase(raw)).toBe(pascal);
    expect(camelCase(raw)).toBe(camel);
    expect(kebabCase(raw).startsWith(kebab)).toBe(true);
  });

  it('always yields a valid, non-reserved identifier of bounded length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (raw) => {
        for (const name of [pascalCase(raw), camelCase(raw)]) {
          expect(isIdentifier(name), name).toBe(true);
          expect(() => ident(name)).not.toThrow();
          expect(name.length).toBeLessThanOrEqual(80);
        }
        expect(kebabCase(raw)).toMatch(/^[a-z0-9][a-z0-9-]{0,59}$/);
      }),
      { numRuns: 500 },
    );
  });

  it('allocates distinct names for names that collide after case conversion, deterministically', () => {
    const allocate = (names: string[]): string[] => {
      const allocator = new NameAllocator();
      return names.map((n) => allocator.claim(pascalCase(n)));
    };
    expect(allocate(['order-created', 'OrderCreated', 'order_created'])).toEqual([
      'OrderCreated',
      'OrderCreated2',
      'OrderCreated3',
    ]);
    expect(allocate(['order-created', 'OrderCreated', 'order_created'])).toEqual(
      allocate(['order-created', 'OrderCreated', 'order_created']),
    );
  });
});
