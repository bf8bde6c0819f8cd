// `diff`: what changed between two versions of a policy, for a partnership board (Markdown) or a tool (JSON).
import { Option, type Command } from 'commander';
import { diffPolicies } from '../../versions/diff.js';
import { renderPolicyDiff } from '../../versions/render.js';
import { EXIT, EXIT_CODES_HELP } from '../exitCodes.js';
import { readPolicy, POLICY_ARGUMENT_HELP } from '../policySource.js';
import { action, helpAfter, type CliContext, type CommandModule } from './command.js';

interface DiffOptions {
  json?: boolean;
  md?: boolean;
}

export const diffCommand: CommandModule = {
  register(program, context) {
    const command: Command = program
      .command('diff')
      .summary('what changed between two versions of a policy, rule changes apart from wording')
      .description(
        'What changed between two versions of a policy, keyed by ids: stages added, removed or retitled; timescales (value, unit, strength, what the clock counts from); moves allowed or forbidden; duties added, removed or changed; forms, routes, recipients, flags, citations and interpretations. Changes to what the engine does (dates, moves, duties) are listed apart from changes to the wording. Prints Markdown a partnership board can read (the default), or JSON. Exits 0 whether or not they differ.',
      )
      .argument('<old>', `the earlier version: ${POLICY_ARGUMENT_HELP}`)
      .argument('<new>', 'the later version, likewise')
      .addOption(new Option('--json', 'print the changes as JSON').conflicts('md'))
      .option('--md', 'print Markdown (the default)')
      .addHelpText(
        'after',
        helpAfter(
          ['diff suffolk suffolk-v9.yaml', 'diff policies/barnsley.yaml barnsley-v5.yaml --json'],
          EXIT_CODES_HELP,
        ),
      )
      .action(
        action(
          context,
          () => command,
          (before: string, after: string, options: DiffOptions) => diff(context, before, after, options),
        ),
      );
  },
};

async function diff(context: CliContext, before: string, after: string, options: DiffOptions): Promise<number> {
  const changes = diffPolicies(await readPolicy(before), await readPolicy(after));
  context.io.out(options.json ? JSON.stringify(changes, null, 2) : renderPolicyDiff(changes).trimEnd());
  return EXIT.ok;
}
