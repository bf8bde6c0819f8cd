// The exit codes, one table for the help text, docs/cli.md and the code that sets them.

export const EXIT = {
  /** Done; for `lint`, no error found (warnings and notes may have been printed). */
  ok: 0,
  /** The input was read but is not valid: a policy or escalation that fails validation, a file that
   * is not JSON, or (for `lint`) at least one error found. */
  invalid: 1,
  /** Bad usage: an unknown command or option, a missing or malformed argument, a file that does not exist. */
  usage: 2,
  /** Something went wrong inside the tool: a bug, to be reported. */
  internal: 3,
} as const;

/** The exit codes as the help text of every command lists them. */
export const EXIT_CODES_HELP = `Exit codes:
  0  done (for lint: no error found)
  1  the input is not valid (a policy or escalation that fails validation, a file that is
     not JSON; for lint: at least one error found)
  2  bad usage (unknown command or option, missing or malformed argument, no such file)
  3  internal error (a bug: please report it)`;

/** A mistake in how the command was called: exit code 2, with the message and a pointer to --help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An input that was read but is not valid: exit code 1. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
}
