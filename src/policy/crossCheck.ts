import { didYouMean } from '../shared/suggest.js';
import { MAX_DURATION } from './limits.js';
import type { ParsedPolicy } from './schema.js';

/** A problem found by the cross-checks, with its path as zod gives paths. */
export interface CrossCheckProblem {
  readonly path: (string | number)[];
  readonly message: string;
}

type Path = (string | number)[];

interface DurationLike {
  readonly value: number;
  readonly unit: string;
}

/** Every duration inside a limit, with its path: the limit itself or each part of "whichever is less". */
function durationsOf(limit: unknown, path: Path): [Path, DurationLike][] {
  if (!limit || typeof limit !== 'object') return [];
  if ('unit' in limit) return [[path, limit as DurationLike]];
  if ('whicheverIsLess' in limit) {
    const parts = (limit as { whicheverIsLess: unknown[] }).whicheverIsLess;
    return parts.flatMap((part, index) => durationsOf(part, [...path, 'whicheverIsLess', index]));
  }
  return [];
}

/**
 * The checks a JSON Schema cannot make: every stage, form and id a policy refers to exists and is
 * unique, stage ids match their numbers and come in order, and each obligation's parts fit together.
 * The schema runs them as a refinement, so `policySchema` refuses exactly what `definePolicy` refuses.
 */
export function crossCheck(policy: ParsedPolicy): CrossCheckProblem[] {
  const problems: CrossCheckProblem[] = [];
  const add = (path: Path, message: string) => problems.push({ path, message });

  const stageIds = new Set<string>();
  policy.stages.forEach((stage, index) => {
    if (stage.id !== `stage-${stage.number}`)
      add(['stages', index, 'id'], `expected 'stage-${stage.number}' for a stage numbered ${stage.number}`);
    if (stageIds.has(stage.id)) add(['stages', index, 'id'], `duplicate stage id '${stage.id}'`);
    stageIds.add(stage.id);
    const before = policy.stages[index - 1];
    if (before && stage.number <= before.number)
      add(['stages', index, 'number'], 'stages must be listed in ascending order of number');
  });
  const known = [...stageIds].join(', ');
  const checkStages = (list: readonly string[] | undefined, path: Path) =>
    list?.forEach((stage, index) => {
      // No "did you mean" for stages: stage-4 is not a misspelling of stage-3.
      if (!stageIds.has(stage)) add([...path, index], `unknown stage '${stage}' (this policy's stages: ${known})`);
    });

  const formIds = new Set((policy.forms ?? []).map((form) => form.id));
  const checkForm = (form: string | undefined, path: Path) => {
    if (form !== undefined && !formIds.has(form)) {
      add(
        path,
        `unknown form '${form}'${didYouMean(form, [...formIds])} (${formIds.size ? `this policy's forms: ${[...formIds].join(', ')}` : 'this policy has no forms: add it under `forms`'})`,
      );
    }
  };
  const unique = (list: readonly { id: string }[], key: string) => {
    const seen = new Set<string>();
    list.forEach((item, index) => {
      if (seen.has(item.id)) add([key, index, 'id'], `duplicate id '${item.id}'`);
      seen.add(item.id);
    });
  };
  const recipientIds = new Set((policy.recipients ?? []).map((recipient) => recipient.id));
  const checkRecipients = (to: string | readonly string[] | undefined, path: Path) => {
    for (const [index, recipient] of (typeof to === 'string' ? [to] : (to ?? [])).entries()) {
      if (recipientIds.has(recipient)) continue;
      const where = typeof to === 'string' ? path : [...path, index];
      add(
        where,
        `unknown recipient '${recipient}'${didYouMean(recipient, [...recipientIds])} (${recipientIds.size ? `this policy's recipients: ${[...recipientIds].join(', ')}` : 'this policy has no recipients: add it under `recipients`'})`,
      );
    }
  };
  const flagIds = new Set((policy.flags ?? []).map((flag) => flag.id));
  unique(policy.recipients ?? [], 'recipients');
  unique(policy.flags ?? [], 'flags');
  unique(policy.obligations, 'obligations');
  unique(policy.movement, 'movement');
  unique(policy.forms ?? [], 'forms');
  unique(policy.routes ?? [], 'routes');

  policy.obligations.forEach((rule, index) => {
    const at: Path = ['obligations', index];
    const { meet } = rule;
    const anchors =
      'firstOf' in rule.anchor
        ? rule.anchor.firstOf.map((anchor, index) => [anchor, [...at, 'anchor', 'firstOf', index]] as const)
        : [[rule.anchor, [...at, 'anchor']] as const];
    for (const [anchor, path] of anchors) {
      if (
        anchor.on === 'stage-entered' ||
        anchor.on === 'record' ||
        anchor.on === 'resolved' ||
        anchor.on === 'concluded'
      )
        checkStages(anchor.stages, [...path, 'stages']);
      if (anchor.on === 'stage-entered') checkStages(anchor.from, [...path, 'from']);
      if (anchor.on === 'record') checkForm(anchor.form, [...path, 'form']);
      if (anchor.on === 'flagged' && !flagIds.has(anchor.flag)) {
        add(
          [...path, 'flag'],
          `unknown flag '${anchor.flag}'${didYouMean(anchor.flag, [...flagIds])} (${flagIds.size ? `this policy's flags: ${[...flagIds].join(', ')}` : 'this policy has no flags: add it under `flags`'})`,
        );
      }
      if (meet.by === 'stage-exit' && anchor.on !== 'stage-entered')
        add([...at, 'meet'], "'stage-exit' needs an anchor on 'stage-entered'");
      if ((anchor.on === 'resolved' || anchor.on === 'concluded') && meet.by === 'resolution')
        add([...at, 'meet'], 'an obligation started by the end of the process cannot be met by the resolution');
    }
    if (meet.by === 'stage-reached') checkStages(meet.stages, [...at, 'meet', 'stages']);
    if (meet.by === 'record') checkForm(meet.form, [...at, 'meet', 'form']);
    if (meet.by === 'record') checkRecipients(meet.to, [...at, 'meet', 'to']);
    checkRecipients(rule.to, [...at, 'to']);
    if (rule.kind === 'reminder' && !rule.every) add([...at, 'every'], 'a reminder needs `every`: how often it recurs');
    if (rule.kind === 'reminder' && !rule.limit)
      add([...at, 'limit'], 'a reminder needs a `limit`: when it first falls due');
    if (rule.kind !== 'reminder' && rule.every)
      add([...at, 'every'], 'only a reminder recurs: remove `every`, or make the kind "reminder"');
    const risk = rule.imminentRisk;
    const durations = [
      ...durationsOf(rule.limit, [...at, 'limit']),
      ...durationsOf(rule.every, [...at, 'every']),
      ...(risk && 'limit' in risk ? durationsOf(risk.limit, [...at, 'imminentRisk', 'limit']) : []),
    ];
    // Days and weeks are whole: "1.5 working days" has no date. Hours may be fractional. None is
    // longer than a year (MAX_DURATION), so that every deadline falls inside the calendar.
    for (const [path, duration] of durations) {
      if (duration.unit !== 'hours' && !Number.isInteger(duration.value)) {
        add(
          [...path, 'value'],
          `${duration.value} ${duration.unit} is not a whole number: only hours may be fractional`,
        );
      }
      const most = Object.hasOwn(MAX_DURATION, duration.unit)
        ? MAX_DURATION[duration.unit as keyof typeof MAX_DURATION]
        : undefined;
      if (most !== undefined && duration.value > most)
        add(
          [...path, 'value'],
          `${duration.value} ${duration.unit} is longer than a year: at most ${most} ${duration.unit}`,
        );
    }
    // A round that does not move on would fall due without end: every interval is at least one unit.
    if (rule.every && rule.every.value < 1)
      add(
        [...at, 'every', 'value'],
        `a reminder cannot recur every ${rule.every.value} ${rule.every.unit}: give how often it recurs, at least 1`,
      );
  });

  policy.movement.forEach((rule, index) => {
    checkStages(rule.to, ['movement', index, 'to']);
    checkStages(rule.from, ['movement', index, 'from']);
    if (rule.kind === 'start' && rule.from)
      add(['movement', index, 'from'], "a 'start' rule has no `from`: a case starts from the raising");
  });
  (policy.routes ?? []).forEach((route, index) => {
    if (route.handOff) checkStages(route.handOff.onEntering, ['routes', index, 'handOff', 'onEntering']);
    if (route.handOff && route.kind !== 'hand-off')
      add(['routes', index, 'kind'], "a route with `handOff` is of kind 'hand-off'");
  });
  return problems;
}
