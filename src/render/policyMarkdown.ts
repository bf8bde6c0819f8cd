import { longestRaiseDate, worstCaseTimeline } from '../audit/worstCaseTimeline.js';
import { MONTH_NAMES } from '../calendar/dates.js';
import { londonDate } from '../calendar/london.js';
import { policyCurrency, type CurrencyWarning } from '../policy/currency.js';
import { policyArgument, type Policy } from '../policy/define.js';
import { PolicyError } from '../policy/errors.js';
import { limitSchema } from '../policy/schema.js';
import { parseWith } from '../shared/zod.js';
import { policyMoves } from '../policy/moves.js';
import { citationText } from '../policy/citation.js';
import { anchorsOf, stageObligations } from '../policy/queries.js';
import { htmlCommentText, markdownLinkTarget, markdownLinkText, markdownText, mermaidText } from './escape.js';
import type { Anchor, AnchorOrFirstOf, Citation, Limit, Meet, ObligationRule, Requirement } from '../policy/schema.js';

// Renders a policy definition as Markdown: a Mermaid state diagram (GitHub and npm draw it) and the
// tables a practitioner or auditor reads. Generated docs say so on their first line.

// Every piece of text from the policy is escaped for where it goes: a table cell or a line of
// Markdown (markdownText), a Mermaid label (mermaidText).
const cell = markdownText;
const cite = (c: Citation) => cell(citationText(c));
const mermaidId = (state: string) => state.replace(/-/g, '_');

/**
 * The raise date the generated pages use unless given another: 10:00 on Friday 20 December 2024, the
 * last working day before Christmas, when bank holidays stretch a policy most.
 *
 * @example
 * worstCaseTimeline(policies.suffolk, DEFAULT_RAISED_AT);
 */
export const DEFAULT_RAISED_AT = '2024-12-20T10:00:00Z';

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The London day of an instant in words, "Friday 20 December 2024", or short, "Fri 20 Dec 2024". */
function dayInWords(instant: string, short = false): string {
  const [year, month, day] = londonDate(instant).split('-').map(Number) as [number, number, number];
  const weekday = DAY_NAMES[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!;
  const monthName = MONTH_NAMES[month - 1]!;
  return short
    ? `${weekday.slice(0, 3)} ${day} ${monthName.slice(0, 3)} ${year}`
    : `${weekday} ${day} ${monthName} ${year}`;
}

/** The year of an instant's London day: the year whose raise dates are tried for the longest. */
function yearOf(instant: string): number {
  return Number(londonDate(instant).slice(0, 4));
}

const UNIT_WORDS: Record<string, [string, string]> = {
  'working-days': ['working day', 'working days'],
  'working-weeks': ['working week', 'working weeks'],
  'calendar-days': ['calendar day', 'calendar days'],
  hours: ['hour', 'hours'],
};

/**
 * A limit in words: "2 working days", "1 working week or a timescale that protects the child, whichever is less".
 *
 * @example
 * describeLimit({ value: 2, unit: 'working-days' }); // '2 working days'
 */
export function describeLimit(limit: Limit | undefined): string {
  if (limit === undefined) return 'none given';
  const checked = parseWith(limitSchema, limit);
  if (!checked.ok) throw new PolicyError(undefined, checked.problems);
  return limitWords(limit);
}

function limitWords(limit: Limit): string {
  if ('unit' in limit) return `${limit.value} ${UNIT_WORDS[limit.unit]![limit.value === 1 ? 0 : 1]}`;
  return `${limit.whicheverIsLess.map((p) => ('unit' in p ? limitWords(p) : p.perCase)).join(' or ')}, whichever is less`;
}

/** What a movement rule requires, in a few words: the risk, or the reason the event must give. */
export function describeRequirement(requires: Requirement): string {
  return typeof requires === 'string' ? requires : `reason '${requires.reason}'`;
}

function describeAnchor(anchor: AnchorOrFirstOf): string {
  if ('firstOf' in anchor) return `whichever comes first of ${anchor.firstOf.map(describeOneAnchor).join('; ')}`;
  return describeOneAnchor(anchor);
}

function describeOneAnchor(a: Anchor): string {
  switch (a.on) {
    case 'raised':
      return 'the concern being raised';
    case 'stage-entered':
      return `${a.once ? 'the first of ' : ''}${a.stages.join(', ')} beginning${a.from ? ` (entered from ${a.from.join(' or ')})` : ''}`;
    case 'record':
      return `a ${Array.isArray(a.kind) ? a.kind.join(' or ') : a.kind}${a.form ? ` (${a.form})` : ''} record${a.stages ? ` at ${a.stages.join(', ')}` : ''}`;
    case 'resolved':
      return `resolution${a.stages ? ` at ${a.stages.join(', ')}` : ''}`;
    case 'concluded':
      return `the end of the process, resolved or withdrawn${a.stages ? `, at ${a.stages.join(', ')}` : ''}`;
    case 'flagged':
      return `the case being flagged '${a.flag}'`;
  }
}

function describeMeet(m: Meet): string {
  switch (m.by) {
    case 'stage-exit':
      return 'leaving the stage';
    case 'stage-reached':
      return `reaching ${m.stages.join(' or ')}${m.orResolution ? ', or resolution' : ''}`;
    case 'resolution':
      return 'resolution';
    case 'record':
      return `a ${Array.isArray(m.kind) ? m.kind.join(' or ') : m.kind}${m.form ? ` (${m.form})` : ''} record${m.to ? ` to ${typeof m.to === 'string' ? m.to : m.to.join(' or ')}` : ''}${m.orEarlier ? ' (one made earlier counts)' : ''}`;
  }
}

function riskNote(o: ObligationRule): string {
  if (!o.imminentRisk) return '';
  if ('onlyThen' in o.imminentRisk) return ' Only when the child is at imminent risk.';
  if ('notApplicable' in o.imminentRisk) return ' Does not apply when the child is at imminent risk.';
  return ` At imminent risk: ${describeLimit(o.imminentRisk.limit)}.`;
}

/**
 * The policy's state diagram in Mermaid: 'raised', its stages, 'resolved' and 'withdrawn', each
 * move labelled with its event and the risk it requires.
 *
 * @example
 * renderStateDiagram(policies.barnsley); // "stateDiagram-v2\n  [*] --> raised\n ..."
 */
export function renderStateDiagram(policy: Policy): string {
  policy = policyArgument(policy);
  const lines = ['stateDiagram-v2', '  direction LR'];
  lines.push('  state "Raised" as raised');
  for (const s of policy.stages)
    lines.push(`  state "${mermaidText(`${s.number}. ${s.title}`)}" as ${mermaidId(s.id)}`);
  lines.push('  state "Resolved" as resolved', '  state "Withdrawn" as withdrawn', '  [*] --> raised');
  for (const move of policyMoves(policy)) {
    if (move.event === 'WITHDRAW') continue; // drawn once below, to keep the diagram readable
    const label =
      move.rule && move.rule.requires !== 'none'
        ? `${move.event} (${describeRequirement(move.rule.requires)})`
        : move.event;
    lines.push(`  ${mermaidId(move.from)} --> ${mermaidId(move.to)} : ${mermaidText(label)}`);
  }
  lines.push('  note right of withdrawn : Every stage may be withdrawn', '  resolved --> [*]', '  withdrawn --> [*]');
  return lines.join('\n');
}

/** Options for `renderPolicyMarkdown`. */
export interface PolicyMarkdownOptions {
  /**
   * The command that regenerates the page, named on its first line. By default `npm run generate`,
   * this project's own, whose pages a test keeps fresh; any other command's page says to run it again.
   */
  readonly generatedBy?: string;
  /** The file the policy was read from, named on the first line; by default `policies/<id>.yaml`. */
  readonly from?: string;
  /**
   * The moment the worst case is worked out for (an ISO instant); the longest raise date is sought in
   * its year. By default 10:00 on Friday 20 December 2024.
   */
  readonly raisedAt?: string;
  /**
   * The day the document's currency is judged on (`policyCurrency`): a review date that has passed by
   * then is a warning. Without it the review date is given as the document's own date, so that the
   * page does not change with the day it is made.
   */
  readonly asOf?: string;
  /** A drawing of the diagram beside the page (an SVG file name), linked under the Mermaid source. */
  readonly diagramFile?: string;
}

/** The first line of a generated page: what made it, from what, and what to do instead of editing it. */
function generatedLine(what: string, from: string, generatedBy: string | undefined): string {
  const then =
    generatedBy === undefined ? 'a test fails when this file is stale' : 'run that again after changing the policy';
  return `<!-- Generated by \`${htmlCommentText(generatedBy ?? 'npm run generate')}\` from ${htmlCommentText(from)}. Do not edit ${what} by hand: ${then}. -->`;
}

/** The options object of a renderer, each of its fields of the type it must be. */
function renderOptions<T extends object>(options: unknown, name: string, text: readonly (keyof T & string)[]): T {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new PolicyError(undefined, [{ path: '(options)', message: `${name}: expected an options object` }]);
  for (const key of text) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined && (typeof value !== 'string' || value.trim() === ''))
      throw new PolicyError(undefined, [{ path: `(options).${key}`, message: `${name}: expected non-empty text` }]);
  }
  return options as T;
}

/** A currency warning as a Markdown quote line. */
function currencyLine(warning: CurrencyWarning): string {
  return `> ${warning.severity === 'warning' ? '**Check that this is the current version.**' : '**Review date.**'} ${cell(warning.message)}`;
}

/** What the source says about the document's currency, in one line. */
function sourceFacts(policy: Policy): string {
  const s = policy.source;
  const facts = [
    s.publisher ? `Published by ${s.publisher}` : undefined,
    s.version ? `version ${s.version}` : undefined,
    s.issued ? `issued ${s.issued}` : undefined,
    s.reviewDue ? `review due ${s.reviewDue}` : undefined,
  ].filter(Boolean);
  return [facts.length ? `${cell(facts.join('; '))}.` : '', s.url ? documentLink(s.url) : '', cell(s.notes ?? '')]
    .filter(Boolean)
    .join(' ');
}

/** The document's address as a link where it is a web address, else as text. */
function documentLink(url: string): string {
  return /^https?:\/\/[^\s<>]+$/i.test(url) ? `<${markdownLinkTarget(url)}>` : cell(url);
}

/** Who an obligation's `to` names: the recipient's title where the policy has one. */
function recipientName(policy: Policy, id: string): string {
  return policy.recipients?.find((recipient) => recipient.id === id)?.title ?? id;
}

/**
 * The whole policy as Markdown: diagram, stage table, obligations, movement rules, records and forms,
 * notifications, side routes and interpretations, each with its citation.
 *
 * @example
 * fs.writeFileSync('docs/policies/suffolk.md', renderPolicyMarkdown(policies.suffolk));
 */
export function renderPolicyMarkdown(policy: Policy, options: PolicyMarkdownOptions = {}): string {
  policy = policyArgument(policy);
  options = renderOptions<PolicyMarkdownOptions>(options, 'renderPolicyMarkdown', [
    'generatedBy',
    'from',
    'raisedAt',
    'asOf',
    'diagramFile',
  ]);
  const out: string[] = [];
  const raisedAt = options.raisedAt ?? DEFAULT_RAISED_AT;
  out.push(generatedLine('this page', options.from ?? `policies/${policy.id}.yaml`, options.generatedBy));
  out.push(
    `# ${cell(policy.partnership)}`,
    '',
    `**${cell(policy.title)}**, version ${cell(policy.version)}${policy.source.date ? ` (${cell(policy.source.date)})` : ''}.`,
  );
  out.push(
    '',
    `Source: ${cell(policy.source.document)}. Working days are counted on the ${policy.division} calendar. Policy id: \`${policy.id}\`.`,
  );
  const facts = sourceFacts(policy);
  if (facts) out.push('', facts);
  const currency = policyCurrency(policy, options.asOf);
  if (currency.length) out.push('', currency.map(currencyLine).join('\n>\n'));
  out.push('', '## States and moves', '', '```mermaid', renderStateDiagram(policy), '```');
  if (options.diagramFile)
    out.push(
      '',
      `The same diagram as a picture: [${markdownLinkText(options.diagramFile)}](${markdownLinkTarget(options.diagramFile)}).`,
    );

  out.push(
    '',
    '## Stages',
    '',
    '| stage | title | who takes part | timescale | counted from | maximum or guidance | citation |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const s of policy.stages) {
    const own = stageObligations(policy, s.id);
    const who = s.participants
      .map((p) => `${p.role}${p.agency ? ` (${p.agency})` : ''}${p.counterpart ? ` ↔ ${p.counterpart}` : ''}`)
      .join('; ');
    const timescale = own.length
      ? own.map((o) => `${describeLimit(o.limit)} (${o.label.toLowerCase()})`).join('; ')
      : 'none given';
    const from = own.length ? own.map((o) => describeAnchor(o.anchor)).join('; ') : '—';
    const strength = own.length ? [...new Set(own.map((o) => (o.limit ? o.strength : '—')))].join('; ') : '—';
    const citation = own.length ? own.map((o) => cite(o.citation)).join('; ') : cite(s.citation);
    out.push(
      `| ${s.number} | ${cell(s.title)} | ${cell(who)} | ${cell(timescale)} | ${cell(from)} | ${strength} | ${citation} |`,
    );
  }

  out.push(
    '',
    '## Every obligation',
    '',
    '| id | kind | what | who | limit | counted from | met by | strength | citation |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const o of policy.obligations) {
    const who = [o.who, o.to ? `to ${recipientName(policy, o.to)}` : undefined].filter(Boolean).join(', ') || '—';
    const limit = `${describeLimit(o.limit)}${o.every ? `, then every ${describeLimit(o.every)}` : ''}${riskNote(o)}`;
    out.push(
      `| \`${o.id}\` | ${o.kind} | ${cell(o.label)} | ${cell(who)} | ${cell(limit)} | ${cell(describeAnchor(o.anchor))} | ${cell(describeMeet(o.meet))} | ${o.limit ? o.strength : '—'} | ${cite(o.citation)} |`,
    );
  }

  out.push('', '## Movement rules', '');
  if (policy.movement.length === 0)
    out.push('The stages run in order, one at a time; there is no rule for skipping or starting later.');
  else {
    out.push(
      '| rule | kind | from | to | requires | the text | citation |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const m of policy.movement) {
      out.push(
        `| \`${m.id}\` | ${m.kind} | ${m.from ? m.from.join(', ') : 'any stage'} | ${m.to.join(', ')} | ${cell(describeRequirement(m.requires))} | “${cell(m.quote)}” | ${cite(m.citation)} |`,
      );
    }
  }

  out.push('', '## Records and forms', '');
  const records = policy.obligations.filter((o) => o.kind === 'record' || o.kind === 'after-resolution');
  for (const o of records)
    out.push(
      `- **${cell(o.label)}** (${cell(describeAnchor(o.anchor))}; ${cell(describeLimit(o.limit))}). ${cite(o.citation)}`,
    );
  for (const f of policy.forms ?? []) {
    out.push(
      '',
      `### ${cell(f.title)}`,
      '',
      f.when ? `When: ${cell(f.when)}. ${cite(f.citation)}` : cite(f.citation),
      '',
    );
    for (const field of f.fields)
      out.push(`- ${cell(field.name)}${field.description ? `: ${cell(field.description)}` : ''}`);
  }

  out.push('', '## Notifications and reminders', '');
  const notices = policy.obligations.filter(
    (o) => o.kind === 'notification' || o.kind === 'reminder' || o.kind === 'response',
  );
  if (notices.length === 0) out.push('None beyond the records above.');
  for (const o of notices)
    out.push(
      `- **${cell(o.label)}**${o.to ? ` (to ${cell(recipientName(policy, o.to))})` : ''}: ${cell(describeLimit(o.limit))}${o.every ? `, then every ${describeLimit(o.every)}` : ''} from ${cell(describeAnchor(o.anchor))}.${cell(riskNote(o))} ${cite(o.citation)}`,
    );

  if (policy.recipients?.length) {
    out.push(
      '',
      '## Recipients',
      '',
      'Notices and answers name a recipient by id; a notice to any of its names or addresses reaches it.',
      '',
    );
    out.push('| id | who | also known as | addresses |', '| --- | --- | --- | --- |');
    for (const r of policy.recipients)
      out.push(
        `| \`${r.id}\` | ${cell(r.title)} | ${cell((r.aliases ?? []).join('; ') || '—')} | ${cell((r.addresses ?? []).join('; ') || '—')} |`,
      );
  }
  if (policy.flags?.length) {
    out.push(
      '',
      '## Flags',
      '',
      'A host flags a case (a FLAG event) when the text says a kind of case needs more:',
      '',
    );
    for (const f of policy.flags) out.push(`- \`${f.id}\`: ${cell(f.title)}. ${cite(f.citation)}`);
  }

  out.push('', '## Routes beside the ladder', '');
  if (!policy.routes?.length) out.push('None.');
  for (const r of policy.routes ?? []) {
    const handOff = r.handOff
      ? ` Handed to ${cell(r.handOff.to)} on entering ${r.handOff.onEntering.join(' or ')}.`
      : '';
    out.push(`- **${cell(r.title)}** (${r.kind}): ${cell(r.summary)}${handOff} ${cite(r.citation)}`);
  }

  out.push(
    '',
    '## Worst case',
    '',
    `The latest each stage can be reached for a concern raised on ${dayInWords(raisedAt)}, every party using its full allowance:`,
    '',
  );
  out.push('| stage | reached by | working days | set by |', '| --- | --- | --- | --- |');
  for (const r of worstCaseTimeline(policy, raisedAt)) {
    const by = r.unbounded
      ? `no latest date (an earlier stage has no timescale); the limits alone give ${r.reachedOn}`
      : r.reachedOn;
    out.push(
      `| ${r.number}. ${cell(r.title)} | ${by} | ${r.workingDays}${r.unbounded ? '+' : ''} | ${cell(r.governedBy.join(', '))} |`,
    );
  }
  const year = yearOf(raisedAt);
  const longest = longestRaiseDate(policy, year);
  out.push(
    '',
    longest
      ? `Of every day in ${year}, a concern raised on ${longest.raisedOn} takes longest to reach the top stage: ${longest.reachedOn}${longest.unbounded ? ' at the least (an earlier stage has no timescale)' : ''}, ${longest.calendarDays}${longest.unbounded ? '+' : ''} calendar days and ${longest.workingDays}${longest.unbounded ? '+' : ''} working days later.`
      : `No stage has a timescale, so no raise date in ${year} takes longer than another.`,
  );

  out.push(
    '',
    '## Interpretations',
    '',
    'Where the text is silent, ambiguous or contradicts itself, this definition takes the reading below.',
    '',
  );
  for (const i of policy.interpretations ?? []) {
    out.push(
      `- **${cell(i.issue)}** Reading: ${cell(i.reading)} Why: ${cell(i.reason)}${i.citation ? ` (${cite(i.citation)})` : ''}`,
    );
  }
  if (!policy.interpretations?.length) out.push('None.');
  return `${out.join('\n')}\n`;
}

/** Options for `renderPoliciesOverview`. */
export interface PoliciesOverviewOptions {
  /** The command that regenerates the page, named on its first line; by default `npm run generate`. */
  readonly generatedBy?: string;
  /** The files the policies were read from, named on the first line; by default `policies/*.yaml`. */
  readonly from?: string;
  /** The page's heading; by default "The five partnerships side by side" for the shipped five, else "The policies side by side". */
  readonly title?: string;
  /** The moment the working days to the top stage are counted from; by default 10:00 on Friday 20 December 2024. */
  readonly raisedAt?: string;
  /** The day the documents' currency is judged on; without it each review date is given as the document's own. */
  readonly asOf?: string;
}

/** How to check that a policy is current; `guide` is the link to the authoring guide, where the page can link it. */
const checkForANewerVersion = (guide: string) =>
  [
    '## Is a policy the current version?',
    '',
    'Each definition records the document it encodes in `source`: its title, publisher, version, issue date (`issued`) and review date (`reviewDue`). Partnerships revise their procedures, and this package cannot see their websites, so the table above is what the documents themselves say. To check a policy:',
    '',
    "1. Open the publisher's website (its safeguarding partnership's procedures or professionals' pages) and find the document by the title above.",
    "2. Compare its version and date with the policy page's *Source* line (or `safeguarding-escalation export <id>`, which writes the file with its `source` block).",
    `3. If the published version is newer, the shipped definition may be out of date: do not rely on its timescales until it has been checked against the new text. Report it at the issue tracker with the new version and its date, or write the new version yourself from the shipped file (\`export\`, then edit, \`lint\` and \`docs\`, as ${guide} shows).`,
    '',
    "`safeguarding-escalation timeline <id>` warns when a policy's review date has passed on the day it runs; `policyCurrency(policy, asOf)` gives the same warnings to a program.",
  ].join('\n');

/**
 * The policies side by side: stages, the most working days to the top stage, skip rules, records,
 * and whether each source document may have been replaced (its currency).
 *
 * @example
 * renderPoliciesOverview(Object.values(policies));
 * renderPoliciesOverview([mine], { generatedBy: 'safeguarding-escalation docs my-policy.yaml', from: 'my-policy.yaml' });
 */
export function renderPoliciesOverview(list: readonly Policy[], opts: PoliciesOverviewOptions = {}): string {
  list = policyList(list);
  opts = renderOptions<PoliciesOverviewOptions>(opts, 'renderPoliciesOverview', [
    'generatedBy',
    'from',
    'title',
    'raisedAt',
    'asOf',
  ]);
  const raisedAt = opts.raisedAt ?? DEFAULT_RAISED_AT;
  const shipped = opts.from === undefined;
  const out = [
    generatedLine('this page', opts.from ?? 'policies/*.yaml', opts.generatedBy),
    `# ${opts.title !== undefined ? cell(opts.title) : shipped && list.length === 5 ? 'The five partnerships side by side' : 'The policies side by side'}`,
    '',
    `Working days to the top stage are the most the policy allows when every party uses its full allowance, for a concern raised on ${dayInWords(raisedAt)}${raisedAt === DEFAULT_RAISED_AT ? ' (across Christmas and New Year)' : ''}. "+" marks a policy with a stage that has no timescale: the figure is then what the limits alone add up to.`,
    '',
    '| policy | stages | working days to the top stage, at most | skipping and starting later | records and forms |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const p of list) {
    const timeline = worstCaseTimeline(p, raisedAt);
    const top = timeline.at(-1)!;
    const stages = p.stages.map((s) => `${s.number}. ${cell(s.title)}`).join('<br>');
    const moves = p.movement.length
      ? p.movement.map((m) => `${m.kind} to ${m.to.join('/')} (${describeRequirement(m.requires)})`).join('<br>')
      : 'in order only';
    const records = [
      ...(p.forms ?? []).map((f) => f.title),
      ...p.obligations
        .filter((o) => o.kind === 'record' && !anchorsOf(o.anchor).some((a) => a.on === 'record'))
        .map((o) => o.label),
    ].slice(0, 4);
    const days = top.unbounded
      ? top.workingDays === 0
        ? 'no limit (the text gives no timescale)'
        : `${top.workingDays}+ (a stage has no timescale)`
      : `${top.workingDays} (set by ${top.governedBy.join(', ')})`;
    out.push(
      `| [${markdownLinkText(p.partnership)}](${p.id}.md) | ${stages} | ${cell(days)} | ${moves} | ${records.map(cell).join('<br>')} |`,
    );
  }
  out.push(
    '',
    '## The documents and their currency',
    '',
    '| policy | document | version | issued | review due | to check |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const p of list) {
    const s = p.source;
    const doubts = policyCurrency(p, opts.asOf).map((w) => w.summary);
    out.push(
      `| [${markdownLinkText(p.partnership)}](${p.id}.md) | ${cell(s.document)} | ${cell(s.version ?? '—')} | ${s.issued ?? '—'} | ${s.reviewDue ?? '—'} | ${cell(doubts.join('; ') || 'nothing in the document')} |`,
    );
  }
  out.push(
    '',
    checkForANewerVersion(
      shipped ? '[the authoring guide](../authoring.md)' : 'the authoring guide (docs/authoring.md in the package)',
    ),
  );
  return `${out.join('\n')}\n`;
}

/** Options for `renderWorstCaseTable`. */
export interface WorstCaseTableOptions {
  /** The moment the stages are reached from; by default 10:00 on Friday 20 December 2024. */
  readonly raisedAt?: string;
  /** The year whose every day is tried for the longest raise date; by default the year of `raisedAt`. */
  readonly year?: number;
}

/**
 * The worst-case table for several policies: the latest each stage can be reached for a concern
 * raised at `raisedAt` (by default Friday 20 December 2024), and the raise date of `year` (by default
 * the year of `raisedAt`) that takes longest to the top stage.
 *
 * @example
 * renderWorstCaseTable(Object.values(policies), { year: 2025 });
 * renderWorstCaseTable([mine], { raisedAt: '2026-03-27T09:00:00Z' }); // the longest raise date of 2026
 */
export function renderWorstCaseTable(list: readonly Policy[], options: WorstCaseTableOptions = {}): string {
  list = policyList(list);
  options = renderOptions<WorstCaseTableOptions>(options, 'renderWorstCaseTable', ['raisedAt']);
  const raisedAt = options.raisedAt ?? DEFAULT_RAISED_AT;
  const year = options.year ?? yearOf(raisedAt);
  const out = [
    `| policy | stage | reached by, raised ${dayInWords(raisedAt, true)} | working days | set by |`,
    '| --- | --- | --- | --- | --- |',
  ];
  for (const p of list) {
    for (const r of worstCaseTimeline(p, raisedAt).slice(1)) {
      out.push(
        `| ${cell(p.partnership)} | ${r.number}. ${cell(r.title)} | ${r.unbounded ? `no latest date (limits alone: ${r.reachedOn})` : r.reachedOn} | ${r.workingDays}${r.unbounded ? '+' : ''} | ${cell(r.governedBy.join(', '))} |`,
      );
    }
  }
  out.push(
    '',
    `| policy | raise date in ${year} that takes longest to the top stage | top stage reached by | calendar days | working days |`,
    '| --- | --- | --- | --- | --- |',
  );
  for (const p of list) {
    const l = longestRaiseDate(p, year);
    out.push(
      l
        ? `| ${cell(p.partnership)} | ${l.raisedOn} | ${l.reachedOn}${l.unbounded ? ' (limits alone; an earlier stage has none)' : ''} | ${l.calendarDays}${l.unbounded ? '+' : ''} | ${l.workingDays}${l.unbounded ? '+' : ''} |`
        : `| ${cell(p.partnership)} | — | no stage has a timescale | — | — |`,
    );
  }
  return out.join('\n');
}

/** A list of policies, each checked. */
function policyList(list: unknown): readonly Policy[] {
  if (!Array.isArray(list))
    throw new PolicyError(undefined, [{ path: '(root)', message: 'expected a list of policies' }]);
  return list.map((policy) => policyArgument(policy));
}
