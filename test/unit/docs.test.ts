import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOCS_PATH, spreadsheetDocs } from '../../scripts/spreadsheetDocs';

test('docs/spreadsheet.md is current with the schema (run `npm run docs` after changing it)', () => {
  const onDisk = readFileSync(path.resolve(__dirname, '..', '..', DOCS_PATH), 'utf8');
  expect(onDisk).toBe(spreadsheetDocs());
});
