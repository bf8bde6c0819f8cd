import type {
  Anchor,
  AnchorOrFirstOf,
  Meet,
  ObligationKind,
  ObligationRule,
  RecordKind,
  Recipient,
} from '../policy/schema.js';
import type { EscalationRecord, STAGE_ENTRY_HOWS } from './types.js';

// The rule semantics, in one place: when a duty starts, what meets it, and what leaving a stage,
// resolution and withdrawal do to it. Each is a switch over the schema's kinds with a `never`
// default, so a new kind of anchor, meet or obligation cannot compile until its meaning is written
// here. The engine asks these functions and does the bookkeeping; nothing else decides.

/** How a stage was entered. */
export type StageEntryHow = (typeof STAGE_ENTRY_HOWS)[number];

/** How a stage was left. */
export type StageLeftHow = 'escalated' | 'expedited' | 'skipped' | 'resolved' | 'withdrawn';

/** Something that happened to an escalation, at the instant it happened. */
export type Happening =
  | { readonly kind: 'raised'; readonly atMs: number }
  | {
      readonly kind: 'stage-entered';
      readonly stage: string;
      readonly from: string | undefined;
      readonly how: StageEntryHow;
      readonly atMs: number;
    }
  | { readonly kind: 'record'; readonly record: EscalationRecord; readonly stage: string; readonly atMs: number }
  | { readonly kind: 'resolved'; readonly stage: string; readonly atMs: number }
  | { readonly kind: 'withdrawn'; readonly stage: string; readonly atMs: number }
  | { readonly kind: 'flagged'; readonly flag: string; readonly atMs: number };

const kindsOf = (kind: RecordKind | readonly RecordKind[]): readonly RecordKind[] =>
  typeof kind === 'string' ? [kind] : kind;
const within = (stages: readonly string[] | undefined, stage: string) => stages === undefined || stages.includes(stage);

/** Whether one anchor happens with this happening. */
export function anchorHappens(anchor: Anchor, happening: Happening): boolean {
  switch (anchor.on) {
    case 'raised':
      return happening.kind === 'raised';
    case 'stage-entered':
      return (
        happening.kind === 'stage-entered' &&
        anchor.stages.includes(happening.stage) &&
        (anchor.from === undefined || (happening.from !== undefined && anchor.from.includes(happening.from)))
      );
    case 'record':
      return (
        happening.kind === 'record' &&
        kindsOf(anchor.kind).includes(happening.record.kind) &&
        (anchor.form === undefined || anchor.form === happening.record.form) &&
        within(anchor.stages, happening.stage)
      );
    case 'resolved':
      return happening.kind === 'resolved' && within(anchor.stages, happening.stage);
    case 'concluded':
      return (
        (happening.kind === 'resolved' || happening.kind === 'withdrawn') && within(anchor.stages, happening.stage)
      );
    case 'flagged':
      return happening.kind === 'flagged' && happening.flag === anchor.flag;
    default:
      return unknownKind(anchor);
  }
}

/** Whether a duty starts with this happening (for `firstOf`, when any of its anchors happens). */
export function starts(anchor: AnchorOrFirstOf, happening: Happening): boolean {
  return 'firstOf' in anchor
    ? anchor.firstOf.some((part) => anchorHappens(part, happening))
    : anchorHappens(anchor, happening);
}

/**
 * Whether a duty starts only once in an escalation. A stage's duty starts afresh each time the stage
 * is entered, unless `once`; every other anchor starts its duty once: a second discussion does not
 * restart the clock the first one started, and `firstOf` starts at the first of its anchors.
 */
export function startsOnce(anchor: AnchorOrFirstOf): boolean {
  if ('firstOf' in anchor) return true;
  switch (anchor.on) {
    case 'stage-entered':
      return anchor.once === true;
    case 'raised':
    case 'record':
    case 'resolved':
    case 'concluded':
    case 'flagged':
      return true;
    default:
      return unknownKind(anchor);
  }
}

/** The stage a duty belongs to when it starts with this happening (undefined: the whole escalation). */
export function stageOf(happening: Happening, currentStage: string): string | undefined {
  switch (happening.kind) {
    case 'raised':
      return undefined;
    case 'stage-entered':
    case 'record':
    case 'resolved':
    case 'withdrawn':
      return happening.stage;
    case 'flagged':
      return currentStage;
    default:
      return unknownKind(happening);
  }
}

/** Normalises a name or address for comparison: case, and runs of white space, do not matter. */
export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Whether a record's `to` names a recipient: its id, title, an alias or an address. */
export function namesRecipient(to: string | undefined, recipient: Recipient): boolean {
  if (to === undefined) return false;
  const name = normaliseName(to);
  return [recipient.id, recipient.title, ...(recipient.aliases ?? []), ...(recipient.addresses ?? [])].some(
    (known) => normaliseName(known) === name,
  );
}

/** Whether a record is of the kind, form and recipient a `record` meet asks for. */
export function recordMeets(
  meet: Extract<Meet, { by: 'record' }>,
  record: EscalationRecord,
  recipients: ReadonlyMap<string, Recipient>,
): boolean {
  if (!kindsOf(meet.kind).includes(record.kind)) return false;
  if (meet.form !== undefined && meet.form !== record.form) return false;
  if (meet.to === undefined) return true;
  const wanted = typeof meet.to === 'string' ? [meet.to] : meet.to;
  return wanted.some((id) => {
    const recipient = recipients.get(id);
    return recipient !== undefined && namesRecipient(record.to, recipient);
  });
}

/**
 * Whether a duty counts what was done before it started (`orEarlier` on a record meet: "completed by
 * Stage 3", so a form made at Stage 1 counts). Only such a duty can be met by a fact that happened
 * before it started; a record learned late that did meets it, as it would have when the duty started
 * had the record been known then.
 */
export function countsEarlier(meet: Meet): boolean {
  return meet.by === 'record' && meet.orEarlier === true;
}

/**
 * Whether a happening meets a running duty. A record meets it only if it happened once the duty had
 * started, or at any earlier point where the duty counts earlier records (`countsEarlier`).
 */
export function meets(
  meet: Meet,
  duty: { readonly armedAtMs: number },
  happening: Happening,
  recipients: ReadonlyMap<string, Recipient>,
): boolean {
  switch (meet.by) {
    case 'stage-exit':
      return false; // only leaving its stage meets it: see onLeavingStage
    case 'stage-reached':
      return (
        (happening.kind === 'stage-entered' && meet.stages.includes(happening.stage)) ||
        (meet.orResolution === true && happening.kind === 'resolved')
      );
    case 'resolution':
      return happening.kind === 'resolved';
    case 'record':
      return (
        happening.kind === 'record' &&
        (happening.atMs >= duty.armedAtMs || countsEarlier(meet)) &&
        recordMeets(meet, happening.record, recipients)
      );
    default:
      return unknownKind(meet);
  }
}

/** What resolution does to a duty still running: meets it, ends it, or leaves it owed. */
export function onResolution(rule: ObligationRule): 'meet' | 'void' | 'keep' {
  if (rule.meet.by === 'resolution' || (rule.meet.by === 'stage-reached' && rule.meet.orResolution === true))
    return 'meet';
  return resolutionByKind(rule.kind);
}

// Deadlines that exist to move the disagreement on lose their purpose when it is resolved. Records,
// notifications and what is owed after resolution outlive it: the library never forgets paperwork,
// it reports it.
function resolutionByKind(kind: ObligationKind): 'void' | 'keep' {
  switch (kind) {
    case 'stage':
    case 'cap':
    case 'reminder':
    case 'response':
      return 'void';
    case 'after-resolution':
    case 'record':
    case 'notification':
      return 'keep';
    default:
      return unknownKind(kind);
  }
}

/**
 * What withdrawal does to a duty still running. The policy decides per duty (`survivesWithdrawal`,
 * with its reading in the policy's interpretations): a notice owed at commencement, a record for the
 * partnership's tracker, are owed whether or not the case goes on.
 */
export function onWithdrawal(rule: ObligationRule): 'void' | 'keep' {
  return rule.survivesWithdrawal === true ? 'keep' : 'void';
}

/**
 * Whether a duty outlives the closure of a case closed as `status`: what a record or a flag made after
 * the closure may still start (a duty the closure would have ended is not started by a later fact).
 */
export function outlivesClosure(rule: ObligationRule, status: 'resolved' | 'withdrawn'): boolean {
  return status === 'resolved' ? onResolution(rule) === 'keep' : onWithdrawal(rule) === 'keep';
}

/**
 * What leaving a stage does to a duty of that stage still running. A duty met by leaving is met,
 * however the stage is left, but withdrawal ends it. One met by reaching a stage or by resolution
 * waits for that. A stage duty met by a record (Suffolk's Stage 1 discussion) is a deadline to move
 * on: escalating meets it (late if its time had passed), and a permitted jump closes it without
 * penalty, because the policy allowed the case to leave the stage without it. Records,
 * notifications, responses, caps and reminders stay owed; resolution and withdrawal then decide.
 */
export function onLeavingStage(rule: ObligationRule, how: StageLeftHow): 'meet' | 'close' | 'void' | 'keep' {
  const meet = rule.meet;
  switch (meet.by) {
    case 'stage-exit':
      return how === 'withdrawn' ? 'void' : 'meet';
    case 'stage-reached':
    case 'resolution':
      return 'keep';
    case 'record':
      if (rule.kind !== 'stage') return 'keep';
      return how === 'escalated' ? 'meet' : how === 'expedited' || how === 'skipped' ? 'close' : 'keep';
    default:
      return unknownKind(meet);
  }
}

function unknownKind(value: never): never {
  throw new Error(`Unknown kind in a policy rule: ${JSON.stringify(value)}`);
}
