// Writes policies/policy.schema.json from the zod schema (run by `npm run generate`, after the build).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { policyJsonSchema } from 'safeguarding-escalation';

fs.writeFileSync(
  fileURLToPath(new URL('../policies/policy.schema.json', import.meta.url)),
  `${JSON.stringify(policyJsonSchema(), null, 2)}\n`,
);
console.log('wrote policies/policy.schema.json');
