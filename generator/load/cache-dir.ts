// Where evc keeps derived data between runs: $EVC_CACHE_DIR, else node_modules/.cache/eventcontracts.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export function evcCacheDir(): string {
  return (
    process.env.EVC_CACHE_DIR ??
    path.join(path.dirname(require.resolve('ajv/package.json')), '..', '.cache', 'eventcontracts')
  );
}
