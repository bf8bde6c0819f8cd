// What every command module shares: the context it runs in, and the wrapper that turns what its
// action returns or throws into an exit code and a message.
import type { Command } from 'commander';
import { CalendarError } from '../../calendar/errors.js';
import { EscalationError } from '../../escalation/errors.js';
import { PolicyError } from '../../policy/errors.js';
import { EXIT, InvalidInputError, UsageError } from '../exitCodes.js';
import type { Io } from '../io.js';

/** What a command runs with: the streams, the clock (`now`), and where its exit code goes. */
export interface CliContext {
  readonly io: Io;
  readonly now: () => Date;
  /** Where to report a bug, from package.json. */
  readonly bugsUrl: string;
  exitCode: number;
}

/** A command module: adds its command (`program.command(...)`) to the program. */
export interface CommandModule {
  register(program: Command, context: CliContext): void;
}

/**
 * Runs a command's handler and records its exit code. A `UsageError` goes through commander's own
 * error output (the same `error:` line and `--help` hint as an unknown option), exit code 2; a
 * refused input is printed with every problem, exit code 1; anything else is a bug, exit code 3.
 */
export function action<Args extends unknown[]>(
  context: CliContext,
  command: () => Command,
  handler: (...args: Args) => Promise<number> | number,
): (...args: Args) => Promise<void> {
  return async (...args: Args) => {
    try {
      context.exitCode = await handler(...args);
    } catch (e) {
      if (e instanceof UsageError)
        command().error(`error: ${e.message}`, { exitCode: EXIT.usage, code: 'safeguarding-escalation.usage' });
      context.exitCode = reportError(e, context);
    }
  };
}

function reportError(e: unknown, context: CliContext): number {
  const { io } = context;
  if (e instanceof PolicyError || e instanceof EscalationError) {
    const problems = e.problems.filter((p) => p.message);
    if (problems.length > 1 || (problems.length === 1 && problems[0]!.path !== '(root)')) {
      // Laid out as zod's prettifyError lays out issues (✖ message, → at path). The library has
      // already turned zod's issues into paths and messages, so the layout is followed here rather
      // than called.
      const heading = e.message.split('\n')[0]!.replace(/\s*[:(].*$/, '');
      io.err(`error: ${e.name} ${e.code}: ${heading} (${problems.length} problem${problems.length === 1 ? '' : 's'}):`);
      const file = e instanceof PolicyError ? e.file : undefined;
      for (const p of problems as readonly { path: string; message: string; line?: number; column?: number }[]) {
        const where = p.line !== undefined ? `${file ? `${file}:` : 'line '}${p.line}:${p.column ?? 1} ` : '';
        io.err(`  ✖ ${p.message}\n    → at ${where}${p.path}`);
      }
    } else io.err(`error: ${e.name} ${e.code}: ${e.message}`);
    return EXIT.invalid;
  }
  if (e instanceof CalendarError) {
    io.err(`error: ${e.name} ${e.code}: ${e.message}`);
    return EXIT.invalid;
  }
  if (e instanceof InvalidInputError) {
    io.err(`error: ${e.message}`);
    return EXIT.invalid;
  }
  // The file system refused (a file where a folder was asked for, no permission, a full disk): the
  // place the command was given, not a bug.
  if (isSystemError(e)) {
    io.err(`error: cannot ${e.syscall}${e.path ? ` ${e.path}` : ''}: ${e.code}`);
    return EXIT.usage;
  }
  io.err(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  io.err(`This is a bug in safeguarding-escalation: please report it, with the command you ran, at ${context.bugsUrl}`);
  return EXIT.internal;
}

function isSystemError(e: unknown): e is NodeJS.ErrnoException & { syscall: string; code: string } {
  return (
    e instanceof Error &&
    typeof (e as NodeJS.ErrnoException).syscall === 'string' &&
    typeof (e as NodeJS.ErrnoException).code === 'string'
  );
}

/** The help text after a command's options: examples, then the exit codes. */
export function helpAfter(examples: readonly string[], more = ''): string {
  return `${more ? `\n${more}\n` : ''}\nExamples:\n${examples.map((e) => `  $ safeguarding-escalation ${e}`).join('\n')}`;
}
