import * as z from 'zod/mini';
import { indexOf, type WorkingDayCalendar, type WorkingDayIndex } from '../calendar/calendar.js';
import { tryParseDate } from '../calendar/dates.js';
import { endOfLondonDayMs, londonDayNumber } from '../calendar/london.js';
import type { Policy } from '../policy/define.js';
import type { ObligationRule, PolicyDefinition } from '../policy/schema.js';
import { instantArgument } from '../escalation/arguments.js';
import {
  builtInCalendar,
  calendarFor,
  caseCalendar,
  startPolicy,
  type Compiled,
  type PolicyRegistry,
  type PolicySource,
} from '../escalation/compiled.js';
import { effectiveLimit, limitDue, type Due } from '../escalation/due.js';
import { adoptCalendar, Draft, endedByMigration, fireTimers, iso, ms } from '../escalation/engine.js';
import { EscalationError } from '../escalation/errors.js';
import {
  migrationPlanSchema,
  type DeadlineRule,
  type DutyPlan,
  type MigrationPlan,
} from '../escalation/migrationPlan.js';
import { checkedEscalation, restoreEscalation } from '../escalation/restoreEscalation.js';
import {
  meets,
  onLeavingStage,
  onResolution,
  onWithdrawal,
  recordMeets,
  starts,
  startsOnce,
  type Happening,
  type StageEntryHow,
} from '../escalation/semantics.js';
import {
  partySchema,
  type CaseCalendar,
  type Escalation,
  type HistoryEntry,
  type HistoryEntryOf,
  type MigratedDuty,
  type ObligationState,
  type Party,
} from '../escalation/types.js';
import { validate } from '../escalation/validate.js';
import { sameJson } from './json.js';

// Moving an open case to a new version of its policy, on purpose and with a plan. A case is pinned to
// the version it started under (every call refuses another version), so a migration is always an
// explicit step: the plan says where the current stage and each running duty go and which rule holds
// for each running deadline; it is checked in full before anything changes, and refused listing every
// problem; then it is applied all at once, as one history entry. Nothing done is redone (met and
// ended duties stay as they were, the history is kept whole) and nothing owed is lost (a running duty
// goes on under its new rule, or the plan ends it, saying why).

/** The options of `migrateEscalation`. */
export interface MigrateOptions {
  /** The version the case runs under, or a registry that has it. */
  readonly from: PolicySource;
  /** The version to move it to; a version string is looked up in `from`, which must then be a registry. */
  readonly to: Policy | PolicyDefinition | string;
  readonly plan: MigrationPlan;
  /** When the migration is made: not before the last thing the escalation knows. */
  readonly at: string | Date;
  /** Who decided it. */
  readonly by?: Party;
  /** Why: the partnership's decision, in a sentence. */
  readonly reason: string;
  /** Check the plan and work out what would happen, changing nothing. */
  readonly dryRun?: boolean;
  /** The case's calendar, where it is not the built-in one (a GOV.UK feed): as for every call. */
  readonly calendar?: WorkingDayCalendar;
}

/** What a migration did, or on a dry run would do. */
export interface Migration {
  /** The escalation under the new version; on a dry run, the escalation as given. */
  readonly escalation: Escalation;
  /** What the escalation would be under the new version: on a dry run, to look at, not to store. */
  readonly preview: Escalation;
  /** The history entry the migration writes (or wrote, or would write): the versions, the plan, what became of each duty. */
  readonly entry: HistoryEntryOf<'migrated'>;
  readonly dryRun: boolean;
  /** False when the same migration had already been made: the escalation is returned as it was. */
  readonly applied: boolean;
}

const optionsSchema = z.object({
  plan: migrationPlanSchema,
  by: z.optional(partySchema),
  reason: z.string().check(z.trim(), z.minLength(1, 'expected non-empty text: why the case moves to the new version')),
  dryRun: z.optional(z.boolean()),
});

interface Problem {
  readonly path: string;
  readonly message: string;
}

/**
 * Moves an escalation to another version of its policy, as the plan says. A case keeps the version it
 * started under until it is migrated on purpose; this is that step. The plan maps the current stage
 * (and the stage of every running duty) and each running duty to the new version, and says for each
 * running deadline whether it keeps its date, keeps its remaining working days, or is counted again
 * from its original anchor under the new limit (`DEADLINE_RULES`). It is checked before anything
 * changes: an unmapped stage, a stage or rule the new version does not have, a duty whose kind
 * changed... are refused together with `MIGRATION_REFUSED`, every problem listed with its path. Then
 * the deadlines that fell due under the old version are recorded as passed, and the migration is
 * written as one `migrated` history entry; from then on the escalation restores under the new version
 * only. The same migration again changes nothing (`applied: false`). With `dryRun`, nothing changes:
 * `preview` and `entry` say what would happen.
 *
 * @example
 * const { escalation } = migrateEscalation(e, {
 *   from: policies.suffolk, to: suffolkV9, at: '2025-10-01T09:00:00Z', by: { role: 'Business Manager' },
 *   reason: 'The partnership adopted version 9 for open cases',
 *   plan: { deadlines: 'keep-date', duties: { 'stage-2-manager': { deadline: 'recount' } } },
 * });
 */
export function migrateEscalation(escalation: Escalation, options: MigrateOptions): Migration {
  if (typeof options !== 'object' || options === null)
    throw new EscalationError(
      'INVALID_ARGUMENT',
      'migrateEscalation needs its options: { from, to, plan, at, reason }',
    );
  const given = validate(optionsSchema, options, 'INVALID_MIGRATION', 'migration');
  const atMs = instantArgument(options.at, 'at');
  const dryRun = given.dryRun === true;
  const to = targetPolicy(options, escalation);
  const done = alreadyMigrated(escalation, to, given.plan, options.from);
  if (done) return { escalation, preview: escalation, entry: done, dryRun, applied: false };

  const engineOptions = options.calendar ? { calendar: options.calendar } : undefined;
  const { escalation: esc, c: from } = checkedEscalation(options.from, escalation, engineOptions);
  if (atMs < ms(esc.asOf)) {
    throw new EscalationError(
      'OUT_OF_ORDER',
      `The migration at ${iso(atMs)} is before ${esc.asOf}, when escalation '${esc.id}' was last brought up to`,
    );
  }
  // What fell due under the old version is recorded under it first, as a sweep would.
  const bound = calendarFor(esc, engineOptions);
  const d = new Draft(from, bound.index, esc, atMs);
  if (bound.newEdition)
    adoptCalendar(d, caseCalendar(bound.calendar), ms(esc.asOf), 'a new edition of the bank holidays');
  fireTimers(d, atMs);
  const before = d.finish(atMs);

  const work = new Migrating(before, from, to, given.plan, atMs, bound.index);
  work.check();
  if (work.problems.length > 0) {
    throw new EscalationError(
      'MIGRATION_REFUSED',
      `Migrating escalation '${esc.id}' from ${from.policy.id} version ${from.policy.version} to version ${to.policy.version} is refused: ${work.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      work.problems,
    );
  }
  const entry = work.entry(given.by, given.reason);
  const migrated = work.apply(entry);
  // Checked in full under the new version, as a stored escalation would be: the result restores.
  const preview = restoreEscalation(to.policy, migrated, options.calendar ? { calendar: options.calendar } : undefined);
  const written = preview.history[preview.history.length - 1];
  if (written?.type !== 'migrated') throw new Error('the migration entry is missing'); // cannot happen: apply() writes it last
  return { escalation: dryRun ? escalation : preview, preview, entry: written, dryRun, applied: !dryRun };
}

/** The new version, checked: a policy or definition, or a version the registry in `from` has. */
function targetPolicy(options: MigrateOptions, escalation: Escalation): Compiled {
  const to = options.to;
  if (typeof to !== 'string') return startPolicy(to);
  const registry = options.from as Partial<PolicyRegistry>;
  if (typeof registry !== 'object' || registry === null || typeof registry.get !== 'function') {
    throw new EscalationError(
      'INVALID_ARGUMENT',
      `options.to is the version '${to}': give options.from as a registry that has it, or give the policy itself`,
    );
  }
  const found =
    typeof escalation === 'object' && escalation !== null ? registry.get(escalation.policy?.id, to) : undefined;
  if (found === undefined)
    throw new EscalationError(
      'INVALID_ARGUMENT',
      `The registry has no version '${to}' of policy ${escalation?.policy?.id}`,
    );
  return startPolicy(found);
}

/**
 * The entry of this very migration, when the escalation has had it already: it runs under the new
 * version, and its last migration came from the version given with the same plan.
 */
function alreadyMigrated(
  escalation: Escalation,
  to: Compiled,
  plan: MigrationPlan,
  from: PolicySource,
): HistoryEntryOf<'migrated'> | undefined {
  if (typeof escalation !== 'object' || escalation === null || !Array.isArray(escalation.history)) return undefined;
  if (escalation.policy?.id !== to.policy.id || escalation.policy?.version !== to.policy.version) return undefined;
  const last = [...escalation.history]
    .reverse()
    .find((entry): entry is HistoryEntryOf<'migrated'> => entry?.type === 'migrated');
  if (!last || last.to.version !== to.policy.version || !sameJson(last.plan, plan)) return undefined;
  const fromVersion =
    typeof from === 'object' && from !== null && 'version' in from ? (from as { version: unknown }).version : undefined;
  if (fromVersion !== undefined && fromVersion !== last.from.version) return undefined;
  // Checked in full under the new version, so that an unchanged answer is a valid one.
  restoreEscalation(to.policy, escalation);
  return last;
}

type Planned = { readonly to: string; readonly deadline?: DeadlineRule } | { readonly end: string };

/** One migration being checked and worked out. */
class Migrating {
  readonly problems: Problem[] = [];
  private readonly stageMap = new Map<string, string>();
  private readonly duties: MigratedDuty[] = [];
  private readonly obligations: ObligationState[] = [];
  private calendarChange: { from: CaseCalendar; to: CaseCalendar } | undefined;
  private index: WorkingDayIndex;

  constructor(
    private readonly esc: Escalation,
    private readonly from: Compiled,
    private readonly to: Compiled,
    private readonly plan: MigrationPlan,
    private readonly atMs: number,
    private readonly oldIndex: WorkingDayIndex,
  ) {
    this.index = oldIndex;
  }

  private problem(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  private get names() {
    return { from: `version ${this.from.policy.version}`, to: `version ${this.to.policy.version}` };
  }

  /** Checks the plan against the case and both versions, collecting every problem, and works out the new duties. */
  check(): void {
    const { from, to } = this;
    if (to.policy.id !== from.policy.id)
      this.problem(
        'to',
        `is policy ${to.policy.id}; the case runs under ${from.policy.id}: a migration moves a case between versions of its own policy`,
      );
    else if (to.policy.version === from.policy.version)
      this.problem('to', `is version ${to.policy.version}, which the case already runs under`);
    this.checkStages();
    this.checkCalendar();
    this.checkDutyKeys();
    for (const o of this.esc.obligations)
      this.obligations.push(o.status === 'running' ? this.running(o) : this.done(o));
    this.checkStarts();
    this.checkIds();
  }

  // --- Stages ---------------------------------------------------------------------------------------

  private checkStages(): void {
    const { from, to, names } = this;
    for (const [old, next] of Object.entries(this.plan.stages ?? {})) {
      if (!from.stages.has(old))
        this.problem(
          `plan.stages.${old}`,
          `${old} is not a stage of ${names.from} (its stages: ${[...from.stages.keys()].join(', ')})`,
        );
      if (!to.stages.has(next))
        this.problem(
          `plan.stages.${old}`,
          `maps to ${next}, which ${names.to} does not have (its stages: ${[...to.stages.keys()].join(', ')})`,
        );
      this.stageMap.set(old, next);
    }
    for (const id of from.stages.keys()) if (!this.stageMap.has(id) && to.stages.has(id)) this.stageMap.set(id, id);
    const current = this.esc.stage;
    if (!own(this.plan.stages, current) && !to.stages.has(current)) {
      this.problem(
        `plan.stages.${current}`,
        `the case is at ${current}, which ${names.to} does not have: map it to one of ${[...to.stages.keys()].join(', ')}`,
      );
    }
  }

  /** The new version's stage for a stage of the old one, when the plan or the ids give one. */
  private stage(id: string): string | undefined {
    return this.stageMap.get(id);
  }

  // --- The calendar ---------------------------------------------------------------------------------

  /**
   * A new version counting working days in another division moves the case to that division's
   * built-in calendar, with its closures. (Partnerships do not cross borders; this is for a definition
   * that corrects its division.) A case on a GOV.UK feed has no calendar of the new division to move to.
   */
  private checkCalendar(): void {
    const division = this.to.policy.division;
    const current = this.esc.calendar;
    if (division === current.division) return;
    if (current.source === 'gov-uk-feed') {
      this.problem(
        'to',
        `${this.names.to} counts working days in ${division}; the case counts on a GOV.UK feed for ${current.division}, which a migration cannot move to another division`,
      );
      return;
    }
    const calendar = builtInCalendar(division, current.closures);
    this.index = indexOf(calendar);
    this.calendarChange = { from: current, to: caseCalendar(calendar) };
  }

  // --- Duties ---------------------------------------------------------------------------------------

  private checkDutyKeys(): void {
    const running = new Set(this.esc.obligations.filter((o) => o.status === 'running').map((o) => o.id));
    const known = new Set(this.esc.obligations.map((o) => o.id));
    for (const [key, planned] of Object.entries(this.plan.duties ?? {})) {
      const path = `plan.duties.${key}`;
      if (known.has(key) && !running.has(key))
        this.problem(
          path,
          `${key} is no longer running: only a running duty is migrated by its id (or name its rule, ${key.split('#')[0]})`,
        );
      else if (!running.has(key) && !this.from.rules.has(key))
        this.problem(
          path,
          `is neither a rule of ${this.names.from} nor a running duty of the case (running: ${[...running].join(', ') || 'none'})`,
        );
      const target = typeof planned === 'string' ? planned : 'to' in planned ? planned.to : undefined;
      if (target !== undefined && !this.to.rules.has(target))
        this.problem(path, `maps to ${target}, which ${this.names.to} does not have`);
    }
  }

  /** What the plan says for a duty: by its own id, else by its rule; by default the same rule id. */
  private planned(o: ObligationState): Planned {
    const entry: DutyPlan | undefined = own(this.plan.duties, o.id) ?? own(this.plan.duties, o.rule);
    if (entry === undefined) return { to: o.rule, ...(this.plan.deadlines ? { deadline: this.plan.deadlines } : {}) };
    if (typeof entry === 'string')
      return { to: entry, ...(this.plan.deadlines ? { deadline: this.plan.deadlines } : {}) };
    if ('end' in entry) return { end: entry.end };
    const deadline = entry.deadline ?? this.plan.deadlines;
    return { to: entry.to ?? o.rule, ...(deadline ? { deadline } : {}) };
  }

  /** A duty met or ended: kept as it was, under the new rule and stage where the plan or the ids give them. */
  private done(o: ObligationState): ObligationState {
    const planned = this.planned(o);
    const rule = 'to' in planned && this.to.rules.has(planned.to) ? planned.to : o.rule;
    const stage = o.stage === undefined ? undefined : (this.stage(o.stage) ?? o.stage);
    return rule === o.rule && stage === o.stage ? o : { ...o, rule, ...(stage !== undefined ? { stage } : {}) };
  }

  /** A running duty under its new rule, with its deadline as the plan says. */
  private running(o: ObligationState): ObligationState {
    const path = `plan.duties.${o.rule}`;
    const planned = this.planned(o);
    const mapped = o.stage === undefined ? undefined : this.stage(o.stage);
    // A duty that ends keeps the stage it was owed at; one that goes on needs that stage in the new version.
    const stage = mapped ?? o.stage;
    if ('end' in planned) {
      this.duties.push({ obligation: o.id, from: o.rule, outcome: 'ended', reason: planned.end });
      return { ...o, status: 'void', ...(stage !== undefined ? { stage } : {}) };
    }
    if (o.stage !== undefined && mapped === undefined) {
      this.problem(
        `plan.stages.${o.stage}`,
        `${o.id} (${o.label}) is still owed at ${o.stage}, which ${this.names.to} does not have: map the stage, or end the duty`,
      );
    }
    const rule = this.to.rules.get(planned.to);
    if (!rule) {
      this.problem(
        path,
        `${o.id} (${o.label}) is running and ${this.names.to} has no rule '${planned.to}': map it to a rule of ${this.names.to}, or end it with { end: 'why' }`,
      );
      return o;
    }
    if (rule.kind !== o.kind) {
      this.problem(
        path,
        `${o.id} is a ${o.kind} duty; ${rule.id} of ${this.names.to} is a ${rule.kind}: map it to a duty of the same kind, or end it with { end: 'why' }`,
      );
      return o;
    }
    const due = this.deadline(o, rule, planned.deadline, path);
    if (due === 'ended') {
      const reason = `not applicable under ${this.names.to} while the child is at imminent risk`;
      this.duties.push({ obligation: o.id, from: o.rule, outcome: 'ended', reason });
      return { ...o, status: 'void', ...(stage !== undefined ? { stage } : {}) };
    }
    const next: ObligationState = {
      ...o,
      rule: rule.id,
      label: rule.label,
      strength: rule.strength,
      ...(stage !== undefined ? { stage } : {}),
    };
    if (due !== undefined) setDue(next, due, o, this.atMs);
    if (due !== undefined && planned.deadline === 'recount')
      setImminentRisk(next, rule, this.esc.risk === 'imminent-risk');
    this.duties.push({
      obligation: o.id,
      from: o.rule,
      to: rule.id,
      outcome: next.dueAt === o.dueAt ? 'kept' : 'moved',
      ...(planned.deadline && dated(o, rule, this.esc) ? { deadline: planned.deadline } : {}),
      ...(dated(o, rule, this.esc) ? { dueAt: { from: o.dueAt, to: next.dueAt } } : {}),
    });
    return next;
  }

  /** The new due date of a running duty by the rule the plan gives: unchanged (undefined), a due date or none (null), or ended. */
  private deadline(
    o: ObligationState,
    rule: ObligationRule,
    which: DeadlineRule | undefined,
    path: string,
  ): Due | null | undefined | 'ended' {
    const limit = effectiveLimit(rule, this.esc.risk === 'imminent-risk');
    if (!dated(o, rule, this.esc)) return undefined; // nothing to count, then or now
    if (which === undefined) {
      this.problem(
        path,
        `${o.id} (${o.label}) has a deadline: say which rule holds for it, in plan.deadlines or in ${path}.deadline (${['keep-date', 'keep-remaining', 'recount'].join(', ')})`,
      );
      return undefined;
    }
    switch (which) {
      case 'keep-date':
        return undefined;
      case 'keep-remaining':
        return this.remaining(o);
      case 'recount':
        // An extension agreed for the case is a decision about this case, not the policy's: it stands.
        if (o.extended) return undefined;
        if (limit === 'not-applicable') return 'ended';
        return limit === 'none'
          ? null
          : limitDue(
              limit,
              ms(o.armedAt),
              this.index,
              own(this.esc.caseTimescales, rule.id) ?? own(this.esc.caseTimescales, o.rule),
            );
    }
  }

  /**
   * The working days still to run at the migration, counted again from it on the new calendar. On
   * the same calendar that is the same date, and it is kept as it is: a date that is not a working
   * day (an agreed extension, a limit in calendar days) is not brought back to the working day before.
   */
  private remaining(o: ObligationState): Due | undefined {
    if (this.calendarChange === undefined || o.extended) return undefined;
    if (o.dueAt === null || o.dueDate === null || ms(o.dueAt) <= this.atMs) return undefined;
    const dueDay = tryParseDate(o.dueDate);
    // A limit in hours falls at its instant, which no calendar moves.
    if (ms(o.dueAt) !== endOfLondonDayMs(dueDay)) return undefined;
    const today = londonDayNumber(this.atMs);
    const day = this.index.add(today, this.oldIndex.between(today, dueDay));
    return { day, ms: endOfLondonDayMs(day) };
  }

  // --- New duties -----------------------------------------------------------------------------------

  private checkStarts(): void {
    const happenings = this.happenings();
    const targets = new Set(Object.values(this.plan.duties ?? {}).flatMap(targetOf));
    const carried = new Set(this.esc.obligations.map((o) => o.rule).concat([...targets]));
    for (const [id, from] of Object.entries(this.plan.start ?? {})) {
      const path = `plan.start.${id}`;
      const rule = this.to.rules.get(id);
      if (!rule) {
        this.problem(path, `${this.names.to} has no rule '${id}'`);
        continue;
      }
      if (this.from.rules.has(id) || carried.has(id)) {
        // A rule of both versions starts afresh only where the plan ends its duties (its meaning
        // changed: Devon's feedback, owed at Stage 5, became feedback owed after the resolution).
        if (!this.endsRule(id) || targets.has(id)) {
          this.problem(path, `${id} is not new in ${this.names.to}: its duties run on from ${this.names.from}`);
          continue;
        }
        if (!this.startsAfresh(id)) continue; // a duty of it was done, or goes on: nothing is redone
      }
      const anchor = this.anchorOf(rule, happenings);
      if (anchor !== undefined) this.startDuty(rule, from === 'migration' ? this.atMs : anchor.atMs, anchor, from);
    }
  }

  /** Whether the plan ends the duties of this rule (by its id). */
  private endsRule(id: string): boolean {
    const entry = this.plan.duties?.[id];
    return typeof entry === 'object' && 'end' in entry;
  }

  /** Whether every duty of this rule in the case is running and ended by this plan, or was ended by an earlier migration. */
  private startsAfresh(id: string): boolean {
    const ended = endedByMigration(this.esc.history);
    return this.esc.obligations
      .filter((o) => o.rule === id)
      .every((o) => ended.has(o.id) || (o.status === 'running' && 'end' in this.planned(o)));
  }

  /**
   * When a new duty's anchor happened in this case, where the duty would still be owed now. A plan
   * serves every open case, so where the anchor has not happened yet (the duty starts when it does),
   * or what happened since would have met or ended the duty, it is not started, and that is no problem.
   */
  private anchorOf(rule: ObligationRule, happenings: readonly Happening[]): Happening | undefined {
    const matching = happenings.filter((h) => starts(rule.anchor, h));
    const anchor = startsOnce(rule.anchor) ? matching[0] : matching.at(-1);
    if (!anchor) return undefined;
    if (rule.imminentRisk && 'onlyThen' in rule.imminentRisk && this.esc.risk !== 'imminent-risk') return undefined;
    const stage = stageOfHappening(anchor, this.stage(this.esc.stage) ?? this.esc.stage);
    for (const later of happenings) {
      if (later.atMs < anchor.atMs || later === anchor) continue;
      if (meets(rule.meet, { armedAtMs: anchor.atMs }, later, this.to.recipients)) return undefined;
      // Leaving the stage it belongs to meets, closes or ends a duty of that stage, or leaves it owed.
      const left = later.kind === 'stage-entered' && stage !== undefined && later.from === stage;
      if (left && onLeavingStage(rule, leftHow(later.how)) !== 'keep') return undefined;
    }
    if (
      this.esc.status !== 'open' &&
      (this.esc.status === 'resolved' ? onResolution(rule) : onWithdrawal(rule)) !== 'keep'
    )
      return undefined;
    const meet = rule.meet;
    if (
      meet.by === 'record' &&
      meet.orEarlier === true &&
      happenings.some((h) => h.kind === 'record' && recordMeets(meet, h.record, this.to.recipients))
    ) {
      return undefined;
    }
    return anchor;
  }

  private startDuty(rule: ObligationRule, armedMs: number, anchor: Happening, from: 'migration' | 'anchor'): void {
    const limit = effectiveLimit(rule, this.esc.risk === 'imminent-risk');
    if (limit === 'not-applicable') return; // it does not apply while the child is at imminent risk
    const due = limit === 'none' ? null : limitDue(limit, armedMs, this.index, own(this.esc.caseTimescales, rule.id));
    const stage = stageOfHappening(anchor, this.stage(this.esc.stage) ?? this.esc.stage);
    const o: ObligationState = {
      id: `${rule.id}#${this.obligations.filter((x) => x.rule === rule.id).length + 1}`,
      rule: rule.id,
      kind: rule.kind,
      label: rule.label,
      strength: rule.strength,
      ...(stage !== undefined ? { stage } : {}),
      armedAt: iso(armedMs),
      status: 'running',
      dueDate: due ? iso(due.day * 86_400_000).slice(0, 10) : null,
      dueAt: due ? iso(due.ms) : null,
      ...(rule.kind === 'reminder' ? { occurrence: 1 } : {}),
    };
    setImminentRisk(o, rule, this.esc.risk === 'imminent-risk');
    this.obligations.push(o);
    this.duties.push({
      obligation: o.id,
      to: rule.id,
      outcome: 'started',
      deadline: from,
      dueAt: { from: null, to: o.dueAt },
    });
  }

  /** What has happened in the case, from its history, with the stages it names mapped to the new version. */
  private happenings(): Happening[] {
    const list: Happening[] = [];
    const map = (stage: string | undefined) => (stage === undefined ? undefined : (this.stage(stage) ?? stage));
    let stage = this.from.policy.stages[0]!.id;
    for (const entry of this.esc.history) {
      const happening = happeningOf(entry, map, stage);
      if (entry.type === 'stage-entered') stage = entry.stage;
      if (happening) list.push(happening);
    }
    return list.sort((a, b) => a.atMs - b.atMs);
  }

  /** Ids the new version's rules will give the duties they start must not be taken already. */
  private checkIds(): void {
    for (const rule of this.to.rules.keys()) {
      const count = this.obligations.filter((o) => o.rule === rule).length;
      const taken = this.obligations.filter(
        (o) => o.rule !== rule && o.id.startsWith(`${rule}#`) && Number(o.id.slice(rule.length + 1)) > count,
      );
      for (const o of taken) {
        this.problem(
          `plan.duties.${o.rule}`,
          `${o.id} keeps its id under rule ${o.rule}, but ${this.names.to}'s own rule ${rule} would give that id to a duty it starts: map ${o.id} to ${rule}`,
        );
      }
    }
  }

  // --- The result -----------------------------------------------------------------------------------

  entry(by: Party | undefined, reason: string): Omit<HistoryEntryOf<'migrated'>, 'seq' | 'at'> {
    const current = this.esc.stage;
    const dropped = Object.keys(this.esc.caseTimescales).filter((key) => !this.to.rules.has(this.renamedRule(key)));
    return {
      type: 'migrated',
      ...(by ? { by } : {}),
      reason,
      from: { id: this.from.policy.id, version: this.from.policy.version },
      to: { id: this.to.policy.id, version: this.to.policy.version },
      plan: this.plan,
      stage: { from: current, to: this.stage(current) ?? current },
      duties: this.duties,
      ...(this.calendarChange ? { calendar: this.calendarChange } : {}),
      ...(dropped.length ? { timescalesDropped: dropped } : {}),
    };
  }

  /** The new version's id for a rule of the old one, by the plan's map of the rule. */
  private renamedRule(rule: string): string {
    const entry = own(this.plan.duties, rule);
    return typeof entry === 'string' ? entry : entry && 'to' in entry && entry.to ? entry.to : rule;
  }

  /** The escalation under the new version, with the migration as its last history entry. */
  apply(entry: Omit<HistoryEntryOf<'migrated'>, 'seq' | 'at'>): Escalation {
    const esc = this.esc;
    const last = esc.history[esc.history.length - 1];
    const at = last && ms(last.at) > this.atMs ? last.at : iso(this.atMs);
    // seq and at first, as the schema lists them: the stored form is one order of keys.
    const written: HistoryEntry = { seq: esc.history.length + 1, at, ...entry };
    const stage = this.stage(esc.stage) ?? esc.stage;
    const caseTimescales = Object.fromEntries(
      Object.entries(esc.caseTimescales)
        .map(([rule, date]) => [this.renamedRule(rule), date] as const)
        .filter(([rule]) => this.to.rules.has(rule)),
    );
    return {
      ...esc,
      policy: { id: this.to.policy.id, version: this.to.policy.version },
      ...(this.calendarChange ? { calendar: this.calendarChange.to } : {}),
      stage,
      state: esc.status === 'open' ? stage : esc.state,
      asOf: iso(Math.max(ms(esc.asOf), this.atMs)),
      caseTimescales,
      obligations: this.obligations,
      history: [...esc.history, written],
    };
  }
}

/** A record's own entry: a rule id such as 'constructor' must not find Object.prototype's. */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Whether a running duty has a deadline, or would have one counted under its new rule: then the plan says which rule holds. */
function dated(o: ObligationState, rule: ObligationRule, esc: Escalation): boolean {
  const limit = effectiveLimit(rule, esc.risk === 'imminent-risk');
  return o.dueAt !== null || (limit !== 'none' && limit !== 'not-applicable');
}

/** Sets a duty's new due date; a deadline passed and no longer so (a longer limit) is running again. */
function setDue(next: ObligationState, due: Due | null, was: ObligationState, atMs: number): void {
  next.dueDate = due ? iso(due.day * 86_400_000).slice(0, 10) : null;
  next.dueAt = due ? iso(due.ms) : null;
  if (was.passedAt !== undefined && (due === null || due.ms >= atMs)) delete next.passedAt;
}

function setImminentRisk(o: ObligationState, rule: ObligationRule, imminentRisk: boolean): void {
  if (imminentRisk && rule.imminentRisk && 'limit' in rule.imminentRisk) o.atImminentRisk = true;
  else delete o.atImminentRisk;
}

/** The rule a plan's entry for a duty maps it to, if it names one. */
function targetOf(planned: DutyPlan): string[] {
  return typeof planned === 'string' ? [planned] : 'to' in planned && planned.to !== undefined ? [planned.to] : [];
}

/** How a stage was left, from how the next was entered. */
function leftHow(how: StageEntryHow): 'escalated' | 'expedited' | 'skipped' {
  return how === 'expedited' ? 'expedited' : how === 'skipped' ? 'skipped' : 'escalated';
}

/** The stage a duty started by a happening belongs to (as the engine's `stageOf`). */
function stageOfHappening(happening: Happening, current: string): string | undefined {
  switch (happening.kind) {
    case 'raised':
      return undefined;
    case 'flagged':
      return current;
    default:
      return happening.stage;
  }
}

/** A history entry as what happened, with the stages mapped; `stage` is where the case stood when it was learned. */
function happeningOf(
  entry: HistoryEntry,
  map: (stage: string | undefined) => string | undefined,
  stage: string,
): Happening | undefined {
  switch (entry.type) {
    case 'raised':
      return { kind: 'raised', atMs: ms(entry.at) };
    case 'stage-entered':
      return {
        kind: 'stage-entered',
        stage: map(entry.stage)!,
        from: map(entry.from),
        how: entry.how,
        atMs: ms(entry.happenedAt ?? entry.at),
      };
    case 'event': {
      const event = entry.event;
      const atMs = ms(event.at);
      if (event.type === 'RECORD') return { kind: 'record', record: event.record, stage: map(stage)!, atMs };
      if (event.type === 'RESOLVE') return { kind: 'resolved', stage: map(stage)!, atMs };
      if (event.type === 'WITHDRAW') return { kind: 'withdrawn', stage: map(stage)!, atMs };
      if (event.type === 'FLAG') return { kind: 'flagged', flag: event.flag, atMs };
      return undefined;
    }
    default:
      return undefined;
  }
}
