// Replaces one method of a kafkajs 2.2.4 internal class, for the fixes in this folder (kafkajs has had no release
// since 2.2.4, so its bugs are mended here). A fix applies only to the copy it was written for: kafkajs exactly
// 2.2.4, with the stock method still in place (its source holds the marker). Any other copy keeps what it has.
// Each method is replaced once per process; asking again gives the first outcome (the replaced method no longer
// holds the marker, so a second look would say no).
import { createRequire } from 'node:module';

const localRequire = createRequire(import.meta.url);
const FIXED_VERSION = '2.2.4';
/** The outcome of each replacement asked for so far, by module and method. */
const outcomes = new Map<string, boolean>();

export interface KafkajsMethodFix<Method> {
  /** The module exporting the class, inside the kafkajs package (`src/consumer/runner.js`). */
  readonly module: string;
  readonly method: string;
  /** Text of kafkajs 2.2.4's own method that the fix was written against. */
  readonly stockMarker: string;
  /** The replacement, given the stock method. */
  readonly replacement: (stock: Method) => Method;
}

/** True when the method was replaced (now or by an earlier call). */
export function replaceKafkajsMethod<Method extends (...args: never[]) => unknown>(
  fix: KafkajsMethodFix<Method>,
): boolean {
  const key = `${fix.module}#${fix.method}`;
  let outcome = outcomes.get(key);
  if (outcome === undefined) outcomes.set(key, (outcome = replaceOnce(fix)));
  return outcome;
}

function replaceOnce<Method extends (...args: never[]) => unknown>(fix: KafkajsMethodFix<Method>): boolean {
  try {
    if ((localRequire('kafkajs/package.json') as { version: string }).version !== FIXED_VERSION) return false;
    const prototype = (localRequire(`kafkajs/${fix.module}`) as { prototype: Record<string, unknown> }).prototype;
    const stock = prototype[fix.method];
    if (typeof stock !== 'function' || !String(stock).includes(fix.stockMarker)) return false;
    prototype[fix.method] = fix.replacement(stock as Method);
    return true;
  } catch {
    return false; // kafkajs laid out differently: its own method stays
  }
}
