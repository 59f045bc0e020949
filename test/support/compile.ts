// Type-checks generated code with the TypeScript compiler API under the strictest options we
// promise (strict + noUncheckedIndexedAccess), resolving `eventcontracts/runtime` to this repo.
import ts from 'typescript';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../..');

export interface CompileResult {
  readonly errors: string[];
}

/** The options generated code is held to (also the peer benchmark's yardstick for Modelina's output). */
export function generatedCodeCompilerOptions(): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noUncheckedIndexedAccess: true,
    noImplicitOverride: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [path.join(repo, 'node_modules/@types')],
    baseUrl: repo,
    paths: { 'eventcontracts/runtime': ['./runtime/index.ts'] },
  };
}

/** TypeScript's "This syntax is not allowed when 'erasableSyntaxOnly' is enabled". */
const NOT_ERASABLE_SYNTAX = 1294;

export function typeCheck(rootFiles: readonly string[]): CompileResult {
  // Our generated code is also held to syntax a type stripper can erase (TypeScript 5.8's flag, which projects run
  // with Node's own type stripping set): no parameter properties, enums or namespaces. The peer benchmark measures
  // Modelina's output with the options above only.
  const options = { ...generatedCodeCompilerOptions(), erasableSyntaxOnly: true };
  const program = ts.createProgram([...rootFiles], options);
  // The runtime is checked from its sources here; users get its compiled JavaScript and declarations, where the
  // flag has nothing to say, so it applies to the generated files only.
  const generatedDirs = [...new Set(rootFiles.map((file) => path.dirname(path.resolve(file))))];
  const generated = (file: ts.SourceFile | undefined): boolean =>
    file !== undefined && generatedDirs.some((dir) => path.resolve(file.fileName).startsWith(dir + path.sep));
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.code !== NOT_ERASABLE_SYNTAX || generated(d.file));
  return {
    errors: diagnostics.map((d) => {
      const where =
        d.file && d.start !== undefined
          ? `${path.relative(repo, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: `
          : '';
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    }),
  };
}

/** Occurrences of the `any` type in TypeScript source, ignoring comments and string literals. */
export function anyTypes(source: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, source);
  const found: string[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.AnyKeyword || (token === ts.SyntaxKind.Identifier && scanner.getTokenText() === 'any'))
      found.push(`offset ${scanner.getTokenStart()}`);
  }
  return found;
}

/** Every identifier token in TypeScript/JavaScript source (comments and literals excluded). */
export function identifiers(source: string): Set<string> {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source);
  const found = new Set<string>();
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.Identifier) found.add(scanner.getTokenText());
    if (token === ts.SyntaxKind.TemplateHead || token === ts.SyntaxKind.NoSubstitutionTemplateLiteral)
      found.add('`template`');
  }
  return found;
}
