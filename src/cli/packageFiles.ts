// The package's own files that the command line hands to an author: the shipped policy files and the
// JSON Schema, found where the package is installed (or in a clone of it).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { POLICY_SCHEMA_ID } from '../policy/jsonSchema.js';

const PACKAGE_NAME = 'safeguarding-escalation';
const SCHEMA_FILE = 'policies/policy.schema.json';

/**
 * The folder of this package: the nearest folder above this module with the package's package.json.
 * The module is in dist/node/ once built, src/cli/ in a clone; either way the package folder is above.
 */
export function packageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (
      fs.existsSync(manifest) &&
      (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME
    )
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package folder above ${from}`);
  }
}

/** The text of a shipped policy file, `policies/<id>.yaml`, as the package holds it. */
export function shippedPolicyText(id: string): string {
  return fs.readFileSync(path.join(packageRoot(), 'policies', `${id}.yaml`), 'utf8');
}

/**
 * What a policy file written to `file` should give as its `$schema`: the schema of the package
 * installed in the project, by a path relative to the file (the schema of the version in use, found
 * offline), or else the published schema's URL.
 */
export function schemaReference(file: string): string {
  const dir = path.dirname(path.resolve(file));
  for (let d = dir; ; d = path.dirname(d)) {
    const installed = path.join(d, 'node_modules', PACKAGE_NAME, SCHEMA_FILE);
    if (fs.existsSync(installed)) {
      const relative = path.relative(dir, installed).split(path.sep).join('/');
      return relative.startsWith('.') ? relative : `./${relative}`;
    }
    if (path.dirname(d) === d) return POLICY_SCHEMA_ID;
  }
}

/** The first line that points YAML editors at the schema. */
export function schemaLine(file: string): string {
  return `# yaml-language-server: $schema=${schemaReference(file)}`;
}
