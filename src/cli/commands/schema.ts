// `schema`: the JSON Schema of a policy definition file.
import type { Command } from 'commander';
import { policyJsonSchema } from '../../policy/jsonSchema.js';
import { EXIT, EXIT_CODES_HELP } from '../exitCodes.js';
import { action, helpAfter, type CommandModule } from './command.js';

export const schemaCommand: CommandModule = {
  register(program, context) {
    const command: Command = program
      .command('schema')
      .summary('print the JSON Schema of a policy definition file')
      .description(
        'Prints the JSON Schema (draft 2020-12) of a policy definition file, for an editor’s validation and completion.',
      )
      .option('--json', 'the schema is JSON already: accepted, like every command that prints data')
      .addHelpText('after', helpAfter(['schema > policy.schema.json'], EXIT_CODES_HELP))
      .action(
        action(
          context,
          () => command,
          () => {
            context.io.out(JSON.stringify(policyJsonSchema(), null, 2));
            return EXIT.ok;
          },
        ),
      );
  },
};
