// The command-line tool. The outermost room: it reads files and prints; nothing imports it.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { lintPolicy, type Finding } from '../lint/lintPolicy.js';
import { policies } from '../policies/index.js';
import { worstCaseWalk } from '../audit/worstCaseTimeline.js';
import { definePolicy, type Policy } from '../policy/define.js';
import { loadPolicy } from '../authoring/loadPolicy.js';
import { policyJsonSchema } from '../policy/jsonSchema.js';
import { describeLimit, renderPoliciesOverview, renderPolicyMarkdown } from '../render/policyMarkdown.js';
import { renderTimeline } from '../render/renderTimeline.js';
import { getStatus } from '../escalation/getStatus.js';
import { restoreEscalation } from '../escalation/restoreEscalation.js';
import { EscalationError } from '../escalation/errors.js';
import { PolicyError } from '../policy/errors.js';
import { CalendarError } from '../calendar/errors.js';
import { assertDivision } from '../calendar/divisions.js';
import { parseInstant } from '../calendar/dates.js';
import { summarise } from '../oversight/summarise.js';
import { trackerCsv } from '../oversight/tracker.js';
import { renderAnnualReport } from '../oversight/report.js';
import type { Escalation } from '../escalation/types.js';
import { endOfLondonDay, londonDate } from '../calendar/london.js';

const HELP: Record<string, string> = {
  main: `safeguarding-escalation <command> [options]

Commands:
  timeline <policy id or file> --raised <instant> [--division d] [--mermaid]
                                 every deadline of an escalation raised then, as a table
  status <escalation.json> --at <instant> [--policy id or file]
                                 what is due, what is overdue, what must be done
  lint [file or policy id ...]   check policy definitions; exits 1 when any has an error
  report <folder or file> --from <date> --to <date> [--csv | --md [--charts dir] | --json]
                                 the tracker (CSV) or the annual analysis (Markdown) of stored escalations
  docs [policy id or file ...] [--out dir]
                                 write each policy's Markdown page and the overview
  schema                         print the JSON Schema of a policy definition file
  help [command]                 show help for a command

Built-in policy ids: ${Object.keys(policies).join(', ')}`,
  lint: `safeguarding-escalation lint [file or policy id ...] [--json]

Checks policy definitions for what the schema cannot see: unreachable stages, stages with no way
out, a cumulative cap shorter than the stage limits it spans (TIMESCALE_CONFLICT), timescales cited
without a quote, clocks that wait for a record nobody is asked to make, and movement rules that
disagree. A file is a JSON policy definition, or a JavaScript module whose default export is one.
With no argument, lints the five built-in policies.

Options:
  --json   print the findings as JSON

Exit codes: 0 no error (warnings and notes may be printed), 1 at least one error, 2 bad usage.`,
  timeline: `safeguarding-escalation timeline <policy id or file> --raised <instant> [--division d] [--mermaid]

Every deadline of an escalation raised at <instant>, when each stage takes its full allowance: the
stage, who acts, the due date, and what it counts from.

Options:
  --raised <instant>   when the concern was raised: an ISO instant with Z or an offset (required)
  --division <d>       count working days in another division (england-and-wales, scotland,
                       northern-ireland) instead of the policy's own
  --mermaid            print a Mermaid Gantt chart instead of the table

Example: safeguarding-escalation timeline suffolk --raised 2024-12-20T10:00:00Z`,
  status: `safeguarding-escalation status <escalation.json> --at <instant> [--policy id or file]

What is due, what is overdue and what must be done for a stored escalation at <instant>. The policy
is the built-in one the escalation names, unless --policy gives another (a JSON definition or a
module exporting one).

Exit codes: 0 shown, 1 the escalation or policy is invalid, 2 bad usage.`,
  docs: `safeguarding-escalation docs [policy id or file ...] [--out dir]

Writes a Markdown page for each policy (state diagram, stages, obligations, movement rules, records,
routes, worst case, interpretations) and README.md comparing them, into --out (default docs/policies).
With no policy, writes the five built-in ones.`,
  report: `safeguarding-escalation report <folder or file of escalation JSON> --from <date> --to <date> [--now <instant>] [--csv | --md [--charts dir] | --json]

Reads escalations stored as JSON (a file holding one escalation or an array of them, or a folder of
such files) and prints, for the period from --from to --to (YYYY-MM-DD, inclusive):
  --csv    the tracker, one row per escalation, ready for a spreadsheet
  --md     the annual analysis in Markdown; with --charts <dir>, its two SVG charts are written there
  --json   the summary figures (the default)
References, categories and process dates only: no free text. --now (default: the end of --to) is
when lateness is measured.`,
  schema: `safeguarding-escalation schema

Prints the JSON Schema of a policy definition file (draft 2020-12), for editor validation and completion.`,
};

class UsageError extends Error {}

async function loadTarget(target: string): Promise<{ name: string; definition: unknown; file?: string }> {
  if (target in policies) return { name: target, definition: policies[target as keyof typeof policies] };
  const file = path.resolve(target);
  if (!fs.existsSync(file)) {
    throw new UsageError(`No policy id or file '${target}' (built-in ids: ${Object.keys(policies).join(', ')})`);
  }
  if (/\.(json|ya?ml)$/i.test(file)) return { name: target, definition: fs.readFileSync(file, 'utf8'), file: target };
  if (/\.(m?js|cjs)$/i.test(file)) {
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown; policy?: unknown };
    return { name: target, definition: mod.default ?? mod.policy };
  }
  throw new UsageError(`Cannot read '${target}': give a .yaml or .json policy file, or a .js module that exports a definition`);
}

async function policyArg(target: string): Promise<Policy> {
  const { definition, file } = await loadTarget(target);
  return loadPolicy(definition, file ? { file } : {});
}

function table(rows: Record<string, string>[], out: (line: string) => void): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd();
  out(line(cols));
  out(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) out(line(cols.map((c) => r[c]!)));
}

function instantOption(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`--${name} is required: an ISO instant such as 2024-12-20T10:00:00Z`);
  try {
    return new Date(parseInstant(value, `--${name}`)).toISOString();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function timeline(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { raised: { type: 'string' }, division: { type: 'string' }, mermaid: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  if (values.help) return out(HELP.timeline!), 0;
  if (positionals.length !== 1) throw new UsageError(`timeline takes one policy id or file.\n\n${HELP.timeline}`);
  let policy = await policyArg(positionals[0]!);
  const raisedAt = instantOption(values.raised, 'raised');
  if (values.division) {
    let division;
    try {
      division = assertDivision(values.division);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    // The same rules, counted on another nation's calendar.
    policy = definePolicy({ ...(JSON.parse(JSON.stringify(policy)) as object), division } as never);
  }
  const { escalation } = worstCaseWalk(policy, raisedAt);
  if (values.mermaid) {
    out(renderTimeline(policy, escalation, escalation.asOf));
    return 0;
  }
  out(`${policy.partnership}: ${policy.title} (version ${policy.version})`);
  out(`Raised ${raisedAt}; working days counted in ${policy.division}; each stage taking its full allowance.`);
  out('');
  const rules = new Map(policy.obligations.map((o) => [o.id, o] as const));
  const stageTitle = (id: string | undefined) => {
    const s = policy.stages.find((x) => x.id === id);
    return s ? `${s.number}. ${s.title}` : 'whole process';
  };
  const rows = escalation.obligations
    .filter((o) => o.dueDate !== null)
    .sort((a, b) => (a.dueAt! < b.dueAt! ? -1 : a.dueAt! > b.dueAt! ? 1 : 0))
    .map((o) => {
      const rule = rules.get(o.rule)!;
      return {
        stage: stageTitle(o.stage),
        deadline: o.label,
        who: [rule.who, rule.to ? `to ${rule.to}` : undefined].filter(Boolean).join(', ') || '—',
        'due date': o.dueDate!,
        'counted from': `${londonDate(o.armedAt)} (${describeLimit(rule.limit)})`,
      };
    });
  if (rows.length === 0) out('This policy gives no timescale: no deadline falls due.');
  table(rows, out);
  const undated = escalation.obligations.filter((o) => o.dueDate === null).map((o) => o.label);
  if (undated.length) out(`\nWithout a date in the policy: ${[...new Set(undated)].join('; ')}.`);
  return 0;
}

async function status(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { at: { type: 'string' }, policy: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  if (values.help) return out(HELP.status!), 0;
  if (positionals.length !== 1) throw new UsageError(`status takes one escalation JSON file.\n\n${HELP.status}`);
  const file = path.resolve(positionals[0]!);
  if (!fs.existsSync(file)) throw new UsageError(`No file '${positionals[0]}'`);
  const at = instantOption(values.at, 'at');
  const text = fs.readFileSync(file, 'utf8');
  let policy: Policy;
  if (values.policy) policy = await policyArg(values.policy);
  else {
    let id: unknown;
    try {
      id = (JSON.parse(text) as { policy?: { id?: unknown } })?.policy?.id;
    } catch {
      id = undefined;
    }
    if (typeof id !== 'string' || !(id in policies)) throw new UsageError(`The escalation names no built-in policy${typeof id === 'string' ? ` ('${id}')` : ''}: give --policy`);
    policy = policies[id as keyof typeof policies];
  }
  const e = restoreEscalation(policy, text);
  const s = getStatus(policy, e, at);
  out(`${e.id} (${policy.partnership}) at ${at}: ${s.open ? 'open' : s.status}, at stage ${s.stage.number}: ${s.stage.title}`);
  if (s.stageDeadline) out(`Stage deadline: ${s.stageDeadline.dueDate}${s.stageDeadline.overdue ? ' — OVERDUE' : ` (${s.stageDeadline.workingDaysRemaining} working day(s) left)`}`);
  out('');
  const overdue = s.deadlines.filter((d) => d.overdue);
  const due = s.deadlines.filter((d) => !d.overdue);
  out(overdue.length ? 'Overdue:' : 'Nothing is overdue.');
  for (const d of overdue) out(`  ${d.dueDate}  ${d.label} (${-d.workingDaysRemaining} working day(s) late) — ${d.citation}`);
  out(due.length ? 'Due:' : 'Nothing else is due.');
  for (const d of due) out(`  ${d.dueDate}  ${d.label}${d.state === 'due-today' ? ' — due today' : d.state === 'due-next-working-day' ? ' — due on the next working day' : ''}`);
  out('Must be done:');
  for (const a of s.requiredActions) out(`  ${a.action}${a.who ? ` (${a.who})` : ''}${a.dueDate ? ` by ${a.dueDate}` : ', no date in the policy'}${a.overdue ? ' — OVERDUE' : ''}`);
  out(`Allowed next: ${s.allowedEvents.map((x) => `${x.type}${x.to ? ` ${x.to}` : ''}${x.obligation ? ` ${x.obligation}` : ''}`).join(', ') || 'nothing'}`);
  return 0;
}

function readEscalations(target: string): unknown[] {
  const p = path.resolve(target);
  if (!fs.existsSync(p)) throw new UsageError(`No file or folder '${target}'`);
  const files = fs.statSync(p).isDirectory()
    ? fs.readdirSync(p).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(p, f))
    : [p];
  const all: unknown[] = [];
  for (const f of files) {
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(f, 'utf8'));
    } catch {
      all.push({ id: path.basename(f) }); // counted as unreadable
      continue;
    }
    if (Array.isArray(data)) all.push(...data);
    else all.push(data);
  }
  return all;
}

async function report(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { from: { type: 'string' }, to: { type: 'string' }, now: { type: 'string' }, csv: { type: 'boolean' }, md: { type: 'boolean' }, json: { type: 'boolean' }, charts: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) return out(HELP.report!), 0;
  if (positionals.length !== 1) throw new UsageError(`report takes one folder or file.\n\n${HELP.report}`);
  for (const [name, v] of [['from', values.from], ['to', values.to]] as const) {
    if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UsageError(`--${name} is required, as a date YYYY-MM-DD (got ${JSON.stringify(v ?? null)})`);
  }
  if ([values.csv, values.md, values.json].filter(Boolean).length > 1) throw new UsageError('Give one of --csv, --md and --json');
  const now = values.now ? instantOption(values.now, 'now') : endOfLondonDay(values.to!);
  const escalations = readEscalations(positionals[0]!);
  const options = { from: values.from!, to: values.to!, now };
  if (values.csv) {
    const readable = escalations.filter((e) => [1, 2].includes((e as { format?: unknown })?.format as number)) as Escalation[];
    process.stdout.write(trackerCsv(readable, { now }));
    return 0;
  }
  if (values.md) {
    const chartsDir = values.charts ? path.resolve(values.charts) : undefined;
    const readable = escalations.filter((e) => [1, 2].includes((e as { format?: unknown })?.format as number)) as Escalation[];
    const r = renderAnnualReport(readable, { ...options, chartPath: chartsDir ? path.relative(process.cwd(), chartsDir) || '.' : 'charts' });
    if (chartsDir) {
      fs.mkdirSync(chartsDir, { recursive: true });
      for (const [name, svg] of Object.entries(r.charts)) fs.writeFileSync(path.join(chartsDir, name), svg);
    }
    out(r.markdown);
    return 0;
  }
  out(JSON.stringify(summarise(escalations, options), null, 2));
  return 0;
}

async function docs(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  if (values.help) return out(HELP.docs!), 0;
  const list = positionals.length ? await Promise.all(positionals.map(policyArg)) : Object.values(policies);
  const dir = path.resolve(values.out ?? 'docs/policies');
  fs.mkdirSync(dir, { recursive: true });
  for (const p of list) fs.writeFileSync(path.join(dir, `${p.id}.md`), renderPolicyMarkdown(p));
  fs.writeFileSync(path.join(dir, 'README.md'), renderPoliciesOverview(list));
  out(`wrote ${list.length} policy page(s) and README.md to ${path.relative(process.cwd(), dir) || '.'}`);
  return 0;
}

function printFindings(name: string, findings: readonly Finding[], out: (line: string) => void): void {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  out(`${name}: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} note(s)`);
  for (const f of findings) {
    out(`  ${f.severity.padEnd(7)} ${f.code.padEnd(26)} ${f.line !== undefined ? `${name}:${f.line}:${f.column} ` : ''}${f.path}`);
    out(`          ${f.message}`);
    if (f.source) out(`          text: ${f.source}`);
  }
}

async function lint(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  if (values.help) {
    out(HELP.lint!);
    return 0;
  }
  const targets = positionals.length ? positionals : Object.keys(policies);
  const results: { name: string; findings: Finding[] }[] = [];
  for (const t of targets) {
    const { name, definition, file } = await loadTarget(t);
    const findings = lintPolicy(definition, file ? { file } : {});
    results.push({ name, findings });
  }
  if (values.json) out(JSON.stringify(results, null, 2));
  else results.forEach((r) => printFindings(r.name, r.findings, out));
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** Runs the CLI with arguments; returns the exit code. Lines go to `out` and `err`. */
export async function run(argv: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'lint':
        return await lint(rest, out);
      case 'timeline':
        return await timeline(rest, out);
      case 'status':
        return await status(rest, out);
      case 'docs':
        return await docs(rest, out);
      case 'report':
        return await report(rest, out);
      case 'schema':
        out(JSON.stringify(policyJsonSchema(), null, 2));
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(HELP[rest[0] ?? 'main'] ?? HELP.main!);
        return 0;
      default:
        err(`Unknown command '${command}'.\n\n${HELP.main}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError || String((e as { code?: string }).code).startsWith('ERR_PARSE_ARGS')) {
      err((e as Error).message);
      return 2;
    }
    if (e instanceof EscalationError || e instanceof PolicyError || e instanceof CalendarError) {
      err(`${e.name} ${e.code}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

