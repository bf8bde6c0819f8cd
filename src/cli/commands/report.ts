// `report`: the tracker (CSV), the annual analysis (Markdown) or the summary figures (JSON) of stored
// escalations, for a partnership's oversight.
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { endOfLondonDay } from '../../calendar/london.js';
import { dateOption, instantOption, PLAIN_DATE_MEANS } from '../arguments.js';
import { EXIT, EXIT_CODES_HELP, UsageError } from '../exitCodes.js';
import { oversightAnnualReport, oversightSummary, oversightTrackerCsv } from '../runtime.js';
import { action, helpAfter, type CliContext, type CommandModule } from './command.js';

interface ReportOptions {
  from: string;
  to: string;
  now?: string;
  csv?: boolean;
  md?: boolean;
  json?: boolean;
  charts?: string;
}

export const reportCommand: CommandModule = {
  register(program, context) {
    const command: Command = program
      .command('report')
      .summary('the tracker (CSV), the annual analysis (Markdown) or the figures (JSON) of stored escalations')
      .description(
        'Reads escalations stored as JSON (a file holding one escalation or an array of them, or a folder of such files) and prints, for the period from --from to --to (inclusive), the summary figures (JSON, the default), the tracker (--csv) or the annual analysis (--md). References, categories and process dates only: no free text. A file that cannot be read is counted as unreadable, not refused.',
      )
      .argument('<escalations>', 'a folder of escalation JSON files, or one such file')
      .requiredOption('--from <date>', 'the first day of the period, YYYY-MM-DD')
      .requiredOption('--to <date>', 'the last day of the period, YYYY-MM-DD')
      .option(
        '--now <when>',
        `when lateness is measured (default: the end of --to): a date or an ISO instant (${PLAIN_DATE_MEANS})`,
      )
      .addOption(new Option('--csv', 'print the tracker, one row per escalation').conflicts(['md', 'json']))
      .addOption(new Option('--md', 'print the annual analysis in Markdown').conflicts(['json']))
      .option('--json', 'print the summary figures as JSON (the default)')
      .option('--charts <dir>', "with --md: write the analysis's two SVG charts into this folder")
      .addHelpText(
        'after',
        helpAfter(
          [
            'report escalations/ --from 2025-04-01 --to 2026-03-31',
            'report escalations/ --from 2025-04-01 --to 2026-03-31 --csv > tracker.csv',
            'report escalations/ --from 2025-04-01 --to 2026-03-31 --md --charts charts > analysis.md',
          ],
          EXIT_CODES_HELP,
        ),
      )
      .action(
        action(
          context,
          () => command,
          (target: string, options: ReportOptions) => report(context, target, options),
        ),
      );
  },
};

async function report(context: CliContext, target: string, options: ReportOptions): Promise<number> {
  const { io } = context;
  const from = dateOption(options.from, 'from');
  const to = dateOption(options.to, 'to');
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  if (options.charts && !options.md)
    throw new UsageError('--charts goes with --md: the charts belong to the annual analysis');
  const now = options.now ? instantOption(options.now, 'now', context.now) : endOfLondonDay(to);
  const { escalations, files } = readEscalations(target);
  io.err(`read ${escalations.length} escalation(s) from ${files} file(s)`);
  // Every record goes to the report, whatever it holds: format 1 (written by 0.1) and format 2 are
  // read, and one that cannot be read is counted as unreadable by the report itself (a row of the
  // tracker, a count in the figures and the analysis), never dropped here unseen.
  if (options.csv) {
    io.write(oversightTrackerCsv(escalations, { now, from, to }));
  } else if (options.md) {
    const chartsDir = options.charts ? path.resolve(options.charts) : undefined;
    const analysis = oversightAnnualReport(escalations, {
      from,
      to,
      now,
      chartPath: chartsDir ? path.relative(process.cwd(), chartsDir) || '.' : 'charts',
    });
    if (chartsDir) {
      fs.mkdirSync(chartsDir, { recursive: true });
      for (const [name, svg] of Object.entries(analysis.charts)) fs.writeFileSync(path.join(chartsDir, name), svg);
      io.err(
        `wrote ${Object.keys(analysis.charts).length} chart(s) to ${path.relative(process.cwd(), chartsDir) || '.'}`,
      );
    }
    io.out(analysis.markdown);
  } else {
    io.out(JSON.stringify(oversightSummary(escalations, { from, to, now }), null, 2));
  }
  return EXIT.ok;
}

/** Every escalation in a file or a folder of JSON files; a file that is not JSON counts as unreadable. */
function readEscalations(target: string): { escalations: unknown[]; files: number } {
  const resolved = path.resolve(target);
  if (!fs.existsSync(resolved)) throw new UsageError(`No such file or folder: ${target}`);
  const files = fs.statSync(resolved).isDirectory()
    ? fs
        .readdirSync(resolved)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(resolved, f))
    : [resolved];
  const escalations: unknown[] = [];
  for (const file of files) {
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      escalations.push({ id: path.basename(file) }); // counted as unreadable
      continue;
    }
    if (Array.isArray(data))
      for (const item of data as unknown[]) escalations.push(item); // no spread: a file may hold very many
    else escalations.push(data);
  }
  return { escalations, files: files.length };
}
