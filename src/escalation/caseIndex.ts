import type { Held } from './backing.js';
import { ms } from './instants.js';
import { trust, trustedIndex } from './trusted.js';
import type { Escalation, HistoryEntry, ObligationState } from './types.js';

// What the engine looks up in an escalation on every call, worked out from it and kept beside the
// escalations this library made (they are frozen, so it cannot go stale). A cache: a copy is scanned
// and gives the same answers. It spares a case with thousands of obligations and history entries,
// nearly all settled long ago, a walk over all of them on every call.

/** Where an escalation's event ids are in its history: shared by the versions of one case (see `eventEntry`). */
export type EventIds = Map<string, number[]>;

/** What the engine looks up in an escalation. Parts not yet asked for are worked out when first asked. */
export interface CaseIndex {
  /** Positions in `obligations` of those running, in order. */
  readonly running: readonly number[];
  /** How many obligations each rule has started. */
  perRule?: ReadonlyMap<string, number>;
  /** Positions in `history` of the events with each id. */
  eventIds?: EventIds;
  /** When the current stage was entered (epoch ms), or when the escalation was raised. */
  stageEnteredMs?: number;
  /**
   * Positions in `history` of its landmarks (`isLandmark`): the few entries a fact learned late looks
   * back for (the stages entered, migrations, changes of risk, the closure).
   */
  landmarks?: readonly number[];
  /** The duties a migration ended, by obligation id (`endedByMigration` in engine.ts). */
  endedByMigration?: ReadonlySet<string>;
  /** Positions in `obligations` of those met after their due instant (`isMetLate`), in order. */
  metLate?: readonly number[];
  /** Where its history and its obligations are held in a plain working list (backing.ts). */
  historyHeld?: Held<HistoryEntry>;
  obligationsHeld?: Held<ObligationState>;
}

function scan(obligations: readonly ObligationState[]): CaseIndex {
  const running: number[] = [];
  for (let position = 0; position < obligations.length; position++)
    if (obligations[position]!.status === 'running') running.push(position);
  return { running };
}

/** The index of an escalation. */
export function caseIndex(escalation: Escalation): CaseIndex {
  const known = trustedIndex(escalation);
  if (known) return known;
  const index = scan(escalation.obligations);
  // Kept only where a scan costs more than keeping it: most cases are short.
  if (known === null && (escalation.obligations.length > 16 || escalation.history.length > 64))
    trust(escalation, index);
  return index;
}

/** How many obligations each rule has started in an escalation. */
export function perRule(escalation: Escalation, index: CaseIndex): ReadonlyMap<string, number> {
  if (index.perRule) return index.perRule;
  const counts = new Map<string, number>();
  for (const o of escalation.obligations) counts.set(o.rule, (counts.get(o.rule) ?? 0) + 1);
  return (index.perRule = counts);
}

/** The obligations still running, in order. */
export function runningObligations(escalation: Escalation): ObligationState[] {
  const obligations = escalation.obligations;
  const running: ObligationState[] = [];
  for (const position of caseIndex(escalation).running) running.push(obligations[position]!);
  return running;
}

/** Records where an event with an id was entered (the list of positions holds each once). */
export function noteEventId(ids: EventIds, id: string, position: number): void {
  const positions = ids.get(id);
  if (positions === undefined) ids.set(id, [position]);
  else if (!positions.includes(position)) positions.push(position);
}

/**
 * The history entry of the event with this id, if any. The table of ids is shared by every version of
 * a case made from the one it was built for, each adding the events it entered: a version finds its
 * own among them by checking each position against its own history, so what a sibling version added
 * is passed over, and what its ancestors added is there.
 */
export function eventEntry(escalation: Escalation, index: CaseIndex, id: string): HistoryEntry | undefined {
  const history = escalation.history;
  if (!index.eventIds) {
    const ids: EventIds = new Map();
    for (let position = 0; position < history.length; position++) {
      const entry = history[position]!;
      if (entry.type === 'event' && entry.event.id !== undefined) noteEventId(ids, entry.event.id, position);
    }
    index.eventIds = ids;
  }
  for (const position of index.eventIds.get(id) ?? []) {
    const entry = history[position];
    if (entry?.type === 'event' && entry.event.id === id) return entry;
  }
  return undefined;
}

/** When the current stage was entered (or, before any, when the escalation was raised). */
export function stageEnteredMs(
  escalation: { readonly history: readonly HistoryEntry[]; readonly raisedAt: string },
  index?: CaseIndex,
): number {
  if (index?.stageEnteredMs !== undefined) return index.stageEnteredMs;
  let entered = ms(escalation.raisedAt);
  for (let i = escalation.history.length - 1; i >= 0; i--) {
    const entry = escalation.history[i]!;
    if (entry.type === 'stage-entered') {
      entered = ms(entry.happenedAt ?? entry.at);
      break;
    }
  }
  if (index) index.stageEnteredMs = entered;
  return entered;
}

/** Whether an entry is one of the few a fact learned late looks back for (see `CaseIndex.landmarks`). */
export function isLandmark(entry: HistoryEntry): boolean {
  switch (entry.type) {
    case 'raised':
    case 'stage-entered':
    case 'migrated':
    case 'risk-changed':
      return true;
    case 'event':
      return entry.event.type === 'RESOLVE' || entry.event.type === 'WITHDRAW';
    default:
      return false;
  }
}

/** The positions of an escalation's landmarks in its history, in order. */
export function landmarks(escalation: Escalation, index: CaseIndex): readonly number[] {
  if (index.landmarks) return index.landmarks;
  const positions: number[] = [];
  const history = escalation.history;
  for (let position = 0; position < history.length; position++)
    if (isLandmark(history[position]!)) positions.push(position);
  return (index.landmarks = positions);
}

/** Whether an obligation was met after its due instant (a late fact that happened in time corrects it). */
export function isMetLate(o: ObligationState): boolean {
  return o.status === 'met' && o.dueAt !== null && o.metAt !== undefined && ms(o.metAt) > ms(o.dueAt);
}

/** The positions of the obligations met after their due instant, in order. */
export function metLate(escalation: Escalation, index: CaseIndex): readonly number[] {
  if (index.metLate) return index.metLate;
  const positions: number[] = [];
  const obligations = escalation.obligations;
  for (let position = 0; position < obligations.length; position++)
    if (isMetLate(obligations[position]!)) positions.push(position);
  return (index.metLate = positions);
}
