// Peer comparison, measured in one run: the 50-document / 400-message synthetic registry through
//   - `evc lint && evc generate` (the compiled CLI, `node bin/evc.js`, two cold processes) and
//     `asyncapi generate models typescript <doc> -o <dir>` (the AsyncAPI CLI, pinned, installed on first
//     use into .cache/peers/ by bench/peer-install.ts),
//     which takes one document per process: run on all 50, total and per document;
//   - `evc check --against <dir>` and `asyncapi diff <old> <new>` on one changed document (a
//     property made required, a property's type changed integer → string): on a self-contained
//     one-document registry (the same pair for both tools) and on the 50-document registry (evc
//     compares all 50 documents at once; asyncapi diff compares only the changed pair);
// with what each tool produced: files, lines, whether it compiles, `any`s, and what it reported.
// Every time is a cold process (spawned, as a developer or CI runs it), wall and CPU (user + sys
// of the process and its children, from bash's `times`: CPU time does not grow when other jobs
// load the machine). evc's figures are medians of 3, interleaved with the peer's runs so that
// drift of a shared machine hits both. When the AsyncAPI CLI is not installed or does not start,
// its figures read "unavailable: <reason>" and the rest still runs.
// Run alone: `npx tsx bench/peers.ts` (after `npm run build`), or `npm run bench -- peers`.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parseDocument } from 'yaml';
import { anyTypes, generatedCodeCompilerOptions } from '../test/support/compile.js';
import { ASYNCAPI_CLI, installedPeer } from './peer-install.js';
import { messageName, serviceName, writeSyntheticRegistry } from './synthetic-registry.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DOCUMENTS = 50;
const MESSAGES_PER_DOCUMENT = 8;
const RUNS = 3;
/** A peer process that hangs must not hang `npm run bench`. */
const TIMEOUT_MS = 5 * 60_000;

type Figures = Record<string, number | string>;

interface Timed {
  readonly ms: number;
  readonly cpuMs: number;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const TIMES = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/;

/**
 * Runs one command in a new process under bash, whose `times` builtin reports the user and
 * system CPU of the children it waited for (the command and everything it waited for).
 */
function timed(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Timed {
  const script = '"$@"; status=$?; times >&2; exit $status';
  const start = performance.now();
  const run = spawnSync('bash', ['-c', script, 'timed', command, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    maxBuffer: 256 * 1024 * 1024,
    timeout: TIMEOUT_MS,
  });
  const ms = performance.now() - start;
  const lines = (run.stderr ?? '').trimEnd().split('\n');
  const children = TIMES.exec(lines.at(-1) ?? '');
  const cpuMs = children
    ? (Number(children[1]) * 60 + Number(children[2]) + Number(children[3]) * 60 + Number(children[4])) * 1000
    : NaN;
  const stderr = lines.slice(0, children ? -2 : undefined).join('\n');
  if (run.error)
    return { ms, cpuMs, status: null, stdout: run.stdout ?? '', stderr: `${stderr}\n${run.error.message}` };
  return { ms, cpuMs, status: run.status, stdout: run.stdout, stderr };
}

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const ratio = (peer: number, ours: number): number => peer / ours;
const firstLine = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('WARNING:')) ?? '(no output)';

function evc(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Timed {
  return timed(process.execPath, [path.join(ROOT, 'bin/evc.js'), ...args], cwd, env);
}

/** Asserts an exit code, so a broken run fails loudly instead of timing an error message. */
function expect(run: Timed, codes: readonly number[], what: string): Timed {
  if (run.status === null || !codes.includes(run.status))
    throw new Error(`${what} exited ${run.status}: ${firstLine(run.stderr || run.stdout)}`);
  return run;
}

// --- the AsyncAPI CLI ---------------------------------------------------------------------------

interface Peer {
  /** Runs `asyncapi <args>` in a new process (node on the CLI's bin, as `npx asyncapi` does). */
  run(args: readonly string[], cwd: string): Timed;
  readonly version: string;
}

/** The AsyncAPI CLI (installed on first use into .cache/peers/), or why it cannot be used. */
function findPeer(work: string): Peer | string {
  const installed = installedPeer(ASYNCAPI_CLI);
  if ('unavailable' in installed) return `unavailable: ${installed.unavailable}`;
  const manifest = path.join(installed.dir, 'package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.['asyncapi'];
  if (!bin) return `unavailable: ${manifest} names no asyncapi bin`;
  // Its anonymous usage metrics: off (no network call from a benchmark, no file written in $HOME).
  const metrics = path.join(work, 'asyncapi-analytics.json');
  writeFileSync(metrics, JSON.stringify({ analyticsEnabled: 'false', infoMessageShown: 'true', userID: 'evc-bench' }));
  const env = { ASYNCAPI_METRICS_CONFIG_PATH: metrics, SUPPRESS_NO_CONFIG_WARNING: 'true' };
  const entry = path.join(path.dirname(manifest), bin);
  const run = (args: readonly string[], cwd: string): Timed => timed(process.execPath, [entry, ...args], cwd, env);
  const probe = run(['--version'], work);
  if (probe.status !== 0)
    return `unavailable: asyncapi --version exited ${probe.status}: ${firstLine(probe.stderr || probe.stdout)}`;
  return { run, version: probe.stdout.trim().split(/\s+/)[0] ?? '?' };
}

// --- what each tool produced --------------------------------------------------------------------

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * Type errors in generated files under the options test/support/compile.ts holds generated code
 * to (strict, noUncheckedIndexedAccess, NodeNext, `eventcontracts/runtime` mapped to this
 * repository's source), with the output directory declared an ES module package ("type":
 * "module", as this project and any NodeNext ESM consumer) or a CommonJS one. Errors in files
 * outside the output (the runtime's own source) are counted apart.
 */
function compileErrors(
  outDir: string,
  roots: readonly string[],
  type: 'module' | 'commonjs',
): { inOutput: number; outside: number; first: string; firstOutside: string } {
  writeFileSync(path.join(outDir, 'package.json'), JSON.stringify({ type }));
  const options = generatedCodeCompilerOptions();
  try {
    const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram([...roots], options));
    const inside = (d: ts.Diagnostic): boolean => !!d.file && !path.relative(outDir, d.file.fileName).startsWith('..');
    const own = diagnostics.filter(inside);
    const other = diagnostics.find((d) => !inside(d));
    const show = (d: ts.Diagnostic | undefined, base: string): string => {
      if (!d) return '';
      const where =
        d.file && d.start !== undefined
          ? `${path.relative(base, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: `
          : '';
      return `${where}TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    };
    return {
      inOutput: own.length,
      outside: diagnostics.length - own.length,
      first: show(own[0], outDir),
      firstOutside: show(other, ROOT),
    };
  } finally {
    rmSync(path.join(outDir, 'package.json'));
  }
}

/** Counts over every generated file, with the same patterns for both tools. */
function describeOutput(label: string, outDir: string): Figures {
  const files = filesUnder(outDir);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const all = texts.join('\n');
  const count = (pattern: RegExp): number => all.match(pattern)?.length ?? 0;
  const typeFiles = files.filter((f) => f.endsWith('.ts'));
  const roots = typeFiles.filter((f) => !f.endsWith('.d.ts'));
  const figures: Figures = {
    [`${label}: files`]: files.length,
    [`${label}: lines`]: sum(texts.map((t) => t.split('\n').length - (t.endsWith('\n') ? 1 : 0))),
    [`${label}: \`any\` in types (.ts, .d.ts)`]: sum(typeFiles.map((f) => anyTypes(readFileSync(f, 'utf8')).length)),
    [`${label}: type declarations (type/interface/class/enum)`]: count(
      /^(?:export\s+)?(?:declare\s+)?(?:type|interface|class|enum)\s+\w+/gm,
    ),
    [`${label}: key types (…Key)`]: count(/^(?:export\s+)?(?:type|interface|class)\s+\w*Key\b/gm),
    [`${label}: header types (…Headers)`]: count(/^(?:export\s+)?(?:type|interface|class)\s+\w*Headers\b/gm),
    [`${label}: payload / key / header validators wired`]: `${count(/\bvalidatePayload:/g)} / ${count(/\bvalidateKey:/g)} / ${count(/\bvalidateHeaders:/g)}`,
    [`${label}: producer send methods`]: count(/^\s+send(?!\w*Batch\()\w*\(/gm),
    [`${label}: consumer handlers`]: count(/^\s+(?:readonly\s+)?on[A-Z]\w*\s*:/gm),
  };
  for (const type of ['module', 'commonjs'] as const) {
    const result = compileErrors(outDir, roots, type);
    const key = `${label}: type errors, strict + noUncheckedIndexedAccess, NodeNext, "type": "${type}"`;
    figures[key] = result.inOutput;
    if (result.first) figures[`${key}, first`] = result.first;
    if (result.outside)
      figures[`${key}, outside the output (runtime source)`] = `${result.outside}, first: ${result.firstOutside}`;
  }
  return figures;
}

// --- lint + generate vs models ------------------------------------------------------------------

async function benchGenerate(work: string, peer: Peer | string): Promise<Figures> {
  const figures: Figures = {};
  const contracts = path.join(work, 'contracts');
  const cache = { EVC_CACHE_DIR: path.join(work, 'evc-cache') };
  const lintGenerate = (out: string): { ms: number; cpuMs: number } => {
    const lint = expect(evc(['lint', '-c', 'contracts'], work, cache), [0], 'evc lint');
    const generate = expect(evc(['generate', '-c', 'contracts', '-o', out], work, cache), [0], 'evc generate');
    return { ms: lint.ms + generate.ms, cpuMs: lint.cpuMs + generate.cpuMs };
  };

  const first = lintGenerate(path.join(work, 'evc-out-first'));
  const documents = Array.from({ length: DOCUMENTS }, (_, d) => serviceName(d));
  const chunks = Array.from({ length: RUNS }, (_, r) => documents.filter((_, d) => d % RUNS === r));
  const evcRuns: { ms: number; cpuMs: number }[] = [];
  const peerRuns: Timed[] = [];
  const peerFailures: string[] = [];
  for (let r = 0; r < RUNS; r++) {
    evcRuns.push(lintGenerate(path.join(work, `evc-out-${r}`)));
    if (typeof peer === 'string') continue;
    for (const service of chunks[r] ?? []) {
      const doc = path.join(contracts, service, 'asyncapi.yaml');
      const run = peer.run(
        ['generate', 'models', 'typescript', doc, '-o', path.join(work, 'peer-models', service), '--no-interactive'],
        work,
      );
      if (run.status === 0) peerRuns.push(run);
      else peerFailures.push(`${service}: exit ${run.status}: ${firstLine(run.stderr || run.stdout)}`);
    }
  }

  const label = `${DOCUMENTS} docs / ${DOCUMENTS * MESSAGES_PER_DOCUMENT} msgs`;
  const evcWall = median(evcRuns.map((r) => r.ms));
  const evcCpu = median(evcRuns.map((r) => r.cpuMs));
  figures[`evc lint && evc generate, ${label}, empty validator cache (ms wall)`] = first.ms;
  figures[`evc lint && evc generate, ${label}, empty validator cache (ms CPU)`] = first.cpuMs;
  figures[`evc lint && evc generate, ${label} (ms wall, median of ${RUNS})`] = evcWall;
  figures[`evc lint && evc generate, ${label} (ms CPU, median of ${RUNS})`] = evcCpu;
  const peerName = 'asyncapi generate models typescript';
  if (typeof peer === 'string') {
    figures[peerName] = peer;
  } else {
    figures[`${peerName} (CLI ${peer.version}), documents done / failed`] =
      `${peerRuns.length} / ${peerFailures.length}`;
    if (peerFailures[0]) figures[`${peerName}, first failure`] = peerFailures[0];
    if (peerRuns.length > 0) {
      const oneWall = median(peerRuns.map((r) => r.ms));
      const oneCpu = median(peerRuns.map((r) => r.cpuMs));
      const allWall = sum(peerRuns.map((r) => r.ms));
      const allCpu = sum(peerRuns.map((r) => r.cpuMs));
      figures[`${peerName}, one document (ms wall, median of ${peerRuns.length} documents)`] = oneWall;
      figures[`${peerName}, one document (ms CPU, median of ${peerRuns.length} documents)`] = oneCpu;
      figures[`${peerName}, all ${peerRuns.length} documents, one process each (ms wall, total)`] = allWall;
      figures[`${peerName}, all ${peerRuns.length} documents, one process each (ms CPU, total)`] = allCpu;
      figures[`ratio asyncapi models, all documents / evc lint+generate, whole registry (wall)`] = ratio(
        allWall,
        evcWall,
      );
      figures[`ratio asyncapi models, all documents / evc lint+generate, whole registry (CPU)`] = ratio(allCpu, evcCpu);
      figures[`ratio asyncapi models, ONE document / evc lint+generate, whole registry (wall)`] = ratio(
        oneWall,
        evcWall,
      );
      figures[`ratio asyncapi models, ONE document / evc lint+generate, whole registry (CPU)`] = ratio(oneCpu, evcCpu);
    }
  }

  Object.assign(figures, describeOutput('evc output', path.join(work, 'evc-out-0')));
  if (typeof peer !== 'string' && peerRuns.length > 0) {
    const peerOut = path.join(work, 'peer-models');
    try {
      Object.assign(figures, describeOutput(`asyncapi models output (${peerRuns.length} dirs)`, peerOut));
    } catch (error) {
      figures['asyncapi models output'] = `unreadable: ${error instanceof Error ? error.message : String(error)}`;
    }
    const names = filesUnder(peerOut).map((f) => path.basename(f));
    figures[`asyncapi models output: files named AnonymousSchema_N`] = names.filter((n) =>
      n.startsWith('AnonymousSchema_'),
    ).length;
    figures[`asyncapi models output: "Failed to convert … to MetaModel, defaulting to AnyModel" warnings`] = sum(
      peerRuns.map((r) => (r.stdout + r.stderr).match(/Failed to convert/g)?.length ?? 0),
    );
  }
  return figures;
}

// --- check vs diff ------------------------------------------------------------------------------

/** The change both tools are given: S<d>Event2's `note` made required, its `count` integer → string. */
function changeDocument(registry: string, d: number): void {
  const file = path.join(registry, serviceName(d), 'asyncapi.yaml');
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const payload = ['components', 'messages', messageName(d, 2), 'payload'];
  doc.setIn([...payload, 'required'], doc.createNode(['type', 'id', 'occurredAt', 'status', 'note']));
  doc.setIn([...payload, 'properties', 'count', 'type'], 'string');
  writeFileSync(file, doc.toString());
}

interface EvcCheckJson {
  compatible: boolean;
  changes: { rule: string; breaking: boolean; messageName?: string; path?: string }[];
}
interface DiffJson {
  changes: { action: string; path: string; type: string; before?: unknown; after?: unknown }[];
}

function parseJson<T>(stdout: string, what: string): T {
  const start = stdout.search(/^[{[]/m);
  if (start < 0) throw new Error(`${what} printed no JSON: ${firstLine(stdout)}`);
  return JSON.parse(stdout.slice(start)) as T;
}

function describeEvcCheck(label: string, run: Timed): Figures {
  const result = parseJson<EvcCheckJson>(run.stdout, 'evc check');
  return {
    [`${label}: exit code`]: run.status ?? -1,
    [`${label}: changes reported (breaking)`]: `${result.changes.length} (${result.changes.filter((c) => c.breaking).length})`,
    [`${label}: what`]: result.changes
      .map((c) => `${c.rule} ${c.messageName ?? ''}${c.path ?? ''} ${c.breaking ? 'breaking' : 'compatible'}`)
      .join('; '),
  };
}

function describeDiff(label: string, run: Timed, message: string): Figures {
  const { changes } = parseJson<DiffJson>(run.stdout, 'asyncapi diff');
  const classified = (list: DiffJson['changes']): string => {
    const by = new Map<string, number>();
    for (const c of list) by.set(c.type, (by.get(c.type) ?? 0) + 1);
    return list.length === 0 ? 'not reported' : [...by].map(([type, n]) => `${n}× ${type}`).join(', ');
  };
  // Only `message` has these edits; the paths differ by where the parser inlined the message.
  const typeEdit = changes.filter((c) => c.path.endsWith('/payload/properties/count/type'));
  const required = changes.filter((c) => /\/payload\/required\/\d+$/.test(c.path) && c.after === 'note');
  const paths = new Set([...typeEdit, ...required].map((c) => c.path.replace(/\/payload\/.*/, '')));
  const noise = changes.filter((c) => c.path.includes('/x-parser-'));
  return {
    [`${label}: exit code`]: run.status ?? -1,
    [`${label}: changes reported: breaking / non-breaking / unclassified`]: ['breaking', 'non-breaking', 'unclassified']
      .map((t) => changes.filter((c) => c.type === t).length)
      .join(' / '),
    [`${label}: of them x-parser-* ids (noise)`]: noise.length,
    [`${label}: 'count' integer → string reported as`]: classified(typeEdit),
    [`${label}: 'note' made required reported as`]: classified(required),
    [`${label}: places ${message} appears (each change repeated per place)`]: paths.size,
  };
}

async function benchCheck(work: string, peer: Peer | string): Promise<Figures> {
  const figures: Figures = {};
  // One changed document in the 50-document registry (service-05, whose upstream channel
  // $refs into service-04), and a self-contained one-document registry with the same change.
  cpSync(path.join(work, 'contracts'), path.join(work, 'changed'), { recursive: true });
  changeDocument(path.join(work, 'changed'), 5);
  await writeSyntheticRegistry(path.join(work, 'pair-old'), 1, MESSAGES_PER_DOCUMENT);
  cpSync(path.join(work, 'pair-old'), path.join(work, 'pair-new'), { recursive: true });
  changeDocument(path.join(work, 'pair-new'), 0);
  cpSync(path.join(work, 'pair-old'), path.join(work, 'pair-same'), { recursive: true });
  const doc = (registry: string, d: number): string => path.join(registry, serviceName(d), 'asyncapi.yaml');

  // A peer that fails is reported, never fatal: `npm run bench` must not fail because of it.
  let peerDown = typeof peer === 'string' ? peer : undefined;
  const diff = (old: string, next: string, what: string): Timed | undefined => {
    if (peerDown !== undefined || typeof peer === 'string') return undefined;
    const run = peer.run(['diff', old, next, '-f', 'json'], work);
    if (run.status === 0 || run.status === 1) return run; // 1: it found breaking changes
    peerDown = `unavailable: asyncapi diff (${what}) exited ${run.status}: ${firstLine(run.stderr || run.stdout)}`;
    return undefined;
  };
  const evcPair: Timed[] = [];
  const evcAll: Timed[] = [];
  const diffPair: Timed[] = [];
  const diffOne: Timed[] = [];
  for (let r = 0; r < RUNS; r++) {
    evcPair.push(
      expect(
        evc(['check', '--contracts', 'pair-new', '--against', 'pair-old', '--format', 'json'], work),
        [1],
        'evc check (pair)',
      ),
    );
    evcAll.push(
      expect(
        evc(['check', '--contracts', 'changed', '--against', 'contracts', '--format', 'json'], work),
        [1],
        'evc check (registry)',
      ),
    );
    const pair = diff(doc('pair-old', 0), doc('pair-new', 0), 'pair');
    if (pair) diffPair.push(pair);
    const one = diff(doc('contracts', 5), doc('changed', 5), 'registry pair');
    if (one) diffOne.push(one);
  }
  const same = diff(doc('pair-old', 0), doc('pair-same', 0), 'unchanged copy');

  const pairLabel = `one document pair (${MESSAGES_PER_DOCUMENT} msgs, self-contained)`;
  const regLabel = `${DOCUMENTS} docs / ${DOCUMENTS * MESSAGES_PER_DOCUMENT} msgs, one doc changed`;
  const wall = (runs: Timed[]): number => median(runs.map((r) => r.ms));
  const cpu = (runs: Timed[]): number => median(runs.map((r) => r.cpuMs));
  figures[`evc check, ${pairLabel} (ms wall, median of ${RUNS})`] = wall(evcPair);
  figures[`evc check, ${pairLabel} (ms CPU, median of ${RUNS})`] = cpu(evcPair);
  figures[`evc check, whole registry: ${regLabel} (ms wall, median of ${RUNS})`] = wall(evcAll);
  figures[`evc check, whole registry: ${regLabel} (ms CPU, median of ${RUNS})`] = cpu(evcAll);
  if (peerDown !== undefined || !same) {
    figures['asyncapi diff'] = peerDown ?? 'unavailable';
  } else {
    figures[`asyncapi diff, ${pairLabel} (ms wall, median of ${RUNS})`] = wall(diffPair);
    figures[`asyncapi diff, ${pairLabel} (ms CPU, median of ${RUNS})`] = cpu(diffPair);
    figures[`asyncapi diff, only the changed pair of the registry (service-05) (ms wall, median of ${RUNS})`] =
      wall(diffOne);
    figures[`asyncapi diff, only the changed pair of the registry (service-05) (ms CPU, median of ${RUNS})`] =
      cpu(diffOne);
    figures[`ratio asyncapi diff / evc check, same ${pairLabel} (wall)`] = ratio(wall(diffPair), wall(evcPair));
    figures[`ratio asyncapi diff / evc check, same ${pairLabel} (CPU)`] = ratio(cpu(diffPair), cpu(evcPair));
    figures[`ratio asyncapi diff of ONE pair / evc check of the whole registry (wall)`] = ratio(
      wall(diffOne),
      wall(evcAll),
    );
    figures[`ratio asyncapi diff of ONE pair / evc check of the whole registry (CPU)`] = ratio(
      cpu(diffOne),
      cpu(evcAll),
    );
    figures[
      `asyncapi diff of all ${DOCUMENTS} pairs, ESTIMATE = ${DOCUMENTS} × one registry pair (ms wall, not measured)`
    ] = DOCUMENTS * wall(diffOne);
  }

  Object.assign(figures, describeEvcCheck(`evc check, ${pairLabel}`, evcPair[0]!));
  Object.assign(figures, describeEvcCheck('evc check, whole registry', evcAll[0]!));
  const evcSame = expect(
    evc(['check', '--contracts', 'pair-same', '--against', 'pair-old', '--format', 'json'], work),
    [0],
    'evc check (unchanged)',
  );
  figures['evc check, document vs its unchanged copy: changes reported'] = parseJson<EvcCheckJson>(
    evcSame.stdout,
    'evc check',
  ).changes.length;
  if (peerDown === undefined && same) {
    try {
      Object.assign(figures, describeDiff(`asyncapi diff, ${pairLabel}`, diffPair[0]!, messageName(0, 2)));
      Object.assign(figures, describeDiff('asyncapi diff, registry pair service-05', diffOne[0]!, messageName(5, 2)));
      const unchanged = parseJson<DiffJson>(same.stdout, 'asyncapi diff').changes;
      figures['asyncapi diff, document vs its unchanged copy: changes reported (x-parser-* ids)'] =
        `${unchanged.length} (${unchanged.filter((c) => c.path.includes('/x-parser-')).length})`;
    } catch (error) {
      figures['asyncapi diff output'] = `unreadable: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return figures;
}

// --- entry --------------------------------------------------------------------------------------

export async function benchPeers(): Promise<Figures> {
  if (!existsSync(path.join(ROOT, 'dist/cli/main.js')))
    throw new Error('bench/peers.ts runs the compiled CLI: run `npm run build` first');
  const work = mkdtempSync(path.join(os.tmpdir(), 'evc-bench-peers-'));
  try {
    mkdirSync(path.join(work, 'peer-models'));
    await writeSyntheticRegistry(path.join(work, 'contracts'), DOCUMENTS, MESSAGES_PER_DOCUMENT);
    const peer = findPeer(work);
    return { ...(await benchGenerate(work, peer)), ...(await benchCheck(work, peer)) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function printFigures(figures: Figures, out: (text: string) => void = (t) => process.stdout.write(t)): void {
  const width = Math.min(110, Math.max(...Object.keys(figures).map((k) => k.length)));
  for (const [name, value] of Object.entries(figures)) {
    const shown =
      typeof value === 'string'
        ? value
        : Number.isInteger(value)
          ? String(value)
          : value < 10
            ? value.toFixed(2)
            : value.toFixed(0);
    out(`${name.padEnd(width)}  ${typeof value === 'string' ? shown : shown.padStart(8)}\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(
    `peers — node ${process.version}, ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
  );
  printFigures(await benchPeers());
  process.stdout.write(
    `load average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
  );
}
