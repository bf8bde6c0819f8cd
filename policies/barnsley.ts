// Barnsley Safeguarding Children Partnership: Process for Resolution of Professional Disagreements
// Relating to the Safeguarding & Protection of Children (Multi Agency Escalation Process), V4,
// amended November 2020 (first issued October 2015). Every rule cites the text.
import { definePolicy } from '../src/policy/define.js';

const doc = (ref: string, quote?: string) => (quote ? { ref, quote } : { ref });
const always = { RESOLVE: 'resolved', WITHDRAW: 'withdrawn' } as const;
const toStage3 = (rule: string) => ({ target: 'stage-3', guard: { type: 'movementAllowed' as const, params: { rule, to: 'stage-3' } } });
const PM = 'partnership manager';

export default definePolicy({
  id: 'barnsley',
  title: 'Process for Resolution of Professional Disagreements Relating to the Safeguarding & Protection of Children (Multi Agency Escalation Process)',
  partnership: 'Barnsley Safeguarding Children Partnership',
  version: 'V4',
  source: { document: 'Multi Agency Escalation Process', date: 'Amended November 2020 (first issued October 2015; review November 2022)' },
  division: 'england-and-wales',
  stages: [
    {
      id: 'stage-0', number: 0, title: 'Professional to Professional (best practice)',
      participants: [{ role: 'Practitioner', counterpart: 'Practitioner in the other agency' }],
      summary: 'Before any formal escalation the practitioners discuss the concerns, with evidence and reference to local thresholds, and agree a way forward.',
      citation: doc('Process – a staged approach: Professional to Professional', 'Prior to any formal escalation there should be a conversation applying the principles outlined above.'),
    },
    {
      id: 'stage-1', number: 1, title: 'Stage One: safeguarding leads / managers',
      participants: [{ role: 'Safeguarding lead / manager (or line manager; for the voluntary or faith sector a committee member)', counterpart: 'Safeguarding lead / manager in the other agency' }],
      summary: 'Both practitioners discuss with their safeguarding lead or manager, who then discuss together and seek resolution.',
      citation: doc('Formal escalation: Stage One', 'A discussion should then take place between the respective safeguarding leads/managers and a resolution sought within 5 working days.'),
    },
    {
      id: 'stage-2', number: 2, title: 'Stage Two: next tiers of management, up to the Head of Service',
      participants: [
        { role: 'Lead / manager, then each next tier of management up to the Head of Service (or equivalent)' },
        { role: 'Organisation’s representative on the Safeguarding Partnership (for Health, the Designated Nurse)' },
      ],
      citation: doc('Stage Two', 'the lead/manager will progress the discussion with the next tier of management. This progression should continue until it reaches a resolution and will culminate at the Head of Service (or equivalent).'),
    },
    {
      id: 'stage-3', number: 3, title: 'Stage Three: the Safeguarding Partners',
      participants: [
        { role: 'Heads of Service or equivalent (for health, the Designated Nurse)' },
        { role: 'Safeguarding Partnership Executives', agency: 'e.g. Director of Social Care, Detective Superintendent, Chief Nurse CCG' },
        { role: 'Partnership Manager (informs all involved of the conclusion)' },
      ],
      summary: 'In rare circumstances the Heads of Service escalate the case to the Safeguarding Partners for final resolution.',
      citation: doc('Stage Three', 'should escalate the case to the Safeguarding Partners for final resolution'),
    },
  ],
  obligations: [
    {
      id: 'stage-1-resolution', kind: 'stage', label: 'Resolve between the respective safeguarding leads / managers', who: 'Safeguarding leads / managers',
      anchor: { on: 'stage-entered', stages: ['stage-1'] }, meet: { by: 'stage-exit' }, limit: { value: 5, unit: 'working-days' }, strength: 'guidance',
      citation: doc('Stage One', 'a resolution sought within 5 working days'),
    },
    {
      id: 'stage-2-resolution', kind: 'stage', label: 'Resolve through the management tiers', who: 'Managers, up to the Head of Service',
      anchor: { on: 'stage-entered', stages: ['stage-2'] }, meet: { by: 'stage-exit' }, limit: { value: 5, unit: 'working-days' }, strength: 'guidance',
      citation: doc('Stage Two', 'As with stage one, this should take no longer than 5 working days'),
    },
    {
      id: 'stage-3-resolution', kind: 'stage', label: 'Final resolution by the Safeguarding Partners', who: 'Safeguarding Partnership Executives',
      anchor: { on: 'stage-entered', stages: ['stage-3'] }, meet: { by: 'stage-exit' }, limit: { value: 5, unit: 'working-days' }, strength: 'guidance',
      citation: doc('Appendix Two (Stage 3)', 'Within 5 Days'),
    },
    {
      id: 'notify-at-commencement', kind: 'notification', label: 'Notify the Partnership Manager that the stage has begun (SafeguardingUnit@barnsley.gov.uk, for the attention of the Partnership Manager)', who: 'Initiating safeguarding lead / manager', to: PM,
      anchor: { on: 'stage-entered', stages: ['stage-1', 'stage-2', 'stage-3'] }, meet: { by: 'record', kind: 'notification', to: PM }, limit: { value: 0, unit: 'working-days' }, strength: 'maximum',
      citation: doc('Formal stages', 'Stage 1, 2, 3 are all formal stages of the escalation process and as such a notification should be made to the Partnership Manager at commencement.'),
    },
    {
      id: 'progress-updates', kind: 'reminder', label: 'Update the Partnership Manager on progress', who: 'Initiating safeguarding lead / manager', to: PM,
      anchor: { on: 'stage-entered', stages: ['stage-1', 'stage-2', 'stage-3'], once: true }, meet: { by: 'record', kind: 'notification', to: PM },
      limit: { value: 5, unit: 'working-days' }, every: { value: 5, unit: 'working-days' }, strength: 'maximum',
      citation: doc('Formal stages', 'Thereafter the initiating safeguarding lead/manager should update him/her regarding progress made at each step of the process or every 5 working days.'),
    },
    {
      id: 'escalation-record', kind: 'record', label: 'Initiate the escalation record (Appendix 1) to record the discussion and outcomes, and update it throughout', who: 'Initiating safeguarding lead / manager',
      anchor: { on: 'stage-entered', stages: ['stage-1', 'stage-2', 'stage-3'], once: true }, meet: { by: 'record', kind: 'form', form: 'escalation-record' }, strength: 'guidance', survivesWithdrawal: true,
      citation: doc('Stage One', 'The escalation record in appendix 1 should be initiated to record the discussion and outcomes; this should be updated throughout the process.'),
    },
    {
      id: 'partnership-representative', kind: 'notification', label: 'Make the organisation’s representative on the Safeguarding Partnership aware (for Health, the Designated Nurse)', who: 'Lead / manager', to: 'partnership representative',
      anchor: { on: 'stage-entered', stages: ['stage-2'] }, meet: { by: 'record', kind: 'notification', to: 'partnership representative' }, strength: 'guidance',
      citation: doc('Stage Two', 'the organisations representative on the Safeguarding Partnership (and for Health the Designated Nurse) should be made aware of the escalation'),
    },
    {
      id: 'written-confirmation', kind: 'after-resolution', label: 'Confirm the agreed outcome, and how outstanding issues will be pursued, in writing to the counterpart on the escalation record', who: 'Receiving line manager', to: 'counterpart',
      anchor: { on: 'resolved', stages: ['stage-1', 'stage-2'] }, meet: { by: 'record', kind: 'written-confirmation' }, limit: { value: 5, unit: 'working-days' }, strength: 'maximum',
      citation: doc('Stage One', 'This must be documented, in writing to their counterpart, within a further 5 working days, using the escalation record (appendix 1).'),
    },
    {
      id: 'tell-the-raiser', kind: 'after-resolution', label: 'Make sure the worker who first raised the concern knows the resolution', who: 'Receiving line manager', to: 'worker who raised the concern',
      anchor: { on: 'resolved', stages: ['stage-1', 'stage-2'] }, meet: { by: 'record', kind: 'feedback' }, strength: 'guidance',
      citation: doc('Stage One', 'The manager must also ensure that the worker who first raised the initial concern is aware of the resolution'),
    },
    {
      id: 'record-to-partnership-manager', kind: 'after-resolution', label: 'Send the escalation record to the Partnership Manager at the conclusion, for the tracker', who: 'Initiating safeguarding lead / manager', to: PM,
      anchor: { on: 'resolved', stages: ['stage-1', 'stage-2', 'stage-3'] }, meet: { by: 'record', kind: 'form', form: 'escalation-record', to: PM }, strength: 'guidance',
      citation: doc('Formal stages', 'the escalation record should be used to record each stage and should be sent to the Partnership Manager at conclusion of the process, for embedding in the tracker'),
    },
    {
      id: 'inform-all-of-conclusion', kind: 'after-resolution', label: 'Inform all involved of the conclusion reached', who: 'Partnership Manager', to: 'all involved',
      anchor: { on: 'resolved', stages: ['stage-3'] }, meet: { by: 'record', kind: 'feedback' }, strength: 'guidance',
      citation: doc('Stage Three', 'The Partnership Manager should inform all involved of the conclusion reached.'),
    },
  ],
  movement: [
    {
      id: 'significant-concerns', kind: 'expedite', from: ['stage-0', 'stage-1'], to: ['stage-3'], requires: 'significant-risk',
      quote: 'If there are significant concerns for the child’s well-being and safety at any stage of this process and there is potentially no resolution, then the case should be escalated directly to the safeguarding partners (stage 3).',
      citation: doc('Process – a staged approach'),
    },
    {
      id: 'straight-to-level-3', kind: 'start', to: ['stage-3'], requires: 'significant-risk',
      quote: 'if there are significant concerns for the safety and welfare of the child, they should be escalated straight to level 3',
      citation: doc('Formal stages'),
    },
  ],
  forms: [
    {
      id: 'escalation-record', title: 'Escalation record (Appendix 1, an online form)',
      when: 'Initiated at Stage One, updated throughout, used for the written confirmation of the outcome, and sent to the Partnership Manager at the conclusion',
      fields: [
        { name: 'The discussion', description: 'recorded at each stage' },
        { name: 'Outcomes', description: 'the agreed outcome and how outstanding issues will be pursued' },
        { name: 'Each stage', description: 'the escalation record should be used to record each stage' },
      ],
      citation: doc('Appendix One', 'Use the following link to access the online escalation form'),
    },
  ],
  routes: [
    {
      id: 'tracker', title: 'The Safeguarding Partnership Manager’s escalation tracker', kind: 'note',
      summary: 'The Partnership Manager records every formal escalation on the escalation tracker and updates it on resolution.',
      citation: doc('Stage One', 'The Safeguarding Partnership Manager will record this on the escalation tracker.'),
    },
    {
      id: 'learning', title: 'Learning to the PPWPD sub group', kind: 'hand-off',
      summary: 'Learning is extracted; perceived policy changes or training needs go to the Policy, Procedure and Workforce Practice and Development sub group of the Partnership.',
      citation: doc('Formal stages', 'any perceived policy changes or training would be escalated to the Policy, Procedure and Workforce Practice and Development (PPWPD) sub group of the Partnership'),
    },
    {
      id: 'do-not-delay', title: 'Do not delay when inaction increases the risk', kind: 'note',
      summary: 'There will be situations where it is not appropriate or safe to wait before proceeding to the next level.',
      citation: doc('Appendix Two', 'Do not delay if inaction will increase the risk to a child.'),
    },
  ],
  interpretations: [
    {
      issue: 'The prose says "the 5 working days referred to is for guidance only", but Appendix Two is headed "MAXIMUM TIMESCALES".',
      reading: 'The stage resolution timescales are guidance: they may be extended by agreement (an EXTEND event with a reason and who agreed), and still show as overdue until then.',
      reason: 'The prose addresses the 5 working days directly and explains when going beyond them is acceptable; the diagram’s heading is general.',
      citation: doc('Process – a staged approach; Appendix Two'),
    },
    {
      issue: 'The prose gives Stage Three no timescale; the Appendix Two diagram puts "Within 5 Days" above it.',
      reading: 'Stage Three has 5 working days, as guidance like the others.',
      reason: 'The diagram is part of the document and gives the same 5 days to each formal stage; "Days" is read as working days, as the prose counts them.',
      citation: doc('Appendix Two'),
    },
    {
      issue: 'Confirming the agreed outcome in writing "within a further 5 working days" (sometimes called the second part of stage one) follows resolution, not the stage.',
      reading: 'An obligation that outlives resolution: 5 working days from the resolution at Stage One or Two, a maximum ("must").',
      reason: '"A further 5 working days" follows "where an acceptable resolution is reached"; the guidance-only remark concerns the time to resolve.',
      citation: doc('Stage One'),
    },
    {
      issue: 'The route straight to Stage 3 is worded three ways: "significant concerns for the child’s well-being and safety ... and there is potentially no resolution", "significant concerns for the safety and welfare of the child", and "significant and urgent concerns".',
      reading: 'One rule: significant risk (or imminent risk) allows going straight to Stage 3, from the start or from any earlier stage.',
      reason: 'All three describe the same condition; the broadest wording is the safest for the child.',
      citation: doc('Process – a staged approach; Formal stages; Appendix Two'),
    },
    {
      issue: 'The professional-to-professional conversation comes before Stage One and is not numbered.',
      reading: 'It is stage 0, "as soon as possible", with no timescale; a Partnership Manager notification is owed only from Stage One.',
      reason: 'The text calls only Stages 1, 2 and 3 formal; the diagram labels the step "Best Practice", "As soon as possible".',
      citation: doc('Appendix Two'),
    },
    {
      issue: '"At each step of the process or every 5 working days" does not say which comes first.',
      reading: 'A recurring reminder every 5 working days from the first formal stage, restarted by every update the Partnership Manager receives, including each stage’s commencement notice.',
      reason: 'An update at a step satisfies the purpose of the 5-day update.',
      citation: doc('Formal stages'),
    },
    {
      issue: '"At commencement" gives the notice to the Partnership Manager no number of days.',
      reading: 'It is due the day the stage begins (0 working days).',
      reason: 'Commencement is a day; the notice is overdue after it.',
      citation: doc('Formal stages'),
    },
    {
      issue: 'The escalation record’s fields are in an online form that is not part of the text.',
      reading: 'Only what the text says it holds is listed: the discussion, the outcomes and each stage.',
      reason: 'Nothing else about the form is in the text.',
      citation: doc('Appendix One'),
    },
  ],
  machine: {
    initial: 'raised',
    states: {
      raised: { on: { START: [{ target: 'stage-3', guard: { type: 'movementAllowed', params: { rule: 'straight-to-level-3', to: 'stage-3' } } }, { target: 'stage-0' }] } },
      'stage-0': { on: { ESCALATE: 'stage-1', EXPEDITE: [toStage3('significant-concerns')], ...always } },
      'stage-1': { on: { ESCALATE: 'stage-2', EXPEDITE: [toStage3('significant-concerns')], ...always } },
      'stage-2': { on: { ESCALATE: 'stage-3', ...always } },
      'stage-3': { on: always },
      resolved: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  },
});
