/**
 * Jest 29 runs each test file in a vm context whose Symbol lacks the dispose symbols Node 20 adds
 * to its own; playwright-core releases handles with `await using`, which needs them. Use Node's.
 */
for (const [name, key] of [
  ['dispose', 'nodejs.dispose'],
  ['asyncDispose', 'nodejs.asyncDispose'],
] as const) {
  if (!(name in Symbol)) Object.defineProperty(Symbol, name, { value: Symbol.for(key) });
}
