// `docs`: writes each policy's Markdown page, its diagram as SVG and as Mermaid source, and, for
// several policies, the overview comparing them.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { londonDate } from '../../calendar/london.js';
import type { Policy } from '../../policy/define.js';
import {
  DEFAULT_RAISED_AT,
  renderPoliciesOverview,
  renderPolicyMarkdown,
  renderStateDiagram,
} from '../../render/policyMarkdown.js';
import { renderStateDiagramSvg } from '../../render/stateDiagramSvg.js';
import { dateOption, instantOption, PLAIN_DATE_MEANS } from '../arguments.js';
import { EXIT, EXIT_CODES_HELP, UsageError } from '../exitCodes.js';
import { builtInIds, builtInPolicy, readPolicy, POLICY_ARGUMENT_HELP } from '../policySource.js';
import { action, helpAfter, type CliContext, type CommandModule } from './command.js';

interface DocsOptions {
  out: string;
  raised?: string;
  asOf?: string;
  json?: boolean;
}

export const docsCommand: CommandModule = {
  register(program, context) {
    const command: Command = program
      .command('docs')
      .summary("write each policy's page, with its diagram as SVG and Mermaid source")
      .description(
        'Writes, for each policy, a Markdown page (state diagram, the document and its currency, stages, obligations, movement rules, records, routes, worst case, interpretations), its state diagram as an SVG picture drawn without a browser (<id>.svg) and as Mermaid source (<id>.mmd); for more than one policy, also README.md comparing them. With no policy, writes the built-in ones. Says on stderr what it wrote; with --json, lists the files on stdout.',
      )
      .argument('[policy...]', POLICY_ARGUMENT_HELP)
      .option('--out <dir>', 'the folder to write to', 'docs/policies')
      .option(
        '--raised <when>',
        `the moment the worst case is worked out for; the longest raise date is sought in its year (default: Friday 20 December 2024, 10:00 UTC; ${PLAIN_DATE_MEANS})`,
      )
      .option('--as-of <date>', "the day to judge each document's review date by, YYYY-MM-DD (default: today)")
      .option('--json', 'list the files written, as JSON')
      .addHelpText(
        'after',
        helpAfter(
          ['docs', 'docs my-policy.yaml --out site/policies', 'docs my-policy.yaml --raised 2026-04-02'],
          EXIT_CODES_HELP,
        ),
      )
      .action(
        action(
          context,
          () => command,
          (targets: string[], options: DocsOptions) => docs(context, targets, options),
        ),
      );
  },
};

/** A policy to document, with the file it came from as the page names it. */
interface Source {
  readonly policy: Policy;
  readonly from: string;
  readonly target: string;
}

async function sources(targets: readonly string[]): Promise<Source[]> {
  if (targets.length === 0)
    return builtInIds.map((id) => ({ policy: builtInPolicy(id)!, from: `policies/${id}.yaml`, target: id }));
  const list: Source[] = [];
  for (const target of targets) {
    const builtIn = builtInPolicy(target);
    const policy = builtIn ?? (await readPolicy(target));
    // A built-in policy comes from its file in the package; an author's from the file they named.
    list.push({ policy, from: builtIn ? `policies/${target}.yaml` : target.split(path.sep).join('/'), target });
  }
  const seen = new Map<string, string>();
  for (const { policy, target } of list) {
    const earlier = seen.get(policy.id);
    if (earlier !== undefined)
      throw new UsageError(
        `${earlier} and ${target} both have the id '${policy.id}': their pages would overwrite each other`,
      );
    seen.set(policy.id, target);
  }
  return list;
}

async function docs(context: CliContext, targets: string[], options: DocsOptions): Promise<number> {
  const raisedAt = options.raised ? instantOption(options.raised, 'raised', context.now) : DEFAULT_RAISED_AT;
  const asOf = options.asOf ? dateOption(options.asOf, 'as-of') : londonDate(context.now().toISOString());
  const list = await sources(targets);
  const dir = path.resolve(options.out);
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const write = (name: string, text: string) => {
    files.push(path.join(dir, name));
    fs.writeFileSync(files.at(-1)!, text);
  };
  for (const { policy, from, target } of list) {
    const generatedBy = `safeguarding-escalation docs ${target}${options.raised ? ` --raised ${options.raised}` : ''}`;
    write(
      `${policy.id}.md`,
      renderPolicyMarkdown(policy, { generatedBy, from, raisedAt, asOf, diagramFile: `${policy.id}.svg` }),
    );
    write(`${policy.id}.svg`, renderStateDiagramSvg(policy));
    write(`${policy.id}.mmd`, `${renderStateDiagram(policy)}\n`);
  }
  // An overview compares policies: for one policy there is nothing to compare.
  if (list.length > 1) {
    const generatedBy = `safeguarding-escalation docs${targets.length ? ` ${targets.join(' ')}` : ''}`;
    const from = targets.length ? list.map((s) => s.from).join(', ') : 'policies/*.yaml';
    write(
      'README.md',
      renderPoliciesOverview(
        list.map((s) => s.policy),
        { generatedBy, from, raisedAt, asOf, title: targets.length ? undefined : 'The five partnerships side by side' },
      ),
    );
  }
  const shown = files.map((f) => path.relative(process.cwd(), f) || f);
  if (options.json) context.io.out(JSON.stringify({ files: shown }, null, 2));
  context.io.err(
    `wrote ${list.length} policy page(s) with their diagrams${list.length > 1 ? ' and README.md' : ''} to ${path.relative(process.cwd(), dir) || '.'}`,
  );
  return EXIT.ok;
}
