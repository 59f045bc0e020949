// A string that matches a contract's `pattern`, for generated example payloads: walks the regular
// expression (parsed by regjsparser, as ECMAScript with the `u` flag, like the validators) taking
// the first alternative and the fewest repetitions, then checks the result with the real engine.
import { createRequire } from 'node:module';
import type { AstNode, CharacterClassBody, Features, parse as Parse } from 'regjsparser';

// regjsparser is a UMD script: Node's ESM loader sees no named exports in it.
const { parse } = createRequire(import.meta.url)('regjsparser') as { parse: typeof Parse };

type Node = AstNode<ParseFeatures>;
type ParseFeatures = Features & { unicodePropertyEscape: true; namedGroups: true; lookbehind: true };

const ESCAPES: Readonly<Record<string, string>> = { d: '0', D: 'a', w: 'a', W: '-', s: ' ', S: 'a' };
/** Characters tried, in order, where any character of a class will do. */
const CANDIDATES = ['a', 'A', '0', 'x', 'X', '1', '-', '_', '.', ' ', '@'];

/**
 * A sample matching `pattern` with at least `minLength` characters (repeating what may repeat), or
 * undefined when none was found (lookarounds, back references): the caller then shows no example
 * rather than a wrong one.
 */
export function patternSample(pattern: string, minLength = 0, maxLength = Infinity): string | undefined {
  let tree: Node;
  let engine: RegExp;
  try {
    engine = new RegExp(pattern, 'u');
    tree = parse(pattern, 'u', { unicodePropertyEscape: true, namedGroups: true, lookbehind: true });
  } catch {
    return undefined;
  }
  for (let extra = 0; extra <= Math.max(minLength, 1); extra++) {
    const sample = emit(tree, extra);
    if (sample === undefined) return undefined;
    if (sample.length >= minLength && sample.length <= maxLength && engine.test(sample)) return sample;
    if (sample.length > maxLength) return undefined;
  }
  return undefined;
}

function emit(node: Node, extra: number): string | undefined {
  switch (node.type) {
    case 'alternative':
      return join(node.body.map((child) => emit(child, extra)));
    case 'disjunction':
      return emit(node.body[0], extra);
    case 'group':
      return node.behavior === 'normal' || node.behavior === 'ignore'
        ? join(node.body.map((child) => emit(child, extra)))
        : '';
    case 'quantifier': {
      const count = Math.min(node.max ?? Infinity, node.min + extra);
      const one = emit(node.body[0], extra);
      return one === undefined ? undefined : one.repeat(count);
    }
    case 'anchor':
      return '';
    case 'value':
      return String.fromCodePoint(node.codePoint);
    case 'dot':
      return 'a';
    case 'characterClassEscape':
      return ESCAPES[node.value];
    case 'unicodePropertyEscape':
      return pick(node.raw);
    case 'characterClass':
      return node.negative || node.body.length === 0 ? pick(node.raw) : first(node.body[0]!, node.raw);
    case 'reference':
      return undefined;
    default:
      return undefined;
  }
}

function first(body: CharacterClassBody, raw: string): string | undefined {
  if (body.type === 'value') return String.fromCodePoint(body.codePoint);
  if (body.type === 'characterClassRange') return String.fromCodePoint(body.min.codePoint);
  if (body.type === 'characterClassEscape') return pick(raw);
  return pick(raw);
}

/** The first candidate character that the class (or property escape) accepts. */
function pick(raw: string): string | undefined {
  let matcher: RegExp;
  try {
    matcher = new RegExp(`^${raw}$`, 'u');
  } catch {
    return undefined;
  }
  return CANDIDATES.find((c) => matcher.test(c));
}

function join(parts: readonly (string | undefined)[]): string | undefined {
  return parts.some((part) => part === undefined) ? undefined : parts.join('');
}
