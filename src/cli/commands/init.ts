// `init`: writes a new policy file from the template, for a partnership to fill in.
import type { Command } from 'commander';
import { policyTemplate } from '../../authoring/template.js';
import { EXIT, EXIT_CODES_HELP, UsageError } from '../exitCodes.js';
import { schemaReference } from '../packageFiles.js';
import { action, helpAfter, type CliContext, type CommandModule } from './command.js';
import { writeAuthorFile } from './writeFile.js';

interface InitOptions {
  out?: string;
  partnership?: string;
  force?: boolean;
  json?: boolean;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const initCommand: CommandModule = {
  register(program, context) {
    const command: Command = program
      .command('init')
      .summary('write a new policy file from the template, to fill in')
      .description(
        "Writes a new policy file (YAML) from the template: the line that connects editors to the schema, a comment on each part, three stages with a timescale each, and <placeholders> for the document's words. lint reports each placeholder left as an error (PLACEHOLDER) until it is filled in; then the file lints clean. Refuses to replace an existing file unless --force is given. The schema line points at the schema of the package installed in the project, if there is one, or else at the published schema.",
      )
      .argument('<id>', 'the new policy\'s id: lower case letters, digits and single hyphens, such as "riverbank"')
      .option('--out <file>', 'the file to write, or - for stdout (default: <id>.yaml)')
      .option('--partnership <name>', "the partnership's name, written in for its placeholders")
      .option('--force', 'replace the file if it exists')
      .option('--json', 'say what was written, as JSON')
      .addHelpText(
        'after',
        helpAfter(
          [
            'init riverbank',
            'init riverbank --partnership "Riverbank Safeguarding Children Partnership" --out policies/riverbank.yaml',
          ],
          EXIT_CODES_HELP,
        ),
      )
      .action(
        action(
          context,
          () => command,
          (id: string, options: InitOptions) => init(context, id, options),
        ),
      );
  },
};

function init(context: CliContext, id: string, options: InitOptions): number {
  if (!ID.test(id))
    throw new UsageError(
      `'${id}' is not a policy id: write lower case letters, digits and single hyphens, such as "riverbank" or "north-downs"`,
    );
  const out = options.out ?? `${id}.yaml`;
  const text = policyTemplate({
    id,
    partnership: options.partnership,
    schema: out === '-' ? undefined : schemaReference(out),
  });
  const written = writeAuthorFile(context.io, out, text, options.force);
  const placeholders = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#') && /: <[^<>]+>\s*$/.test(line)).length;
  if (options.json) context.io.out(JSON.stringify({ file: written, id, placeholders }, null, 2));
  if (written !== '-')
    context.io.err(
      `wrote ${written}: fill in its ${placeholders} placeholders, then run: safeguarding-escalation lint ${written}`,
    );
  return EXIT.ok;
}
