// `status`: what is due, what is overdue and what must be done for a stored escalation.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Policy } from '../../policy/define.js';
import { didYouMean, instantOption, PLAIN_DATE_MEANS } from '../arguments.js';
import { EXIT, EXIT_CODES_HELP, InvalidInputError, UsageError } from '../exitCodes.js';
import { builtInIds, builtInPolicy, readPolicy, shippedPolicy, POLICY_ARGUMENT_HELP } from '../policySource.js';
import { statusAt } from '../runtime.js';
import { wrap } from '../table.js';
import { action, helpAfter, type CliContext, type CommandModule } from './command.js';

interface StatusOptions {
  at: string;
  policy?: string;
  json?: boolean;
}

export const statusCommand: CommandModule = {
  register(program, context) {
    const command: Command = program
      .command('status')
      .summary('what is due, what is overdue and what must be done for a stored escalation')
      .description(
        'What is due, what is overdue and what must be done for a stored escalation (its JSON, as the library writes it) at a moment, and what may happen next. The policy is the built-in one the escalation names, in the version it names (a case stored by 0.1 runs under the definition 0.1 shipped), unless --policy gives another.',
      )
      .argument('<escalation>', 'a JSON file holding one escalation')
      .option('--at <when>', `the moment to look at it: now, a date or an ISO instant (${PLAIN_DATE_MEANS})`, 'now')
      .option('--policy <policy>', POLICY_ARGUMENT_HELP)
      .option('--json', 'print the status as JSON')
      .addHelpText(
        'after',
        helpAfter(
          [
            'status escalation.json',
            'status escalation.json --at 2025-01-06',
            'status escalation.json --policy my-policy.json --json',
          ],
          EXIT_CODES_HELP,
        ),
      )
      .action(
        action(
          context,
          () => command,
          (file: string, options: StatusOptions) => status(context, file, options),
        ),
      );
  },
};

async function status(context: CliContext, file: string, options: StatusOptions): Promise<number> {
  const { io } = context;
  const at = instantOption(options.at, 'at', context.now);
  const text = readEscalationFile(file);
  const policy = options.policy ? await readPolicy(options.policy) : namedPolicy(file, text);
  const { escalation, status: s } = statusAt(text, policy, at);
  if (options.json) {
    io.out(JSON.stringify({ escalation: escalation.id, policy: policy.id, at, ...s }, null, 2));
    return EXIT.ok;
  }
  const line = (t: string) => io.out(wrap(t, io.columns, '  ').replace(/^ {2}/, ''));
  const item = (t: string) => io.out(wrap(t, io.columns, '  '));
  line(
    `${escalation.id} (${policy.partnership}) at ${at}: ${s.open ? 'open' : s.status}, at stage ${s.stage.number}: ${s.stage.title}`,
  );
  if (s.stageDeadline)
    line(
      `Stage deadline: ${s.stageDeadline.dueDate}${s.stageDeadline.overdue ? ' — OVERDUE' : ` (${s.stageDeadline.workingDaysRemaining} working day(s) left)`}`,
    );
  io.out('');
  const overdue = s.deadlines.filter((d) => d.overdue);
  const due = s.deadlines.filter((d) => !d.overdue);
  io.out(overdue.length ? 'Overdue:' : 'Nothing is overdue.');
  for (const d of overdue)
    item(`${d.dueDate}  ${d.label} (${-d.workingDaysRemaining} working day(s) late) — ${d.citation}`);
  io.out(due.length ? 'Due:' : 'Nothing else is due.');
  for (const d of due)
    item(
      `${d.dueDate}  ${d.label}${d.state === 'due-today' ? ' — due today' : d.state === 'due-next-working-day' ? ' — due on the next working day' : ''}`,
    );
  io.out('Must be done:');
  for (const a of s.requiredActions)
    item(
      `${a.action}${a.who ? ` (${a.who})` : ''}${a.dueDate ? ` by ${a.dueDate}` : ', no date in the policy'}${a.overdue ? ' — OVERDUE' : ''}`,
    );
  line(
    `Allowed next: ${s.allowedEvents.map((x) => `${x.type}${x.to ? ` ${x.to}` : ''}${x.obligation ? ` ${x.obligation}` : ''}`).join(', ') || 'nothing'}`,
  );
  return EXIT.ok;
}

function readEscalationFile(file: string): string {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved)) throw new UsageError(`No such file: ${file}`);
  if (fs.statSync(resolved).isDirectory())
    throw new UsageError(`${file} is a folder: give the JSON file of one escalation`);
  return fs.readFileSync(resolved, 'utf8');
}

/** The built-in policy the stored escalation names: the version it names, where the package shipped it (0.1's too). */
function namedPolicy(file: string, text: string): Policy {
  let id: unknown;
  let version: unknown;
  try {
    const named = (JSON.parse(text) as { policy?: { id?: unknown; version?: unknown } } | null)?.policy;
    id = named?.id;
    version = named?.version;
  } catch (e) {
    throw new InvalidInputError(`${file} is not JSON: ${(e as Error).message}`);
  }
  if (typeof id !== 'string')
    throw new InvalidInputError(
      `${file} names no policy (policy.id): is it an escalation? Give --policy to say which policy it runs under`,
    );
  const policy = (typeof version === 'string' ? shippedPolicy(id, version) : undefined) ?? builtInPolicy(id);
  if (!policy)
    throw new UsageError(
      `${file} runs under policy '${id}', which is not built in${didYouMean(id, builtInIds)}: give --policy <file>`,
    );
  return policy;
}
