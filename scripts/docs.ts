/** `npm run docs`: writes docs/spreadsheet.md from the schema (see spreadsheetDocs.ts). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOCS_PATH, spreadsheetDocs } from './spreadsheetDocs';

const file = path.resolve(__dirname, '..', DOCS_PATH);
writeFileSync(file, spreadsheetDocs());
console.log(`wrote ${DOCS_PATH}`);
