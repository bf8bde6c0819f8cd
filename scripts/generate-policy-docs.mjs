// Writes docs/policies/<id>.md and docs/policies/README.md from the policy definitions (run by
// `npm run generate`, after the build). test/policies/docs.test.ts fails when they are stale.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  loadPolicy,
  policies,
  renderPoliciesOverview,
  renderPolicyMarkdown,
  renderStateDiagramSvg,
} from 'safeguarding-escalation';

const dir = fileURLToPath(new URL('../docs/policies/', import.meta.url));
fs.mkdirSync(dir, { recursive: true });
for (const policy of Object.values(policies)) fs.writeFileSync(`${dir}${policy.id}.md`, renderPolicyMarkdown(policy));
fs.writeFileSync(`${dir}README.md`, renderPoliciesOverview(Object.values(policies)));
console.log(`wrote docs/policies/ (${Object.keys(policies).length} policies and README.md)`);

// The worked example of docs/authoring.md, drawn for the guide.
const example = fileURLToPath(new URL('../docs/examples/riverbank.yaml', import.meta.url));
fs.writeFileSync(
  example.replace(/\.yaml$/, '.svg'),
  renderStateDiagramSvg(loadPolicy(fs.readFileSync(example, 'utf8'), { file: example })),
);
console.log('wrote docs/examples/riverbank.svg');
