// The command-line tool. The outermost room: it reads files and prints; nothing imports it.
// commander parses the arguments and writes the help, the version and the usage errors (with "did
// you mean" for a mistyped command or option); each command lives in its own module under commands/.
import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { builtInIds } from './policySource.js';
import { commands } from './commands/index.js';
import type { CliContext } from './commands/command.js';
import { EXIT, EXIT_CODES_HELP } from './exitCodes.js';
import { processIo, type Io } from './io.js';
import { PLAIN_DATE_MEANS } from './arguments.js';

/** The program with every command, writing through `context.io`. */
export function buildProgram(context: CliContext): Command {
  const { io } = context;
  const program = new Command('safeguarding-escalation')
    .description(pkg.description)
    .version(pkg.version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'print help for a command')
    .helpCommand('help [command]', 'print help for a command')
    .configureOutput({
      writeOut: (text) => io.out(text.replace(/\n$/, '')),
      writeErr: (text) => io.err(text.replace(/\n$/, '')),
      getOutHelpWidth: () => io.columns,
      getErrHelpWidth: () => io.columns,
    })
    .showSuggestionAfterError(true)
    .showHelpAfterError("(run 'safeguarding-escalation --help' for the commands)")
    .exitOverride()
    .addHelpText(
      'after',
      `
Built-in policies: ${builtInIds.join(', ')}.
Dates: ${PLAIN_DATE_MEANS}; an instant needs Z or an offset.
Data goes to stdout, messages to stderr.

${EXIT_CODES_HELP}

Documentation: ${pkg.homepage.replace(/#readme$/, '')}/blob/main/docs/cli.md`,
    );
  for (const command of commands) command.register(program, context);
  for (const command of program.commands)
    command.showHelpAfterError(`(run 'safeguarding-escalation ${command.name()} --help' for its options)`);
  return program;
}

/**
 * Runs the command line with its arguments (without `node` and the script) and returns the exit code.
 * With no arguments it prints the help.
 */
export async function run(
  argv: readonly string[],
  io: Io = processIo(),
  now: () => Date = () => new Date(),
): Promise<number> {
  const context: CliContext = { io, now, bugsUrl: pkg.bugs.url, exitCode: EXIT.ok };
  const program = buildProgram(context);
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.ok;
  }
  // `help <mistyped>` is answered like the mistyped command itself: unknown, with the nearest one.
  const args =
    argv[0] === 'help' && argv[1] && !program.commands.some((c) => c.name() === argv[1]) ? [argv[1]] : [...argv];
  try {
    await program.parseAsync(args, { from: 'user' });
    return context.exitCode;
  } catch (e) {
    // commander has already written its message (help, version or a usage error).
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw e;
  }
}
