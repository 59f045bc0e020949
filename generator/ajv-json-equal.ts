// ajv compares `enum`/`const`/`uniqueItems` values with fast-deep-equal, which calls an instance's
// own `valueOf`/`toString` and compares `constructor` properties: `{"toString": 1}` makes it throw.
// Its runtime module is the one place both compiled and standalone validators take `equal` from, so
// it is replaced there — before any validator is compiled or a cached standalone one is loaded (which
// reads it once, at load). Its own module, so a run that only loads cached validators skips ajv itself.
import { createRequire } from 'node:module';
import { jsonEqual } from '../contract-conventions/index.js';

const require = createRequire(import.meta.url);

/** Makes ajv's runtime `equal` the contracts' JSON equality; idempotent. */
export function useJsonEqualInAjv(): void {
  const ajvEqual = require('ajv/dist/runtime/equal') as {
    default: ((a: unknown, b: unknown) => boolean) & { code?: string };
  };
  if (ajvEqual.default !== jsonEqual) {
    const code = ajvEqual.default.code;
    ajvEqual.default = Object.assign(jsonEqual, { code });
  }
}
