// Fills the generated section of docs/auditing.md (run by `npm run generate`, after the build).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { policies, renderWorstCaseTable } from 'safeguarding-escalation';

const file = fileURLToPath(new URL('../docs/auditing.md', import.meta.url));
const START = '<!-- generated:worst-case (by `npm run generate`; a test fails when it is stale) -->';
const END = '<!-- /generated:worst-case -->';
const doc = fs.readFileSync(file, 'utf8');
const before = doc.slice(0, doc.indexOf(START) + START.length);
const after = doc.slice(doc.indexOf(END));
// Raised on Friday 20 December 2024 (the default), and the longest raise date sought in 2025, the
// year after it, so that the Christmas of the raise date is counted in the first table and a whole
// year's Easter and Christmas in the second.
fs.writeFileSync(file, `${before}\n${renderWorstCaseTable(Object.values(policies), { year: 2025 })}\n${after}`);
console.log('wrote the worst-case tables of docs/auditing.md');
