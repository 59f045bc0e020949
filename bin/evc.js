#!/usr/bin/env node
// Entry point of the `evc` command: runs the compiled CLI (built by `npm run build`, which
// `npm ci` runs through `prepare`).
import { main } from '../dist/generator/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
