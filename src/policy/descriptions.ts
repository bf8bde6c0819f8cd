import * as z from 'zod/mini';
import {
  anchorSchema,
  citationSchema,
  durationSchema,
  flagSchema,
  formSchema,
  interpretationSchema,
  limitSchema,
  meetSchema,
  movementRuleSchema,
  obligationSchema,
  participantSchema,
  perCaseSchema,
  policySchema,
  RECORD_KINDS,
  recipientSchema,
  routeSchema,
  stageSchema,
} from './schema.js';

// The description of every field of a policy file: the hover text of an editor, in the JSON Schema
// that policyJsonSchema() generates. They are kept here, not in schema.ts, so that a front end that
// only runs cases (and validates policies with the schema) does not download them: this module is
// imported by policyJsonSchema() alone. Each is attached to the schema of its field, reached through
// the schema's own structure (TypeScript checks every path), in a registry of its own; the test of
// policies/policy.schema.json checks that every field has one.

/** Metadata the JSON Schema generator reads: a description, and for a reference a name in `$defs`. */
export interface FieldMetadata {
  readonly description: string;
  readonly id?: string;
}

let registry: z.core.$ZodRegistry<FieldMetadata> | undefined;

/** The schema inside `z.optional(schema)`. */
const inner = <T extends z.ZodMiniType>(optional: z.ZodMiniOptional<T>): T => optional.def.innerType;

/** The registry of every field's description, built the first time it is asked for. */
export function policyDescriptions(): z.core.$ZodRegistry<FieldMetadata> {
  if (registry) return registry;
  const described = z.registry<FieldMetadata>();
  const describe = (schema: z.ZodMiniType, description: string) => described.add(schema, { description });
  // A reference to one of the policy's own ids, named in `$defs` so that a schema for one policy can
  // list its ids there.
  const named = (schema: z.ZodMiniType, id: string, description: string) => described.add(schema, { id, description });

  const policy = policySchema.shape;
  describe(
    policySchema,
    'A safeguarding escalation policy: its stages, timescales and duties, each cited to the text.',
  );
  describe(policy.id, 'The policy’s id: lower case, such as "suffolk".');
  describe(policy.title, 'The policy’s title.');
  describe(policy.partnership, 'The safeguarding partnership (or board) whose policy it is.');
  describe(
    policy.version,
    'This definition’s version. Escalations record it; a migration moves a case from one version to another.',
  );
  describe(policy.source, 'The published document this definition encodes, and its currency.');
  describe(policy.division, 'Whose bank holidays count: england-and-wales, scotland or northern-ireland.');
  describe(policy.stages, 'The stages in order. Each may escalate to the next; the last is the top of the ladder.');
  describe(inner(policy.recipients), 'Who may be told or answered: obligations and notices name them by id.');
  describe(inner(policy.flags), 'Things a host may flag on a case (a FLAG event) that start a duty.');
  describe(
    policy.obligations,
    'Every timescale and duty the document sets: what starts it, what meets it, how long it allows.',
  );
  describe(
    policy.movement,
    'When a case may start above the first stage, or jump over stages. Escalating to the next stage, resolving and withdrawing are always allowed.',
  );
  describe(inner(policy.forms), 'The forms the document asks for.');
  describe(inner(policy.routes), 'Routes beside the ladder: separate processes, hand-offs, notes.');
  describe(inner(policy.interpretations), 'Where the text is silent or contradicts itself: the reading taken and why.');

  const source = policy.source.shape;
  describe(source.document, 'The title of the published document.');
  describe(inner(source.publisher), 'Who published it: the partnership or board, as the document names itself.');
  describe(inner(source.version), 'The document’s own version label.');
  describe(inner(source.date), 'The date of this version as the document gives it, in its words.');
  describe(
    inner(source.issued),
    'When this version was issued (YYYY-MM or YYYY-MM-DD): checked against the 2019 partnership arrangements.',
  );
  describe(
    inner(source.reviewDue),
    'When the document says it is to be reviewed (YYYY-MM or YYYY-MM-DD): a warning is shown once it has passed.',
  );
  describe(inner(source.url), 'Where the document is published.');
  describe(inner(source.notes), 'Anything else a reader should know about the document’s currency.');

  describe(citationSchema, 'Where this comes from in the source document.');
  describe(
    citationSchema.shape.ref,
    'The section, stage, paragraph or appendix, as the document numbers it: "section 3", "Stage 2".',
  );
  describe(inner(citationSchema.shape.quote), 'A short verbatim quote of the rule, in the document’s own words.');

  const stage = stageSchema.shape;
  describe(stage.id, 'The stage id: "stage-" and its number, such as "stage-2".');
  describe(stage.number, 'The number the document gives the stage (0 for a step before Stage 1).');
  describe(stage.title, 'The stage’s title, as the document gives it.');
  describe(stage.participants, 'Who takes part at this stage.');
  describe(inner(stage.summary), 'What happens at this stage, in a sentence.');
  const participant = participantSchema.shape;
  describe(participant.role, 'The role, as the document names it: "Front line operational manager".');
  describe(inner(participant.agency), 'The agency the role belongs to, where the document names one.');
  describe(
    inner(participant.counterpart),
    'The role in the other agency this one talks to, where the document pairs them.',
  );

  const recipient = recipientSchema.shape;
  describe(recipient.id, 'The recipient’s id, which obligations and notices name: "partnership-manager".');
  describe(recipient.title, 'Who it is, as the document names them.');
  describe(inner(recipient.aliases), 'Other names the document uses: a notice to any of them reaches this recipient.');
  describe(inner(recipient.aliases).def.element, 'Another name the document uses.');
  describe(
    inner(recipient.addresses),
    'Mailboxes and other addresses the document gives: a notice to one reaches this recipient.',
  );
  describe(inner(recipient.addresses).def.element, 'An address the document gives.');

  describe(flagSchema.shape.id, 'The flag’s id, which FLAG events name.');
  describe(flagSchema.shape.title, 'What the flag means, in a few words.');

  const obligation = obligationSchema.shape;
  describe(obligation.id, 'The obligation’s id, unique in the policy: "stage-1-resolution".');
  describe(
    obligation.kind,
    'stage (resolve or move on), cap (over several stages), response, after-resolution, reminder (recurring), record, notification.',
  );
  describe(obligation.label, 'What must be done, in a few words a practitioner understands.');
  describe(inner(obligation.who), 'Who must act.');
  named(inner(obligation.to), 'RecipientRef', 'One of this policy’s recipients, by id: who must be told or answered.');
  describe(obligation.anchor, 'What the clock counts from: an anchor { on: ... }, or { firstOf: [ ... ] }.');
  describe(
    obligation.anchor.def.options[1].shape.firstOf,
    'Two or more anchors: the clock starts at whichever happens first, once.',
  );
  describe(
    obligation.strength,
    '"maximum" cannot be extended; "guidance" can, by an EXTEND event with a reason and who agreed.',
  );
  describe(
    inner(obligation.every),
    'For a reminder: how often it recurs after the first one falls due; at least 1 (one hour, day or week).',
  );
  describe(
    inner(obligation.survivesWithdrawal),
    'Whether it is still owed after the escalation is withdrawn (a notice owed at commencement, a record for the tracker). Default false: say why in an interpretation.',
  );

  const imminentRisk = inner(obligation.imminentRisk);
  const [shorter, notApplicable, onlyThen] = imminentRisk.def.options;
  describe(
    imminentRisk,
    'What changes when the child is at imminent risk: { limit } (a shorter one), { notApplicable: true } or { onlyThen: true } (it applies only then).',
  );
  describe(shorter.shape.limit, 'The limit that applies instead when the child is at imminent risk.');
  describe(notApplicable.shape.notApplicable, 'It does not apply when the child is at imminent risk.');
  describe(onlyThen.shape.onlyThen, 'It applies only when the child is at imminent risk.');

  const [raised, stageEntered, record, resolved, concluded, flagged] = anchorSchema.def.options;
  describe(
    anchorSchema,
    'What the clock counts from: "raised", "stage-entered" (with stages), "record" (with kind), "resolved", "concluded" or "flagged".',
  );
  describe(raised.shape.on, 'The clock starts when the disagreement is raised.');
  describe(stageEntered.shape.on, 'The clock starts when one of `stages` is entered.');
  describe(stageEntered.shape.stages, 'The stages whose entry starts the clock, afresh each time one is entered.');
  named(stageEntered.shape.stages.def.element, 'StageRef', 'One of this policy’s stages, by id: "stage-2".');
  describe(inner(stageEntered.shape.once), 'Only the first of these stages to be entered starts it.');
  describe(
    inner(stageEntered.shape.from),
    'Only an entry from one of these stages starts it (not a start there, nor a jump from elsewhere).',
  );
  describe(record.shape.on, 'The clock starts with a record of `kind` (and `form`).');
  describe(record.shape.kind, `A record kind, or a list of them (any one will do): ${RECORD_KINDS.join(', ')}.`);
  named(inner(record.shape.form), 'FormRef', 'One of this policy’s forms, by id.');
  describe(inner(record.shape.stages), 'Only a record made at one of these stages starts the clock.');
  describe(resolved.shape.on, 'The clock starts when the disagreement is resolved.');
  describe(inner(resolved.shape.stages), 'Only a resolution reached at one of these stages starts the clock.');
  describe(
    concluded.shape.on,
    'The clock starts when the process ends, resolved or withdrawn ("at conclusion of the process").',
  );
  describe(inner(concluded.shape.stages), 'Only a conclusion reached at one of these stages starts the clock.');
  describe(
    flagged.shape.on,
    'The clock starts when the case is flagged (a FLAG event), such as a matter of potentially serious concern.',
  );
  named(flagged.shape.flag, 'FlagRef', 'One of this policy’s flags, by id.');

  const [stageExit, stageReached, resolution, byRecord] = meetSchema.def.options;
  describe(
    meetSchema,
    'What meets it: "stage-exit" (leaving the stage), "stage-reached" (with stages), "resolution" or "record" (with kind).',
  );
  describe(stageExit.shape.by, 'Met by leaving the stage it began in: escalated, expedited or resolved.');
  describe(stageReached.shape.by, 'Met by reaching one of `stages`.');
  describe(stageReached.shape.stages, 'Reaching any of these stages meets it.');
  describe(inner(stageReached.shape.orResolution), 'Resolving the disagreement meets it too.');
  describe(resolution.shape.by, 'Met by resolving the disagreement.');
  describe(byRecord.shape.by, 'Met by a record of `kind` (and `form`, and `to`).');
  describe(
    inner(byRecord.shape.to),
    'For a notification or response: the recipient (by id) it must go to, or a list of them (any one will do).',
  );
  describe(
    inner(byRecord.shape.orEarlier),
    'A record of this kind made at any earlier point of the escalation counts too ("completed by Stage 3": a form made at Stage 1 or 2).',
  );

  describe(limitSchema, 'A duration { value, unit }, or { whicheverIsLess: [...] }.');
  describe(
    limitSchema.def.options[1].shape.whicheverIsLess,
    'Two or more limits; the earliest date they give is the deadline ("a working week or a timescale that protects the child, whichever is less").',
  );
  describe(
    durationSchema.shape.value,
    'How many units, at most a year: 250 working days, 50 working weeks, 365 calendar days or 8760 hours. Days and weeks are whole numbers; hours may be fractional.',
  );
  describe(
    durationSchema.shape.unit,
    'working-days and working-weeks skip weekends, bank holidays and closures; calendar-days count every day; hours count from the exact instant.',
  );
  describe(
    perCaseSchema.shape.perCase,
    'The words of the document for a timescale agreed case by case; set for a case with a SET_TIMESCALE event.',
  );

  const movement = movementRuleSchema.shape;
  describe(movement.id, 'The rule’s id, unique in the policy.');
  describe(
    movement.kind,
    '"start": begin above the first stage; "expedite": jump ahead for a risk; "skip": pass over stages when the text allows it.',
  );
  describe(inner(movement.from), 'The stages the jump may be made from; every stage when left out.');
  describe(movement.to, 'The stages it allows the case to start at or jump to.');
  describe(
    movement.requires,
    'What the move needs: "none"; a risk, given with the event or recorded on the case ("imminent-risk" satisfies every risk); or { reason, description }, a reason that is not a risk and that the event must give.',
  );
  const reason = movement.requires.def.options[1].shape;
  describe(reason.reason, 'The reason the event must give, such as "significant-policy-issue".');
  describe(reason.description, 'What the reason means, in the document’s words.');
  describe(movement.quote, 'The rule in the document’s own words.');

  const form = formSchema.shape;
  describe(form.id, 'The form’s id, unique in the policy; RECORD events of kind "form" name it.');
  describe(form.title, 'The form’s title, as the document gives it.');
  describe(form.fields, 'The fields of the form.');
  describe(form.fields.def.element.shape.name, 'The field’s name on the form.');
  describe(inner(form.fields.def.element.shape.description), 'What goes in it.');
  describe(inner(form.when), 'When it must be completed, in the document’s words.');

  const route = routeSchema.shape;
  describe(route.id, 'The route’s id, unique in the policy.');
  describe(route.title, 'The route’s title.');
  describe(
    route.kind,
    '"separate-route": a different process; "hand-off": something passed out of this process; "note": guidance only.',
  );
  describe(route.summary, 'What the route is, in a sentence or two.');
  const handOff = inner(route.handOff);
  describe(handOff, 'For a hand-off: when it happens and to whom; the escalation’s history records it.');
  describe(handOff.shape.onEntering, 'The stages whose entry hands the matter on, however the stage is reached.');
  describe(handOff.shape.to, 'Who it is handed to, with the address the document gives.');

  const interpretation = interpretationSchema.shape;
  describe(interpretation.issue, 'What the text leaves open, contradicts or is silent on.');
  describe(interpretation.reading, 'The reading this definition takes.');
  describe(interpretation.reason, 'Why.');

  registry = described;
  return registry;
}
