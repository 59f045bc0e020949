#!/usr/bin/env node
// Entry point of the `evc` command: runs the compiled CLI (built by `npm run build`, which
// `npm ci` runs through `prepare`).
import module from 'node:module';

// Node ≥ 22.1 keeps the code it compiles for each module on disk (in os.tmpdir()/node-compile-cache, or
// $NODE_COMPILE_CACHE; keyed by Node version and file content, safe to delete), so a later `evc` skips
// compiling its modules again. Older Node has no such function: nothing changes there.
module.enableCompileCache?.();
const { main } = await import('../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
