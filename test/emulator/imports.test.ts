/**
 * The emulator's modules import one another one way: a circle makes a class undefined at the
 * moment another module loads (whichever is loaded first), a bug that depends on import order.
 * Type-only imports are erased and do not count.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const DIR = path.resolve(__dirname, '../../dev/emulator');

/** The sibling modules a file imports at run time. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(path.join(DIR, file), 'utf8'),
    ts.ScriptTarget.ES2020,
  );
  const out: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const target = statement.moduleSpecifier.text;
    if (!target.startsWith('./')) continue;
    const clause = statement.importClause;
    const bindings = clause?.namedBindings;
    const typeOnly =
      clause?.isTypeOnly ||
      (clause &&
        !clause.name &&
        bindings &&
        ts.isNamedImports(bindings) &&
        bindings.elements.every((e) => e.isTypeOnly));
    if (!typeOnly) out.push(`${target.slice(2)}.ts`);
  }
  return out;
}

test('no module of dev/emulator imports itself back through others', () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts'));
  const graph = new Map(files.map((f) => [f, runtimeImports(f)]));
  const circles: string[] = [];
  const done = new Set<string>();
  const visit = (file: string, trail: string[]): void => {
    if (trail.includes(file)) {
      circles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
  expect(circles).toEqual([]);
  expect(graph.get('spreadsheet.ts')).toContain('protection.ts');
});
