// `timeline`: every deadline of an escalation raised at a moment, when every party takes its full
// allowance, as tables, JSON or a Mermaid Gantt chart.
import { Option, type Command } from 'commander';
import type { WorstCaseStage } from '../../audit/worstCaseTimeline.js';
import { DIVISIONS, type Division } from '../../calendar/divisions.js';
import { londonDate } from '../../calendar/london.js';
import { policyCurrency } from '../../policy/currency.js';
import { definePolicy, type Policy } from '../../policy/define.js';
import type { PolicyDefinition } from '../../policy/schema.js';
import { dateOption, instantOption, PLAIN_DATE_MEANS } from '../arguments.js';
import { EXIT, EXIT_CODES_HELP } from '../exitCodes.js';
import { readPolicy, POLICY_ARGUMENT_HELP } from '../policySource.js';
import { timelineOf, type TimelineDeadline } from '../runtime.js';
import { renderTable, wrap } from '../table.js';
import { action, helpAfter, type CliContext, type CommandModule } from './command.js';

interface TimelineOptions {
  raised: string;
  asOf?: string;
  division?: Division;
  mermaid?: boolean;
  json?: boolean;
}

export const timelineCommand: CommandModule = {
  register(program, context) {
    const command: Command = program
      .command('timeline')
      .summary('every deadline of an escalation raised at a moment, each party taking its full allowance')
      .description(
        "Every deadline of an escalation raised at a moment, when every party takes its full allowance and no limit is broken: the latest each stage can be reached, then each deadline with who acts, its due date, what it counts from, and whether it is met. A limit on reaching a later stage (a cumulative cap) brings the stages before it forward. First, a warning when the policy's document may have been replaced: its review date has passed, it predates the 2019 safeguarding partnership arrangements, or it is undated.",
      )
      .argument('<policy>', POLICY_ARGUMENT_HELP)
      .option(
        '--raised <when>',
        `when the concern was raised: now, a date or an ISO instant (${PLAIN_DATE_MEANS})`,
        'now',
      )
      .option('--as-of <date>', "the day to judge the document's review date by, YYYY-MM-DD (default: today)")
      .addOption(
        new Option(
          '--division <division>',
          "count working days in another UK division instead of the policy's own",
        ).choices(DIVISIONS),
      )
      .addOption(new Option('--mermaid', 'print a Mermaid Gantt chart instead of the tables').conflicts('json'))
      .option('--json', 'print the stages and deadlines as JSON')
      .addHelpText(
        'after',
        helpAfter(
          [
            'timeline suffolk --raised 2024-12-20',
            'timeline barnsley --raised 2024-12-20T10:00:00Z --mermaid',
            'timeline my-policy.json --json',
          ],
          EXIT_CODES_HELP,
        ),
      )
      .action(
        action(
          context,
          () => command,
          (target: string, options: TimelineOptions) => timeline(context, target, options),
        ),
      );
  },
};

async function timeline(context: CliContext, target: string, options: TimelineOptions): Promise<number> {
  const { io } = context;
  const raisedAt = instantOption(options.raised, 'raised', context.now);
  let policy = await readPolicy(target);
  // The same rules, counted on another nation's calendar.
  if (options.division)
    policy = definePolicy({ ...(JSON.parse(JSON.stringify(policy)) as PolicyDefinition), division: options.division });
  const view = timelineOf(policy, raisedAt);
  const asOf = options.asOf ? dateOption(options.asOf, 'as-of') : londonDate(context.now().toISOString());
  const currency = policyCurrency(policy, asOf);
  if (options.mermaid) {
    // The chart alone goes to stdout; the warnings are messages.
    for (const warning of currency) io.err(hanging(`${warning.severity}: ${warning.message}`, io.columns));
    io.out(view.mermaid);
    return EXIT.ok;
  }
  if (options.json) {
    const { mermaid: _chart, ...data } = view;
    io.out(
      JSON.stringify(
        { policy: describePolicy(policy), raisedAt, division: policy.division, asOf, currency, ...data },
        null,
        2,
      ),
    );
    return EXIT.ok;
  }
  io.out(wrap(`${policy.partnership}: ${policy.title} (version ${policy.version})`, io.columns, ''));
  for (const warning of currency) io.out(hanging(`${warning.severity}: ${warning.message}`, io.columns));
  io.out(
    wrap(
      `Raised ${londonTime(raisedAt)} London time; working days counted in ${policy.division}; every party using its full allowance.`,
      io.columns,
      '',
    ),
  );
  io.out('\nStages, at the latest');
  io.out(renderTable(view.stages, stageColumns, io.columns));
  if (view.stages.some((r) => r.unbounded)) {
    io.out(
      wrap(
        '* A stage before it has no timescale, so it has no latest date: the date is what the limits alone add up to.',
        io.columns,
        '',
      ),
    );
  }
  io.out('\nDeadlines');
  if (view.deadlines.length === 0) io.out('This policy gives no timescale: no deadline falls due.');
  else io.out(renderTable(view.deadlines, deadlineColumns, io.columns));
  if (view.withoutDate.length)
    io.out(`\n${wrap(`Without a date in the policy: ${view.withoutDate.join('; ')}.`, io.columns, '')}`);
  return EXIT.ok;
}

/** Text wrapped to the terminal, its later lines indented under the first. */
function hanging(text: string, columns: number): string {
  return wrap(text, columns, '');
}

function describePolicy(policy: Policy) {
  return { id: policy.id, partnership: policy.partnership, title: policy.title, version: policy.version };
}

const stageColumns = [
  { heading: 'stage', value: (r: WorstCaseStage) => `${r.number}. ${r.title}` },
  { heading: 'reached by', fixed: true, value: (r: WorstCaseStage) => (r.unbounded ? `${r.reachedOn}*` : r.reachedOn) },
  { heading: 'working days', fixed: true, value: (r: WorstCaseStage) => `${r.workingDays}${r.unbounded ? '+' : ''}` },
  { heading: 'set by', value: (r: WorstCaseStage) => r.governedBy.join(', ') },
];

const OUTCOME: Record<TimelineDeadline['outcome'], string> = {
  met: 'met',
  missed: 'MISSED',
  running: 'still running',
  void: 'no longer applies',
};

const deadlineColumns = [
  { heading: 'due date', fixed: true, value: (d: TimelineDeadline) => d.dueDate },
  { heading: 'deadline', value: (d: TimelineDeadline) => d.label },
  {
    heading: 'stage',
    fixed: true,
    value: (d: TimelineDeadline) => (d.stageNumber === null ? 'all' : String(d.stageNumber)),
  },
  { heading: 'who', value: (d: TimelineDeadline) => d.who ?? '—' },
  { heading: 'counted from', value: (d: TimelineDeadline) => `${d.countedFrom}, ${d.limit}` },
  {
    heading: 'outcome',
    value: (d: TimelineDeadline) => (d.outcome === 'met' && d.metOn ? `met ${d.metOn}` : OUTCOME[d.outcome]),
  },
];

const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

function londonTime(instant: string): string {
  return londonFormat.format(new Date(instant));
}
