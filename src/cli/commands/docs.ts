// `docs`: writes each policy's Markdown page and the overview comparing them.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { renderPoliciesOverview, renderPolicyMarkdown } from '../../render/policyMarkdown.js';
import { EXIT, EXIT_CODES_HELP } from '../exitCodes.js';
import { builtInPolicies, readPolicy, POLICY_ARGUMENT_HELP } from '../policySource.js';
import { action, helpAfter, type CliContext, type CommandModule } from './command.js';

interface DocsOptions {
  out: string;
  json?: boolean;
}

export const docsCommand: CommandModule = {
  register(program, context) {
    const command: Command = program
      .command('docs')
      .summary("write each policy's Markdown page and the overview comparing them")
      .description(
        'Writes a Markdown page for each policy (state diagram, stages, obligations, movement rules, records, routes, worst case, interpretations) and README.md comparing them. With no policy, writes the built-in ones. Says on stderr what it wrote; with --json, lists the files on stdout.',
      )
      .argument('[policy...]', POLICY_ARGUMENT_HELP)
      .option('--out <dir>', 'the folder to write to', 'docs/policies')
      .option('--json', 'list the files written, as JSON')
      .addHelpText('after', helpAfter(['docs', 'docs my-policy.json --out site/policies'], EXIT_CODES_HELP))
      .action(
        action(
          context,
          () => command,
          (targets: string[], options: DocsOptions) => docs(context, targets, options),
        ),
      );
  },
};

async function docs(context: CliContext, targets: string[], options: DocsOptions): Promise<number> {
  const list = targets.length ? await Promise.all(targets.map(readPolicy)) : builtInPolicies();
  const dir = path.resolve(options.out);
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const p of list) {
    files.push(path.join(dir, `${p.id}.md`));
    fs.writeFileSync(files.at(-1)!, renderPolicyMarkdown(p));
  }
  files.push(path.join(dir, 'README.md'));
  fs.writeFileSync(files.at(-1)!, renderPoliciesOverview(list));
  const shown = files.map((f) => path.relative(process.cwd(), f) || f);
  if (options.json) context.io.out(JSON.stringify({ files: shown }, null, 2));
  context.io.err(`wrote ${list.length} policy page(s) and README.md to ${path.relative(process.cwd(), dir) || '.'}`);
  return EXIT.ok;
}
