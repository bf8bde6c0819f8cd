// The policy JSON Schema, from the one file the library generates (policies/policy.schema.json).
// Every part of the studio that needs the schema imports it from here.
import generated from '../../policies/policy.schema.json';

type JsonSchema = { required?: string[]; properties?: Record<string, unknown>; [key: string]: unknown };

// The studio's policies are written without a `machine` block, as they will be when the machine is
// derived from the stages and movement rules (issue 10); until the generated schema says so itself,
// `machine` is optional here. Delete this when the schema no longer requires it.
const schema = generated as JsonSchema;

/** The JSON Schema of a policy file, as the editor uses it for completion, hover and validation. */
export const policyJsonSchema: JsonSchema = {
  ...schema,
  required: (schema.required ?? []).filter((key) => key !== 'machine'),
};
