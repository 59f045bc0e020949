// Builds dist/: tsc compiles generator/, runtime/ and contract-conventions/ module by module (what the
// package's `./runtime` export and its type declarations are), then esbuild bundles the CLI from that output
// into dist/cli/, which bin/evc.js runs. Why a bundle: a new `evc` process spent 100–150 ms of CPU resolving,
// reading and linking some 200 ES modules (ours, yaml's, commander's) before doing any work; a few chunks
// load in a fraction of that. Runs as `npm run build` and through `prepare` on `npm ci` / `npm pack`.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/**
 * Packages the CLI keeps loading from node_modules instead of bundling. ajv: the generator requires some of
 * its files by path at run time (standalone code generation, the cached validators' runtime helpers), and a
 * second, bundled copy would not recognise the first one's objects. The others are large and only needed by
 * some commands (Kafka clients, Avro, the AsyncAPI schemas, the docs site), or read their own files.
 */
const LOADED_FROM_NODE_MODULES = [
  'ajv',
  'ajv-formats',
  'ajv-draft-04',
  '@asyncapi/specs',
  'kafkajs',
  '@platformatic/kafka',
  'avsc',
  'markdown-it',
  '@dagrejs/dagre',
  'exponential-backoff',
];

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

await build({
  absWorkingDir: root,
  // The worker compiles validators in parallel (generator/emit/validator-workers.ts starts it by its file name,
  // next to the chunk that starts it).
  entryPoints: {
    main: 'dist/generator/cli/main.js',
    'validator-compile-worker': 'dist/generator/emit/validator-compile-worker.js',
  },
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: LOADED_FROM_NODE_MODULES.flatMap((name) => [name, `${name}/*`]),
  chunkNames: 'chunk-[hash]',
  // The CommonJS packages bundled (commander, safe-regex2, …) call require() for Node's own modules, which an ES
  // module has no binding for: each chunk gets one.
  banner: {
    js: "import { createRequire as __evcCreateRequire } from 'node:module';\nconst require = __evcCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
