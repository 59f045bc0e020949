// The one printer for generated code. Like ajv's codegen `_` template, `ts` only accepts
// interpolations that are code we built (Code) or values passed through an escaping helper:
// a contract's text can never become code by accident — a raw string interpolation throws.
import { isIdentifier, isIdentifierSyntax } from './naming.js';

export class Code {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Interpolation = Code | number | readonly Code[];

export function ts(strings: TemplateStringsArray, ...values: Interpolation[]): Code {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    if (value instanceof Code) out += value.text;
    else if (typeof value === 'number' && Number.isFinite(value)) out += String(value);
    else if (Array.isArray(value) && value.every((v) => v instanceof Code)) out += value.map((v) => v.text).join('');
    else
      throw new TypeError(
        `printer: refusing to interpolate ${typeof value} ${JSON.stringify(value)} — ` +
          'wrap it with ident(), literal() or docComment()',
      );
    out += strings[index + 1] ?? '';
  });
  return new Code(out);
}

/**
 * `ts` for a multi-line template written at the emitter's own indentation, so the shape of the generated file is
 * visible in the source: the first line break, the last line's indentation and the indentation common to all
 * non-blank lines of the template's own text are removed. Interpolated code is left as it is.
 *
 *     block`
 *       export class ${name} {
 *         constructor() {}
 *       }
 *     `   // → "export class X {\n  constructor() {}\n}\n"
 */
export function block(strings: TemplateStringsArray, ...values: Interpolation[]): Code {
  const parts = [...strings];
  parts[0] = parts[0]!.replace(/^[ \t]*\n/, '');
  const last = parts.length - 1;
  parts[last] = parts[last]!.replace(/\n[ \t]*$/, '\n');
  // Indentation of each line that starts in the template's text (not inside an interpolation) and is not blank.
  const indents = parts.flatMap((part, index) =>
    (index === 0 ? `\n${part}` : part)
      .split('\n')
      .slice(1)
      .filter((line, lineIndex, lines) => line.trim() !== '' || (lineIndex === lines.length - 1 && index < last))
      .map((line) => /^[ \t]*/.exec(line)![0].length),
  );
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  const dedented = parts.map((part, index) => {
    const lines = (index === 0 ? `\n${part}` : part).split('\n');
    const out = [lines[0]!, ...lines.slice(1).map((line) => line.slice(Math.min(common, indentOf(line))))];
    return index === 0 ? out.join('\n').slice(1) : out.join('\n');
  });
  return ts(Object.assign(dedented, { raw: dedented }), ...values);
}

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)![0].length;
}

/** An identifier we allocated (see naming.ts); anything else is a bug in the emitter. */
export function ident(name: string): Code {
  if (!isIdentifierSyntax(name)) throw new Error(`printer: "${name}" is not a valid identifier`);
  return new Code(name);
}

/** A JS/TS literal for any JSON value: strings are JSON-escaped, plus U+2028/9 for older tools. */
export function literal(value: unknown): Code {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('printer: non-finite number');
  if (value === undefined) return new Code('undefined');
  const json = JSON.stringify(value);
  return new Code(json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));
}

/** A property name in an object type or literal: bare when it is a plain identifier, else quoted. */
export function propertyKey(name: string): Code {
  const plain = isIdentifierSyntax(name) && name !== '__proto__' && name !== 'constructor';
  return plain ? new Code(name) : literal(name);
}

/** `obj.name` or `obj["name"]` for reading a property in generated code. */
export function member(object: Code, name: string): Code {
  return isIdentifier(name) ? ts`${object}.${new Code(name)}` : ts`${object}[${literal(name)}]`;
}

/** A JSDoc block; comment terminators and odd line separators in contract text are neutralised. */
export function docComment(lines: readonly (string | undefined)[], indent = ''): Code {
  const text = lines
    .filter((l): l is string => typeof l === 'string' && l.trim() !== '')
    .join('\n\n')
    .replace(/\r\n?|\u2028|\u2029/g, '\n')
    .replace(/\*\//g, '*\\/')
    // eslint-disable-next-line no-control-regex -- control characters are what this line removes
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .trim();
  if (text === '') return new Code('');
  const body = text.split('\n').map((line) => `${indent} *${line === '' ? '' : ` ${line.trimEnd()}`}`);
  return new Code(`${indent}/**\n${body.join('\n')}\n${indent} */\n`);
}

/** A single-line `//` comment; newlines cannot end it early. */
export function lineComment(text: string): Code {
  return new Code(`// ${text.replace(/[\r\n\u2028\u2029]+/g, ' ')}`);
}

export function join(parts: readonly Code[], separator: string): Code {
  return new Code(parts.map((p) => p.text).join(separator));
}

export function lines(parts: readonly Code[]): Code {
  return join(parts, '\n');
}

export function indent(code: Code, prefix = '  '): Code {
  return new Code(
    code.text
      .split('\n')
      .map((l) => (l === '' ? l : prefix + l))
      .join('\n'),
  );
}

/** The header every generated file starts with, so people and `--check` know it is ours. */
export const GENERATED_MARKER = 'Generated by evc (eventcontracts)';

export function fileHeader(from: string): Code {
  return block`
    ${lineComment(`${GENERATED_MARKER} from ${from}.`)}
    // Do not edit: change the contract and run \`evc generate\`.
  `;
}
