// The policy JSON Schema, from the one file the library generates (policies/policy.schema.json).
// Every part of the studio that needs the schema imports it from here.
import generated from '../../policies/policy.schema.json';

type JsonSchema = { required?: string[]; properties?: Record<string, unknown>; [key: string]: unknown };

/** The JSON Schema of a policy file, as the editor uses it for completion, hover and validation. */
export const policyJsonSchema: JsonSchema = generated as JsonSchema;
