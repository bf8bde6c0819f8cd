import type { PolicyTextOptions } from '../../authoring/parsePolicyText.js';

/**
 * What a policy file holds, ready for `loadPolicy` and `lintPolicy`: the text of a YAML or JSON file
 * with its name (so that every problem is placed by line and column), or a definition a module exports.
 */
export interface PolicyInput {
  readonly input: unknown;
  readonly options: PolicyTextOptions;
}

/** Reads one kind of policy file. */
export interface PolicyFileLoader {
  /** The file name endings it reads, with the dot, in lower case. */
  readonly extensions: readonly string[];
  /** What such a file is, for the help text and for the error on an unknown kind of file. */
  readonly describe: string;
  /** `file` is the absolute path; `shown` is the path as the user wrote it, for messages. */
  load(file: string, shown: string): PolicyInput | Promise<PolicyInput>;
}
