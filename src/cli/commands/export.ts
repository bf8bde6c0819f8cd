// `export`: writes a shipped policy's file, as the package holds it, for an author to start from.
import type { Command } from 'commander';
import { POLICY_SCHEMA_ID } from '../../policy/jsonSchema.js';
import { didYouMean } from '../arguments.js';
import { EXIT, EXIT_CODES_HELP, UsageError } from '../exitCodes.js';
import { schemaLine, shippedPolicyText } from '../packageFiles.js';
import { builtInIds, builtInPolicy } from '../policySource.js';
import { action, helpAfter, type CliContext, type CommandModule } from './command.js';
import { writeAuthorFile } from './writeFile.js';

interface ExportOptions {
  out?: string;
  force?: boolean;
  json?: boolean;
}

export const exportCommand: CommandModule = {
  register(program, context) {
    const command: Command = program
      .command('export')
      .summary("write a shipped policy's file, to start a new policy from")
      .description(
        "Writes the YAML file of a built-in policy as the package ships it, comments, citations and interpretations included, as a starting point for another partnership's policy or a newer version. Only its first line changes: it points editors at the schema of the package installed in the project, or else at the published schema. Refuses to replace an existing file unless --force is given.",
      )
      .argument('<policy>', `a built-in policy id: ${builtInIds.join(', ')}`)
      .option('--out <file>', 'the file to write, or - for stdout (default: <policy>.yaml)')
      .option('--force', 'replace the file if it exists')
      .option('--json', 'say what was written, as JSON')
      .addHelpText('after', helpAfter(['export suffolk', 'export barnsley --out my-policy.yaml'], EXIT_CODES_HELP))
      .action(
        action(
          context,
          () => command,
          (id: string, options: ExportOptions) => exportPolicy(context, id, options),
        ),
      );
  },
};

function exportPolicy(context: CliContext, id: string, options: ExportOptions): number {
  const policy = builtInPolicy(id);
  if (!policy)
    throw new UsageError(
      `'${id}' is not a built-in policy${didYouMean(id, builtInIds)}. Built-in ids: ${builtInIds.join(', ')}`,
    );
  const out = options.out ?? `${id}.yaml`;
  const text = shippedPolicyText(id);
  // The shipped file points at the schema beside it in the package; the copy points at one it can reach.
  // On stdout, where the file will be is unknown: the published schema.
  const line = out === '-' ? `# yaml-language-server: $schema=${POLICY_SCHEMA_ID}` : schemaLine(out);
  const copy = text.replace(/^# yaml-language-server: \$schema=.*$/m, line);
  const written = writeAuthorFile(context.io, out, copy, options.force);
  if (options.json) context.io.out(JSON.stringify({ file: written, policy: id, version: policy.version }, null, 2));
  if (written !== '-')
    context.io.err(
      `wrote ${written}: ${policy.partnership}'s policy, version ${policy.version}. Change its id before using it as another policy.`,
    );
  return EXIT.ok;
}
