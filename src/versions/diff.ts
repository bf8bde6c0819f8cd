import { distance } from 'fastest-levenshtein';
import { policyArgument, type Policy } from '../policy/define.js';
import { policyMoves, type Move } from '../policy/moves.js';
import type {
  Citation,
  Form,
  Interpretation,
  ObligationRule,
  Recipient,
  Requirement,
  Route,
  Stage,
} from '../policy/schema.js';
import {
  anchorWords,
  capitalise,
  dutyField,
  dutyName,
  dutyShortName,
  imminentRiskWords,
  limitWords,
  meetWords,
  requirementWords,
  shorten,
  stageList,
  stageName,
} from './words.js';
import { sameJson } from './json.js';

// A semantic diff of two versions of a policy, keyed by ids: what a partnership board needs to see
// before it adopts a revision. Each change says whether it changes what the engine does (a date, a
// move, a duty) or only the words, and says it in the policy author's terms.

/** One difference between two versions of a policy. */
export interface PolicyChange {
  readonly kind: 'added' | 'removed' | 'changed';
  readonly area:
    | 'policy'
    | 'source'
    | 'stage'
    | 'recipient'
    | 'flag'
    | 'obligation'
    | 'movement'
    | 'form'
    | 'route'
    | 'interpretation';
  /**
   * The stage, obligation, movement rule, form, route, recipient or flag id; the field name for
   * 'policy' and 'source'; for a move, `from->to` (`raised->stage-2` for a start); for an
   * interpretation, its index in the list (in the later version, or the earlier one when removed).
   */
  readonly id: string;
  /** For 'changed': the dotted field, such as 'limit.value', 'anchor', 'strength', 'citation.quote'. */
  readonly field?: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** True when it changes what the engine does (a date, a move, a duty); false for wording only. */
  readonly rule: boolean;
  /** One line in the policy author's words. */
  readonly summary: string;
}

/** The differences between two versions of a policy. */
export interface PolicyDiff {
  readonly before: { readonly id: string; readonly version: string };
  readonly after: { readonly id: string; readonly version: string };
  readonly changes: readonly PolicyChange[];
  /** How many changes change what the engine does. */
  readonly ruleChanges: number;
  /** How many changes are to wording only. */
  readonly textChanges: number;
}

type Area = PolicyChange['area'];
type Json = unknown;

const same = sameJson;

const quoted = (value: unknown): string =>
  value === undefined ? '(none)' : typeof value === 'string' ? `“${shorten(value)}”` : JSON.stringify(value);

/** Collects changes; `changed` records a field only when its value differs. */
class Changes {
  readonly list: PolicyChange[] = [];

  add(change: PolicyChange): void {
    this.list.push(change);
  }

  changed(
    area: Area,
    id: string,
    field: string,
    before: Json,
    after: Json,
    rule: boolean,
    summary: () => string,
  ): void {
    if (same(before, after)) return;
    this.list.push({
      kind: 'changed',
      area,
      id,
      field,
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
      rule,
      summary: summary(),
    });
  }

  /** A citation's reference and quote, as wording changes, for the thing `name` names. */
  citation(
    area: Area,
    id: string,
    before: Citation | undefined,
    after: Citation | undefined,
    name: string,
    prefix = 'citation',
  ): void {
    this.changed(
      area,
      id,
      `${prefix}.ref`,
      before?.ref,
      after?.ref,
      false,
      () => `The citation of ${name} changed from ${quoted(before?.ref)} to ${quoted(after?.ref)}`,
    );
    this.changed(
      area,
      id,
      `${prefix}.quote`,
      before?.quote,
      after?.quote,
      false,
      () => `The quote cited for ${name} ${textVerb(before?.quote, after?.quote)}`,
    );
  }
}

/** What happened to an optional text: added, removed or reworded. */
function textVerb(before: unknown, after: unknown): string {
  return before === undefined ? 'added' : after === undefined ? 'removed' : 'reworded';
}

/** Items of two lists matched by id: those only before, those only after, and pairs, in the later order. */
function byId<T extends { readonly id: string }>(before: readonly T[] | undefined, after: readonly T[] | undefined) {
  const earlier = new Map((before ?? []).map((item) => [item.id, item] as const));
  const later = new Map((after ?? []).map((item) => [item.id, item] as const));
  return {
    removed: (before ?? []).filter((item) => !later.has(item.id)),
    added: (after ?? []).filter((item) => !earlier.has(item.id)),
    pairs: (after ?? []).filter((item) => earlier.has(item.id)).map((item) => [earlier.get(item.id)!, item] as const),
  };
}

/**
 * What changed between two versions of a policy, keyed by ids, in the policy author's words: stages
 * added, removed or retitled; timescales (value, unit, strength, what the clock counts from); moves
 * allowed or forbidden, worked out from both versions' ladders (`policyMoves`), not read off the
 * movement rules; duties added, removed or changed; forms, routes, recipients and flags; citations and
 * interpretations. Each change says whether it changes what the engine does (`rule: true`) or only the
 * wording. Throws a `PolicyError` when either is not a valid policy.
 *
 * @example
 * const diff = diffPolicies(policies.suffolk, suffolkV9);
 * diff.changes.filter((c) => c.rule).map((c) => c.summary);
 * // ["Stage 2's limit changed from 1 working day to 2 working days", ...]
 */
export function diffPolicies(before: Policy, after: Policy): PolicyDiff {
  const a = checked(before);
  const b = checked(after);
  const changes = new Changes();
  diffPolicyFields(changes, a, b);
  diffSource(changes, a, b);
  diffStages(changes, a, b);
  diffRecipients(changes, a, b);
  diffFlags(changes, a, b);
  diffObligations(changes, a, b);
  diffMoves(changes, a, b);
  diffForms(changes, a, b);
  diffRoutes(changes, a, b);
  diffInterpretations(changes, a, b);
  const ruleChanges = changes.list.filter((c) => c.rule).length;
  return {
    before: { id: a.id, version: a.version },
    after: { id: b.id, version: b.version },
    changes: changes.list,
    ruleChanges,
    textChanges: changes.list.length - ruleChanges,
  };
}

/** A policy, or a definition validated into one; anything else is a PolicyError. */
function checked(policy: Policy): Policy {
  return policyArgument(policy);
}

// --- The policy and its source --------------------------------------------------------------------

function diffPolicyFields(changes: Changes, a: Policy, b: Policy): void {
  const words: Record<string, string> = {
    id: 'The policy id',
    title: 'The title',
    partnership: 'The partnership',
    version: 'The version',
  };
  for (const field of ['id', 'title', 'partnership', 'version'] as const) {
    changes.changed(
      'policy',
      field,
      field,
      a[field],
      b[field],
      false,
      () => `${words[field]} changed from ${quoted(a[field])} to ${quoted(b[field])}`,
    );
  }
  changes.changed(
    'policy',
    'division',
    'division',
    a.division,
    b.division,
    true,
    () => `Working days are counted in ${b.division}, not ${a.division}`,
  );
}

const SOURCE_WORDS: Record<string, string> = {
  document: 'The source document',
  publisher: 'Its publisher',
  version: 'The document’s version',
  date: 'The document’s date',
  issued: 'When it was issued',
  reviewDue: 'Its review date',
  url: 'Where it is published',
  notes: 'The notes on the document',
};

function diffSource(changes: Changes, a: Policy, b: Policy): void {
  for (const field of Object.keys(SOURCE_WORDS) as (keyof Policy['source'])[]) {
    const [before, after] = [a.source[field], b.source[field]];
    changes.changed(
      'source',
      field,
      field,
      before,
      after,
      false,
      () => `${SOURCE_WORDS[field]} changed from ${quoted(before)} to ${quoted(after)}`,
    );
  }
}

// --- Stages -----------------------------------------------------------------------------------------

const stageLabel = (stage: Stage) => `Stage ${stage.number} (${stage.title})`;

function diffStages(changes: Changes, a: Policy, b: Policy): void {
  const { removed, added, pairs } = byId(a.stages, b.stages);
  for (const stage of removed)
    changes.add({
      kind: 'removed',
      area: 'stage',
      id: stage.id,
      before: stage,
      rule: true,
      summary: `${stageLabel(stage)} removed`,
    });
  for (const stage of added)
    changes.add({
      kind: 'added',
      area: 'stage',
      id: stage.id,
      after: stage,
      rule: true,
      summary: `${stageLabel(stage)} added`,
    });
  for (const [was, now] of pairs) {
    const name = stageName(b, now.id);
    changes.changed(
      'stage',
      now.id,
      'number',
      was.number,
      now.number,
      false,
      () => `${stageName(a, was.id)} is numbered ${now.number}`,
    );
    changes.changed(
      'stage',
      now.id,
      'title',
      was.title,
      now.title,
      false,
      () => `${name} retitled from “${was.title}” to “${now.title}”`,
    );
    changes.changed(
      'stage',
      now.id,
      'participants',
      was.participants,
      now.participants,
      false,
      () => `${name}'s participants changed`,
    );
    changes.changed(
      'stage',
      now.id,
      'summary',
      was.summary,
      now.summary,
      false,
      () => `${name}'s summary ${textVerb(was.summary, now.summary)}`,
    );
    changes.citation('stage', now.id, was.citation, now.citation, name);
  }
}

// --- Recipients and flags -------------------------------------------------------------------------

function listChange(before: readonly string[] | undefined, after: readonly string[] | undefined): string {
  const gone = (before ?? []).filter((x) => !(after ?? []).includes(x));
  const come = (after ?? []).filter((x) => !(before ?? []).includes(x));
  return [
    come.length ? `added ${come.map((x) => `“${x}”`).join(', ')}` : '',
    gone.length ? `removed ${gone.map((x) => `“${x}”`).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

function diffRecipients(changes: Changes, a: Policy, b: Policy): void {
  const { removed, added, pairs } = byId<Recipient>(a.recipients, b.recipients);
  // A recipient matters to the engine only through the duties that name it, whose own changes say so.
  for (const r of removed)
    changes.add({
      kind: 'removed',
      area: 'recipient',
      id: r.id,
      before: r,
      rule: false,
      summary: `Recipient “${r.title}” removed`,
    });
  for (const r of added)
    changes.add({
      kind: 'added',
      area: 'recipient',
      id: r.id,
      after: r,
      rule: false,
      summary: `New recipient: “${r.title}”`,
    });
  for (const [was, now] of pairs) {
    // A notice meets a duty when its `to` is the recipient's id, title, another name or an address:
    // each of these decides whether a record counts.
    changes.changed(
      'recipient',
      now.id,
      'title',
      was.title,
      now.title,
      true,
      () => `Recipient “${was.title}” is now called “${now.title}” (a notice to either name is read by it)`,
    );
    changes.changed(
      'recipient',
      now.id,
      'aliases',
      was.aliases,
      now.aliases,
      true,
      () => `Other names of “${now.title}”: ${listChange(was.aliases, now.aliases)}`,
    );
    changes.changed(
      'recipient',
      now.id,
      'addresses',
      was.addresses,
      now.addresses,
      true,
      () => `Addresses of “${now.title}”: ${listChange(was.addresses, now.addresses)}`,
    );
  }
}

function diffFlags(changes: Changes, a: Policy, b: Policy): void {
  const { removed, added, pairs } = byId(a.flags, b.flags);
  for (const f of removed)
    changes.add({
      kind: 'removed',
      area: 'flag',
      id: f.id,
      before: f,
      rule: true,
      summary: `A case can no longer be flagged “${f.title}” (${f.id})`,
    });
  for (const f of added)
    changes.add({
      kind: 'added',
      area: 'flag',
      id: f.id,
      after: f,
      rule: true,
      summary: `A case can be flagged “${f.title}” (${f.id})`,
    });
  for (const [was, now] of pairs) {
    changes.changed(
      'flag',
      now.id,
      'title',
      was.title,
      now.title,
      false,
      () => `Flag ${now.id} retitled from “${was.title}” to “${now.title}”`,
    );
    changes.citation('flag', now.id, was.citation, now.citation, `flag ${now.id}`);
  }
}

// --- Duties ---------------------------------------------------------------------------------------

const STRENGTH_WORDS = { maximum: 'a maximum', guidance: 'guidance' } as const;

function describeDuty(policy: Policy, rule: ObligationRule): string {
  const limit = rule.limit
    ? `within ${limitWords(rule.limit)} of ${anchorWords(policy, rule.anchor)}`
    : `from ${anchorWords(policy, rule.anchor)}, without a timescale`;
  return `${rule.kind}, ${limit}; ${STRENGTH_WORDS[rule.strength]}`;
}

function diffObligations(changes: Changes, a: Policy, b: Policy): void {
  const { removed, added, pairs } = byId(a.obligations, b.obligations);
  for (const rule of removed)
    changes.add({
      kind: 'removed',
      area: 'obligation',
      id: rule.id,
      before: rule,
      rule: true,
      summary: `Duty removed: ${dutyName(a, rule)} (${describeDuty(a, rule)})`,
    });
  for (const rule of added)
    changes.add({
      kind: 'added',
      area: 'obligation',
      id: rule.id,
      after: rule,
      rule: true,
      summary: `New duty: ${dutyName(b, rule)} (${describeDuty(b, rule)})`,
    });
  for (const [was, now] of pairs) diffDuty(changes, a, b, was, now);
}

function diffDuty(changes: Changes, a: Policy, b: Policy, was: ObligationRule, now: ObligationRule): void {
  const id = now.id;
  const field = (name: string) => dutyField(b, now, name);
  const changed = (name: string, before: Json, after: Json, rule: boolean, summary: () => string) =>
    changes.changed('obligation', id, name, before, after, rule, summary);
  changed(
    'kind',
    was.kind,
    now.kind,
    true,
    () => `${capitalise(field('kind'))} changed from ${was.kind} to ${now.kind}`,
  );
  diffLimit(
    changes,
    id,
    was.limit,
    now.limit,
    () => `${capitalise(field('limit'))} changed from ${limitWords(was.limit)} to ${limitWords(now.limit)}`,
  );
  changed(
    'strength',
    was.strength,
    now.strength,
    true,
    () => `${capitalise(field('limit'))} is now ${STRENGTH_WORDS[now.strength]} (was ${STRENGTH_WORDS[was.strength]})`,
  );
  changed(
    'anchor',
    was.anchor,
    now.anchor,
    true,
    () =>
      `${capitalise(field('clock'))} now counts from ${anchorWords(b, now.anchor)} (was ${anchorWords(a, was.anchor)})`,
  );
  changed(
    'meet',
    was.meet,
    now.meet,
    true,
    () => `${capitalise(dutyName(b, now))} is now met by ${meetWords(b, now.meet)} (was ${meetWords(a, was.meet)})`,
  );
  changed(
    'every',
    was.every,
    now.every,
    true,
    () =>
      `${capitalise(dutyName(b, now))} now recurs ${now.every ? `every ${limitWords(now.every)}` : 'only once'} (was ${was.every ? `every ${limitWords(was.every)}` : 'once'})`,
  );
  changed(
    'imminentRisk',
    was.imminentRisk,
    now.imminentRisk,
    true,
    () =>
      `${capitalise(dutyName(b, now))}: ${imminentRiskWords(now.imminentRisk)} (was ${imminentRiskWords(was.imminentRisk)})`,
  );
  changed(
    'survivesWithdrawal',
    was.survivesWithdrawal,
    now.survivesWithdrawal,
    true,
    () =>
      `${capitalise(dutyName(b, now))} is ${now.survivesWithdrawal ? 'now still owed' : 'no longer owed'} after the escalation is withdrawn`,
  );
  // The label, who acts and who is told are shown to people; the engine decides nothing by them.
  changed('label', was.label, now.label, false, () => `${capitalise(dutyName(a, was))} reworded as “${now.label}”`);
  changed(
    'who',
    was.who,
    now.who,
    false,
    () => `Who acts on ${dutyName(b, now)} changed from ${quoted(was.who)} to ${quoted(now.who)}`,
  );
  changed(
    'to',
    was.to,
    now.to,
    false,
    () => `Who is told for ${dutyName(b, now)} changed from ${quoted(was.to)} to ${quoted(now.to)}`,
  );
  changes.citation('obligation', id, was.citation, now.citation, dutyShortName(b, now));
}

/** A limit's change, field by field where both are durations ('limit.value', 'limit.unit'), else whole. */
function diffLimit(
  changes: Changes,
  id: string,
  before: ObligationRule['limit'],
  after: ObligationRule['limit'],
  summary: () => string,
): void {
  if (before && after && 'unit' in before && 'unit' in after) {
    changes.changed('obligation', id, 'limit.value', before.value, after.value, true, summary);
    changes.changed('obligation', id, 'limit.unit', before.unit, after.unit, true, summary);
    return;
  }
  changes.changed('obligation', id, 'limit', before, after, true, summary);
}

// --- Moves ----------------------------------------------------------------------------------------

/** How a move is allowed: the rules that allow it, with what each needs. Empty: no rule needed. */
interface MoveWay {
  readonly rule: string;
  readonly kind: string;
  readonly requires: Requirement;
}

/** Every move between two states, keyed `from->to`: resolving and withdrawing are allowed from every stage. */
function movesOf(policy: Policy): Map<string, { move: Move; ways: MoveWay[] }> {
  const moves = new Map<string, { move: Move; ways: MoveWay[] }>();
  for (const move of policyMoves(policy)) {
    if (move.event === 'RESOLVE' || move.event === 'WITHDRAW') continue;
    const key = `${move.from}->${move.to}`;
    const entry = moves.get(key) ?? { move, ways: [] };
    if (move.rule) entry.ways.push({ rule: move.rule.id, kind: move.rule.kind, requires: move.rule.requires });
    moves.set(key, entry);
  }
  return moves;
}

function moveWords(policy: Policy, move: Move): string {
  if (move.from === 'raised') return `starting at ${stageName(policy, move.to)}`;
  if (move.event === 'ESCALATE')
    return `escalating from ${stageName(policy, move.from)} to ${stageName(policy, move.to)}`;
  return `going straight from ${stageName(policy, move.from)} to ${stageName(policy, move.to)}`;
}

/** What a move needs, in words: "an imminent risk to the child (rule x)", or "nothing" when no rule is needed. */
function needs(ways: readonly MoveWay[], withRules = true): string {
  if (ways.length === 0) return 'nothing';
  return ways
    .map(
      (way) =>
        `${way.requires === 'none' ? 'no condition' : requirementWords(way.requires)}${withRules ? ` (rule ${way.rule})` : ''}`,
    )
    .join(', or ');
}

function diffMoves(changes: Changes, a: Policy, b: Policy): void {
  const before = movesOf(a);
  const after = movesOf(b);
  for (const [key, { move, ways }] of before) {
    if (!after.has(key))
      changes.add({
        kind: 'removed',
        area: 'movement',
        id: key,
        before: ways,
        rule: true,
        summary: `${capitalise(moveWords(a, move))} is no longer allowed (${ways.length ? `it needed ${needs(ways)}` : 'it was always allowed'})`,
      });
  }
  for (const [key, { move, ways }] of after) {
    const was = before.get(key);
    if (!was) {
      changes.add({
        kind: 'added',
        area: 'movement',
        id: key,
        after: ways,
        rule: true,
        summary: `${capitalise(moveWords(b, move))} is now allowed${ways.length ? `; it needs ${needs(ways)}` : ''}`,
      });
    } else {
      changes.changed(
        'movement',
        key,
        'requires',
        was.ways,
        ways,
        true,
        () =>
          `${capitalise(moveWords(b, move))} now needs ${needs(ways)}; it needed ${needs(
            was.ways,
            !same(
              was.ways.map((w) => w.rule),
              ways.map((w) => w.rule),
            ),
          )}`,
      );
    }
  }
  // The rules' own words: what they allow is in the moves above.
  for (const [was, now] of byId(a.movement, b.movement).pairs) {
    changes.changed(
      'movement',
      now.id,
      'quote',
      was.quote,
      now.quote,
      false,
      () => `The words of movement rule ${now.id} reworded`,
    );
    changes.citation('movement', now.id, was.citation, now.citation, `movement rule ${now.id}`);
  }
}

// --- Forms, routes, interpretations ------------------------------------------------------------------

function diffForms(changes: Changes, a: Policy, b: Policy): void {
  const { removed, added, pairs } = byId<Form>(a.forms, b.forms);
  // A RECORD event may name only a form the policy has, and duties wait for forms by id.
  for (const f of removed)
    changes.add({
      kind: 'removed',
      area: 'form',
      id: f.id,
      before: f,
      rule: true,
      summary: `Form removed: “${f.title}”`,
    });
  for (const f of added)
    changes.add({ kind: 'added', area: 'form', id: f.id, after: f, rule: true, summary: `New form: “${f.title}”` });
  for (const [was, now] of pairs) {
    const name = `form “${now.title}”`;
    changes.changed(
      'form',
      now.id,
      'title',
      was.title,
      now.title,
      false,
      () => `Form “${was.title}” retitled “${now.title}”`,
    );
    const names = (form: Form) => form.fields.map((f) => f.name);
    changes.changed(
      'form',
      now.id,
      'fields',
      was.fields,
      now.fields,
      false,
      () =>
        `The fields of ${name} changed${same(names(was), names(now)) ? ' (their descriptions)' : `: ${listChange(names(was), names(now))}`}`,
    );
    changes.changed(
      'form',
      now.id,
      'when',
      was.when,
      now.when,
      false,
      () => `When ${name} is completed changed from ${quoted(was.when)} to ${quoted(now.when)}`,
    );
    changes.citation('form', now.id, was.citation, now.citation, name);
  }
}

function diffRoutes(changes: Changes, a: Policy, b: Policy): void {
  const { removed, added, pairs } = byId<Route>(a.routes, b.routes);
  // Only a hand-off does anything: the history records it when its stage is entered.
  for (const r of removed)
    changes.add({
      kind: 'removed',
      area: 'route',
      id: r.id,
      before: r,
      rule: r.handOff !== undefined,
      summary: `Route removed: “${r.title}”`,
    });
  for (const r of added)
    changes.add({
      kind: 'added',
      area: 'route',
      id: r.id,
      after: r,
      rule: r.handOff !== undefined,
      summary: `New route: “${r.title}” (${r.kind})`,
    });
  for (const [was, now] of pairs) {
    const name = `route “${now.title}”`;
    changes.changed('route', now.id, 'handOff', was.handOff, now.handOff, true, () =>
      now.handOff
        ? `The ${name} now hands the matter to ${now.handOff.to} on entering ${stageList(b, now.handOff.onEntering)}`
        : `The ${name} no longer hands the matter on`,
    );
    changes.changed(
      'route',
      now.id,
      'title',
      was.title,
      now.title,
      false,
      () => `Route “${was.title}” retitled “${now.title}”`,
    );
    changes.changed(
      'route',
      now.id,
      'kind',
      was.kind,
      now.kind,
      false,
      () => `The ${name} is now a ${now.kind} (was a ${was.kind})`,
    );
    changes.changed(
      'route',
      now.id,
      'summary',
      was.summary,
      now.summary,
      false,
      () => `The ${name}'s summary reworded`,
    );
    changes.citation('route', now.id, was.citation, now.citation, `the ${name}`);
  }
}

/**
 * Interpretations have no id: they are matched by their issue, word for word, then by the closest
 * wording left (an issue reworded is a change, not a removal and an addition). They explain the
 * rules, which the other areas compare, so no change to one is a rule change.
 */
function diffInterpretations(changes: Changes, a: Policy, b: Policy): void {
  const before = a.interpretations ?? [];
  const after = b.interpretations ?? [];
  const match = matchInterpretations(before, after);
  const matched = new Set(match.values());
  before.forEach((item, index) => {
    if (!matched.has(index)) {
      changes.add({
        kind: 'removed',
        area: 'interpretation',
        id: String(index),
        before: item,
        rule: false,
        summary: `Interpretation removed: “${shorten(item.issue)}”`,
      });
    }
  });
  after.forEach((now, index) => {
    const from = match.get(index);
    if (from === undefined) {
      changes.add({
        kind: 'added',
        area: 'interpretation',
        id: String(index),
        after: now,
        rule: false,
        summary: `New interpretation: “${shorten(now.issue)}”`,
      });
      return;
    }
    const was = before[from]!;
    const name = `the interpretation of “${shorten(now.issue, 60)}”`;
    changes.changed(
      'interpretation',
      String(index),
      'issue',
      was.issue,
      now.issue,
      false,
      () => `The issue of interpretation “${shorten(was.issue, 60)}” reworded`,
    );
    changes.changed(
      'interpretation',
      String(index),
      'reading',
      was.reading,
      now.reading,
      false,
      () => `${capitalise(name)}: its reading changed`,
    );
    changes.changed(
      'interpretation',
      String(index),
      'reason',
      was.reason,
      now.reason,
      false,
      () => `${capitalise(name)}: its reason reworded`,
    );
    changes.citation('interpretation', String(index), was.citation, now.citation, name);
  });
}

/** For each later interpretation, the index of the earlier one it continues. */
function matchInterpretations(
  before: readonly Interpretation[],
  after: readonly Interpretation[],
): Map<number, number> {
  const match = new Map<number, number>();
  const used = new Set<number>();
  after.forEach((item, index) => {
    const exact = before.findIndex((was, i) => !used.has(i) && was.issue === item.issue);
    if (exact >= 0) {
      match.set(index, exact);
      used.add(exact);
    }
  });
  // What is left is matched by the closest issue, when less than half of its words' letters differ.
  const candidates: { index: number; from: number; score: number }[] = [];
  after.forEach((item, index) => {
    if (match.has(index)) return;
    before.forEach((was, from) => {
      if (used.has(from)) return;
      const score = distance(was.issue, item.issue) / Math.max(was.issue.length, item.issue.length);
      if (score < 0.5) candidates.push({ index, from, score });
    });
  });
  for (const { index, from } of candidates.sort((x, y) => x.score - y.score || x.index - y.index)) {
    if (match.has(index) || used.has(from)) continue;
    match.set(index, from);
    used.add(from);
  }
  return match;
}
