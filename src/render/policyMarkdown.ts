import { longestRaiseDate, worstCaseTimeline } from '../audit/worstCaseTimeline.js';
import { policyArgument, type Policy } from '../policy/define.js';
import { PolicyError } from '../policy/errors.js';
import { limitSchema } from '../policy/schema.js';
import { parseWith } from '../shared/zod.js';
import { policyMoves } from '../policy/moves.js';
import { citationText } from '../policy/citation.js';
import { anchorsOf, stageObligations } from '../policy/queries.js';
import { htmlCommentText, markdownText, mermaidText } from './escape.js';
import type { Anchor, AnchorOrFirstOf, Citation, Limit, Meet, ObligationRule, Requirement } from '../policy/schema.js';

// Renders a policy definition as Markdown: a Mermaid state diagram (GitHub and npm draw it) and the
// tables a practitioner or auditor reads. Generated docs say so on their first line.

// Every piece of text from the policy is escaped for where it goes: a table cell or a line of
// Markdown (markdownText), a Mermaid label (mermaidText).
const cell = markdownText;
const cite = (c: Citation) => cell(citationText(c));
const mermaidId = (state: string) => state.replace(/-/g, '_');

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
  for (const s of policy.stages) lines.push(`  state "${mermaidText(`${s.number}. ${s.title}`)}" as ${mermaidId(s.id)}`);
  lines.push('  state "Resolved" as resolved', '  state "Withdrawn" as withdrawn', '  [*] --> raised');
  for (const move of policyMoves(policy)) {
    if (move.event === 'WITHDRAW') continue; // drawn once below, to keep the diagram readable
    const label = move.rule && move.rule.requires !== 'none' ? `${move.event} (${describeRequirement(move.rule.requires)})` : move.event;
    lines.push(`  ${mermaidId(move.from)} --> ${mermaidId(move.to)} : ${mermaidText(label)}`);
  }
  lines.push('  note right of withdrawn : Every stage may be withdrawn', '  resolved --> [*]', '  withdrawn --> [*]');
  return lines.join('\n');
}

/** Options for `renderPolicyMarkdown`. */
export interface PolicyMarkdownOptions {
  /** The command that regenerates the page, named on its first line. */
  readonly generatedBy?: string;
  /** The file the policy was read from, named on the first line. */
  readonly from?: string;
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
  if (typeof options !== 'object' || options === null) throw new PolicyError(policy.id, [{ path: '(options)', message: 'expected an options object { generatedBy?, from? }' }]);
  const out: string[] = [];
  const generatedBy = options.generatedBy ?? 'npm run generate';
  const from = options.from ?? `policies/${policy.id}.yaml`;
  out.push(`<!-- Generated by \`${htmlCommentText(generatedBy)}\` from ${htmlCommentText(from)}. Do not edit by hand: a test fails when this file is stale. -->`);
  out.push(`# ${cell(policy.partnership)}`, '', `**${cell(policy.title)}**, version ${cell(policy.version)}${policy.source.date ? ` (${cell(policy.source.date)})` : ''}.`);
  out.push('', `Source: ${cell(policy.source.document)}. Working days are counted on the ${policy.division} calendar. Policy id: \`${policy.id}\`.`);
  out.push('', '## States and moves', '', '```mermaid', renderStateDiagram(policy), '```');

  out.push('', '## Stages', '', '| stage | title | who takes part | timescale | counted from | maximum or guidance | citation |', '| --- | --- | --- | --- | --- | --- | --- |');
  for (const s of policy.stages) {
    const own = stageObligations(policy, s.id);
    const who = s.participants.map((p) => `${p.role}${p.agency ? ` (${p.agency})` : ''}${p.counterpart ? ` ↔ ${p.counterpart}` : ''}`).join('; ');
    const timescale = own.length ? own.map((o) => `${describeLimit(o.limit)} (${o.label.toLowerCase()})`).join('; ') : 'none given';
    const from = own.length ? own.map((o) => describeAnchor(o.anchor)).join('; ') : '—';
    const strength = own.length ? [...new Set(own.map((o) => (o.limit ? o.strength : '—')))].join('; ') : '—';
    const citation = own.length ? own.map((o) => cite(o.citation)).join('; ') : cite(s.citation);
    out.push(`| ${s.number} | ${cell(s.title)} | ${cell(who)} | ${cell(timescale)} | ${cell(from)} | ${strength} | ${citation} |`);
  }

  out.push('', '## Every obligation', '', '| id | kind | what | who | limit | counted from | met by | strength | citation |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const o of policy.obligations) {
    const who = [o.who, o.to ? `to ${recipientName(policy, o.to)}` : undefined].filter(Boolean).join(', ') || '—';
    const limit = `${describeLimit(o.limit)}${o.every ? `, then every ${describeLimit(o.every)}` : ''}${riskNote(o)}`;
    out.push(`| \`${o.id}\` | ${o.kind} | ${cell(o.label)} | ${cell(who)} | ${cell(limit)} | ${cell(describeAnchor(o.anchor))} | ${cell(describeMeet(o.meet))} | ${o.limit ? o.strength : '—'} | ${cite(o.citation)} |`);
  }

  out.push('', '## Movement rules', '');
  if (policy.movement.length === 0) out.push('The stages run in order, one at a time; there is no rule for skipping or starting later.');
  else {
    out.push('| rule | kind | from | to | requires | the text | citation |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const m of policy.movement) {
      out.push(`| \`${m.id}\` | ${m.kind} | ${m.from ? m.from.join(', ') : 'any stage'} | ${m.to.join(', ')} | ${cell(describeRequirement(m.requires))} | “${cell(m.quote)}” | ${cite(m.citation)} |`);
    }
  }

  out.push('', '## Records and forms', '');
  const records = policy.obligations.filter((o) => o.kind === 'record' || o.kind === 'after-resolution');
  for (const o of records) out.push(`- **${cell(o.label)}** (${cell(describeAnchor(o.anchor))}; ${cell(describeLimit(o.limit))}). ${cite(o.citation)}`);
  for (const f of policy.forms ?? []) {
    out.push('', `### ${cell(f.title)}`, '', f.when ? `When: ${cell(f.when)}. ${cite(f.citation)}` : cite(f.citation), '');
    for (const field of f.fields) out.push(`- ${cell(field.name)}${field.description ? `: ${cell(field.description)}` : ''}`);
  }

  out.push('', '## Notifications and reminders', '');
  const notices = policy.obligations.filter((o) => o.kind === 'notification' || o.kind === 'reminder' || o.kind === 'response');
  if (notices.length === 0) out.push('None beyond the records above.');
  for (const o of notices) out.push(`- **${cell(o.label)}**${o.to ? ` (to ${cell(recipientName(policy, o.to))})` : ''}: ${cell(describeLimit(o.limit))}${o.every ? `, then every ${describeLimit(o.every)}` : ''} from ${cell(describeAnchor(o.anchor))}.${cell(riskNote(o))} ${cite(o.citation)}`);

  if (policy.recipients?.length) {
    out.push('', '## Recipients', '', 'Notices and answers name a recipient by id; a notice to any of its names or addresses reaches it.', '');
    out.push('| id | who | also known as | addresses |', '| --- | --- | --- | --- |');
    for (const r of policy.recipients) out.push(`| \`${r.id}\` | ${cell(r.title)} | ${cell((r.aliases ?? []).join('; ') || '—')} | ${cell((r.addresses ?? []).join('; ') || '—')} |`);
  }
  if (policy.flags?.length) {
    out.push('', '## Flags', '', 'A host flags a case (a FLAG event) when the text says a kind of case needs more:', '');
    for (const f of policy.flags) out.push(`- \`${f.id}\`: ${cell(f.title)}. ${cite(f.citation)}`);
  }

  out.push('', '## Routes beside the ladder', '');
  if (!policy.routes?.length) out.push('None.');
  for (const r of policy.routes ?? []) {
    const handOff = r.handOff ? ` Handed to ${cell(r.handOff.to)} on entering ${r.handOff.onEntering.join(' or ')}.` : '';
    out.push(`- **${cell(r.title)}** (${r.kind}): ${cell(r.summary)}${handOff} ${cite(r.citation)}`);
  }

  out.push('', '## Worst case', '', 'The latest each stage can be reached for a concern raised on Friday 20 December 2024, every party using its full allowance:', '');
  out.push('| stage | reached by | working days | set by |', '| --- | --- | --- | --- |');
  for (const r of worstCaseTimeline(policy, '2024-12-20T10:00:00Z')) {
    const by = r.unbounded ? `no latest date (an earlier stage has no timescale); the limits alone give ${r.reachedOn}` : r.reachedOn;
    out.push(`| ${r.number}. ${cell(r.title)} | ${by} | ${r.workingDays}${r.unbounded ? '+' : ''} | ${cell(r.governedBy.join(', '))} |`);
  }

  out.push('', '## Interpretations', '', 'Where the text is silent, ambiguous or contradicts itself, this definition takes the reading below.', '');
  for (const i of policy.interpretations ?? []) {
    out.push(`- **${cell(i.issue)}** Reading: ${cell(i.reading)} Why: ${cell(i.reason)}${i.citation ? ` (${cite(i.citation)})` : ''}`);
  }
  if (!policy.interpretations?.length) out.push('None.');
  return `${out.join('\n')}\n`;
}

/**
 * The policies side by side: stages, the most working days to the top stage, skip rules, records.
 *
 * @example
 * renderPoliciesOverview(Object.values(policies));
 */
export function renderPoliciesOverview(list: readonly Policy[], generatedBy = 'npm run generate'): string {
  list = policyList(list);
  if (typeof generatedBy !== 'string') throw new PolicyError(undefined, [{ path: '(generatedBy)', message: 'expected the command that regenerates the page, as text' }]);
  const out = [
    `<!-- Generated by \`${htmlCommentText(generatedBy)}\` from policies/*.yaml. Do not edit by hand: a test fails when this file is stale. -->`,
    '# The five partnerships side by side',
    '',
    'Working days to the top stage are the most the policy allows when every party uses its full allowance, for a concern raised on Friday 20 December 2024 (across Christmas and New Year). "+" marks a policy with a stage that has no timescale: the figure is then what the limits alone add up to.',
    '',
    '| policy | stages | working days to the top stage, at most | skipping and starting later | records and forms |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const p of list) {
    const timeline = worstCaseTimeline(p, '2024-12-20T10:00:00Z');
    const top = timeline.at(-1)!;
    const stages = p.stages.map((s) => `${s.number}. ${cell(s.title)}`).join('<br>');
    const moves = p.movement.length ? p.movement.map((m) => `${m.kind} to ${m.to.join('/')} (${describeRequirement(m.requires)})`).join('<br>') : 'in order only';
    const records = [...(p.forms ?? []).map((f) => f.title), ...p.obligations.filter((o) => o.kind === 'record' && !anchorsOf(o.anchor).some((a) => a.on === 'record')).map((o) => o.label)].slice(0, 4);
    const days = top.unbounded
      ? top.workingDays === 0
        ? 'no limit (the text gives no timescale)'
        : `${top.workingDays}+ (a stage has no timescale)`
      : `${top.workingDays} (set by ${top.governedBy.join(', ')})`;
    out.push(`| [${cell(p.partnership)}](${p.id}.md) | ${stages} | ${cell(days)} | ${moves} | ${records.map(cell).join('<br>')} |`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * The worst-case table for several policies: the latest each stage can be reached for a concern
 * raised on Friday 20 December 2024, and the raise date of 2025 that takes longest to the top stage.
 *
 * @example
 * renderWorstCaseTable(Object.values(policies));
 */
export function renderWorstCaseTable(list: readonly Policy[]): string {
  list = policyList(list);
  const out = ['| policy | stage | reached by, raised Fri 20 Dec 2024 | working days | set by |', '| --- | --- | --- | --- | --- |'];
  for (const p of list) {
    for (const r of worstCaseTimeline(p, '2024-12-20T10:00:00Z').slice(1)) {
      out.push(`| ${cell(p.partnership)} | ${r.number}. ${cell(r.title)} | ${r.unbounded ? `no latest date (limits alone: ${r.reachedOn})` : r.reachedOn} | ${r.workingDays}${r.unbounded ? '+' : ''} | ${cell(r.governedBy.join(', '))} |`);
    }
  }
  out.push('', '| policy | raise date in 2025 that takes longest to the top stage | top stage reached by | calendar days | working days |', '| --- | --- | --- | --- | --- |');
  for (const p of list) {
    const l = longestRaiseDate(p, 2025);
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
  if (!Array.isArray(list)) throw new PolicyError(undefined, [{ path: '(root)', message: 'expected a list of policies' }]);
  return list.map((policy) => policyArgument(policy));
}
