// Suffolk Safeguarding Partnership: Multi-Agency Escalation Process, version 8 (July 2024), for
// children and adults. Every rule cites the text.
import { definePolicy } from '../src/policy/define.js';

const doc = (ref: string, quote?: string) => (quote ? { ref, quote } : { ref });
const always = { RESOLVE: 'resolved', WITHDRAW: 'withdrawn' } as const;
const skip = (rule: string, to: string) => ({ target: to, guard: { type: 'movementAllowed' as const, params: { rule, to } } });
const laterThan = (n: number) => [2, 3, 4, 5].filter((m) => m > n + 1).map((m) => `stage-${m}`);
const reached = (from: number) => [2, 3, 4, 5].filter((m) => m >= from).map((m) => `stage-${m}` as `stage-${number}`);

export default definePolicy({
  id: 'suffolk',
  title: 'Multi-Agency Escalation Process',
  partnership: 'Suffolk Safeguarding Partnership',
  version: '8',
  source: { document: 'Process for the Resolution of Professional Disagreements Relating to the Safeguarding and Protection of Children and Adults', date: 'July 2024' },
  division: 'england-and-wales',
  stages: [
    {
      id: 'stage-1', number: 1, title: 'Relevant professionals meet and discuss',
      participants: [{ role: 'Professional raising the concern', counterpart: 'Relevant professional in the other agency' }],
      summary: 'The professionals discuss by phone, email or in a meeting, aiming for a shared understanding and agreed action.',
      citation: doc('Stage 1', 'Relevant professionals meet and discuss with the aim of reaching a shared understanding and agree necessary action.'),
    },
    {
      id: 'stage-2', number: 2, title: 'Discuss with manager and/or named or designated safeguarding lead',
      participants: [{ role: 'Professional who still has concerns' }, { role: 'Their manager and/or named / designated safeguarding lead' }],
      summary: 'Where someone still fears significant harm, or that a policy decision or strategy is seriously unsound, they take it to their manager or safeguarding lead.',
      citation: doc('Stage 2', 'they should discuss this with their manager and/or named/designated safeguarding lead'),
    },
    {
      id: 'stage-3', number: 3, title: 'Escalation of concerns',
      participants: [{ role: 'Manager / named or designated safeguarding lead', counterpart: 'Equivalent colleague in the other agency or agencies' }],
      summary: 'The manager or safeguarding lead checks all steps were followed and liaises with the equivalent colleague in the other agency to resolve outstanding concerns.',
      citation: doc('Stage 3', 'should liaise with the equivalent colleague in the other agency or agencies involved to resolve outstanding concerns'),
    },
    {
      id: 'stage-4', number: 4, title: 'Head of Safeguarding, then management in each agency',
      participants: [{ role: 'Manager / named or designated safeguarding lead' }, { role: 'Head of Safeguarding' }, { role: 'Appropriate level of management', agency: 'each agency' }],
      summary: 'The lead contacts the Head of Safeguarding and decides whether a case conference, review or round table meeting is needed; if still unresolved, management in each agency liaise and meet.',
      citation: doc('Stage 4', 'should contact the Head of Safeguarding to discuss the concerns, and decide whether a case conference, review or round table meeting should be convened'),
    },
    {
      id: 'stage-5', number: 5, title: 'The Scrutineer of the Suffolk Safeguarding Partnership',
      participants: [
        { role: 'Manager / named or designated safeguarding lead for child protection' },
        { role: 'Agency representative for the Partnership' },
        { role: 'Independent Scrutineer', agency: 'Suffolk Safeguarding Partnership' },
      ],
      summary: 'Having exhausted all other possibilities, the matter is raised with the Scrutineer, through the agency representative for the Partnership.',
      citation: doc('Stage 5', 'should raise the matter with the Scrutineer of the Suffolk Safeguarding Partnership. This should be done via the agency representative for the Partnership.'),
    },
  ],
  obligations: [
    {
      id: 'stage-1-discussion', kind: 'stage', label: 'Discuss the concerns by phone, email or in a meeting', who: 'Relevant professionals',
      anchor: { on: 'stage-entered', stages: ['stage-1'] }, meet: { by: 'record', kind: ['discussion', 'meeting'] }, limit: { value: 3, unit: 'working-days' }, strength: 'maximum',
      citation: doc('Stage 1', 'Concerns should be discussed either by phone, email or in a meeting within maximum 3 working days from the day the concerns were raised.'),
    },
    {
      id: 'stage-2-manager', kind: 'stage', label: 'If concerns remain, discuss with a manager and/or named or designated safeguarding lead', who: 'The professional who still has concerns',
      anchor: { on: 'record', kind: ['discussion', 'meeting'], stages: ['stage-1'] }, meet: { by: 'stage-reached', stages: reached(2), orResolution: true }, limit: { value: 1, unit: 'working-days' }, strength: 'maximum',
      citation: doc('Stage 2', 'preferably on the same day as the Stage 1 discussion or meeting and no longer than one working day later'),
    },
    {
      id: 'stage-3-liaison', kind: 'stage', label: 'Liaise with the equivalent colleague in the other agency', who: 'Manager / named or designated safeguarding lead',
      anchor: { on: 'stage-entered', stages: ['stage-2'] }, meet: { by: 'stage-reached', stages: reached(3), orResolution: true }, limit: { value: 1, unit: 'working-days' }, strength: 'maximum',
      citation: doc('Stage 3', 'This should happen within the same timescale as Stage 2.'),
    },
    {
      id: 'stage-4-head-of-safeguarding', kind: 'stage', label: 'Contact the Head of Safeguarding', who: 'Manager / named or designated safeguarding lead',
      anchor: { on: 'stage-entered', stages: ['stage-3'] }, meet: { by: 'stage-reached', stages: reached(4), orResolution: true }, limit: { value: 3, unit: 'working-days' }, strength: 'maximum',
      citation: doc('Stage 4', 'This should happen no longer than three working days of Stage 3'),
    },
    {
      id: 'stage-5-cap', kind: 'cap', label: 'Any Stage 5 escalation within 5 working days of the day of Stage 1', who: 'Manager / named or designated safeguarding lead',
      anchor: { on: 'raised' }, meet: { by: 'stage-reached', stages: ['stage-5'], orResolution: true }, limit: { value: 5, unit: 'working-days' }, strength: 'maximum',
      citation: doc('Stage 5', 'All Stage 5 escalations should be done within a maximum 5 working days from the day of Stage 1.'),
    },
    {
      id: 'stage-5-via-representative', kind: 'notification', label: 'Raise the matter with the Scrutineer through the agency representative for the Partnership', who: 'Manager / named or designated safeguarding lead', to: 'independent scrutineer',
      anchor: { on: 'stage-entered', stages: ['stage-5'] }, meet: { by: 'record', kind: 'notification', to: 'independent scrutineer' }, limit: { value: 0, unit: 'working-days' }, strength: 'maximum',
      citation: doc('Stage 5', 'This should be done via the agency representative for the Partnership.'),
    },
    {
      id: 'stage-5-response', kind: 'response', label: 'Respond to the Stage 5 escalation', who: 'Independent Scrutineer',
      anchor: { on: 'stage-entered', stages: ['stage-5'] }, meet: { by: 'record', kind: 'response' }, limit: { value: 2, unit: 'working-days' }, strength: 'maximum',
      citation: doc('Stage 5', 'All Stage 5 Escalations should be responded to within maximum 2 working days.'),
    },
    {
      id: 'escalation-record-form', kind: 'record', label: 'Complete the Escalation Record Form (Appendix 1)', who: 'Manager / named or designated safeguarding lead',
      anchor: { on: 'stage-entered', stages: ['stage-3', 'stage-4', 'stage-5'], once: true }, meet: { by: 'record', kind: 'form', form: 'escalation-record-form', orBefore: true }, limit: { value: 0, unit: 'working-days' }, strength: 'maximum', survivesWithdrawal: true,
      citation: doc('Resolving the Difference of Opinion', 'the Escalation Record Form in Appendix 1 should be completed by Stage 3 of the Resolution Process'),
    },
    {
      id: 'case-records', kind: 'record', label: 'Record in the child’s and/or family’s case records the action taken to escalate, agreed actions and timescales', who: 'The professionals at each stage',
      anchor: { on: 'stage-entered', stages: ['stage-1', 'stage-2', 'stage-3', 'stage-4', 'stage-5'] }, meet: { by: 'record', kind: ['discussion', 'meeting', 'decision', 'response'] }, strength: 'guidance', survivesWithdrawal: true,
      citation: doc('Stage 5', 'At each stage professionals must ensure that appropriate records are made in the child’s and/or family’s case records.'),
    },
  ],
  movement: [
    {
      id: 'flexible-stages', kind: 'skip', to: ['stage-3', 'stage-4', 'stage-5'], requires: 'none',
      quote: 'These stages are not fixed and should be viewed flexibly. They do not need to be followed sequentially in every situation. You could go straight to the final stage or miss out a few stages',
      citation: doc('Resolving the Difference of Opinion'),
    },
    {
      id: 'start-at-any-stage', kind: 'start', to: ['stage-2', 'stage-3', 'stage-4', 'stage-5'], requires: 'none',
      quote: 'You could go straight to the final stage or miss out a few stages, so the staged process is a guideline not a requirement.',
      citation: doc('Resolving the Difference of Opinion'),
    },
  ],
  forms: [
    {
      id: 'escalation-record-form', title: 'Professional Difference Escalation Proforma (Appendix 1)',
      when: 'Completed by Stage 3 when concerns remain after Stages 1 and 2',
      fields: [
        { name: 'Child / family / adult’s name' },
        { name: 'Date of birth' },
        { name: 'Address' },
        { name: 'Agency initiating escalation' },
        { name: 'Date of initial escalation' },
        { name: 'Stage of escalation', description: 'Stage 1 to Stage 6 on the form (see interpretations)' },
        { name: 'Nature of professional difference', description: 'Referral decision; need for or outcome of an assessment; implementation of plan (e.g. agreed actions not followed through); effectiveness of plan (e.g. drift / delay); information sharing; child protection case conference decision; other (please state)' },
        { name: 'Details of the professional difference and outcome sought' },
        { name: 'Outcome of escalation' },
        { name: 'Actions to be taken, by whom, completion date' },
        { name: 'Additional comments (including any learning identified)' },
        { name: 'Signature and date' },
        { name: 'Job title / role' },
      ],
      citation: doc('Appendix 1', 'Suffolk Safeguarding Partnership Professional Difference Escalation Proforma'),
    },
  ],
  routes: [
    {
      id: 'urgent-protective-action', title: 'Urgent protective action', kind: 'hand-off',
      summary: 'A situation so serious that it requires urgent protective action is not held to the staged process.',
      citation: doc('Resolving the Difference of Opinion', 'unless the situation is so serious that it requires urgent protective action'),
    },
    {
      id: 'mash-referral', title: 'Disagreement with a MASH contact or referral outcome', kind: 'separate-route',
      summary: 'Referrers without feedback, or unhappy with the outcome, email cypmash@suffolk.gov.uk; if still unhappy, mark it for the Practice Manager’s attention; complaints go to Suffolk County Council Customer Complaints.',
      citation: doc('Disagreement with MASH Contact/Referral Outcome', 'If referrers remain unhappy with the response, use the e mail address above and mark it for the attention of the Practice Manager who will review it.'),
    },
    {
      id: 'conference-chair', title: 'Disagreements at Child Protection Conferences', kind: 'note',
      summary: 'Chairs seek consensus and follow the staged process, but the Conference Chair ultimately has the authority to override all views.',
      citation: doc('Disagreements at Child Protection Conferences', 'the Conference Chair ultimately has the authority to override all views'),
    },
    {
      id: 'stop-and-review', title: 'Stop and Review', kind: 'separate-route',
      summary: 'For a case that is stuck, or without agreement on the way forward: reflection before the formal resolution process. For child protection plans, a request to the Conference Chair; unresolved matters go to the Heads of Service, then possibly the Learning and Improvement Group.',
      citation: doc('Stop and Review Process', 'should be used prior to putting in place the formal resolution process'),
    },
    {
      id: 'whistleblowing', title: 'Whistleblowing or raising concerns at work', kind: 'separate-route',
      summary: 'Workers follow their employer’s whistleblowing policy; where the concern is more serious, unaddressed, or a matter for the Partnership, they raise it with the Independent Scrutineer as at Stage 5.',
      citation: doc('Whistleblowing or Raising Concerns at Work', 'they should follow the process outlined in the staged resolution process at Stage 5 and 6'),
    },
    {
      id: 'tracker', title: 'Tracker and annual analysis', kind: 'note',
      summary: 'The Business Manager keeps a tracker of escalations and includes an annual analysis in the Partnership’s Annual Report.',
      citation: doc('Stage 5', 'The Safeguarding Partnership Business Manager will maintain a tracker of the escalations'),
    },
  ],
  interpretations: [
    {
      issue: 'The process has five stages, but the proforma offers "Stage 6" and the whistleblowing section speaks of "Stage 5 and 6".',
      reading: 'Five stages. No Stage 6 is described anywhere; the sixth is read as a remnant of an earlier version, and a proforma marked Stage 6 is recorded as Stage 5.',
      reason: 'A stage with no participants, purpose or timescale cannot be followed; the staged process itself ends at the Scrutineer.',
      citation: doc('Appendix 1; Whistleblowing'),
    },
    {
      issue: 'The stage limits add up to more than the Stage 5 limit allows: 3 working days to the Stage 1 discussion, 1 to Stage 2, the same again to Stage 3 and 3 to Stage 4 make 8, but Stage 5 must be reached within 5 working days "from the day of Stage 1".',
      reading: 'The 5 working days run from the day the concerns were raised, and govern: the cap is its own deadline beside the stage limits, and it is the earlier of the two.',
      reason: 'Counting from the raising is the tighter reading and the safer for the child. Counted from the Stage 1 discussion instead, the limits (1 + 1 + 3) would fit exactly; both readings are set out here so the partnership can settle it.',
      citation: doc('Stages 1 to 5'),
    },
    {
      issue: 'Stage 3 "should happen within the same timescale as Stage 2", without saying from when.',
      reading: 'Within 1 working day of Stage 2 beginning.',
      reason: 'Stage 2’s timescale is "no longer than one working day" after the step before it; the same measure applied one step on.',
      citation: doc('Stage 3'),
    },
    {
      issue: 'Stage 2 applies "if ... someone still has concerns that a child or adult remains at risk of significant harm or that a policy decision or strategy is seriously unsound".',
      reading: 'The condition is guidance for the professional; escalation is never refused for want of it. The 1-working-day limit is met by reaching Stage 2 or by resolving the matter.',
      reason: 'Refusing an escalation would put process before the child’s safety.',
      citation: doc('Stage 2'),
    },
    {
      issue: 'The Escalation Record Form is to be "completed by Stage 3" with no number of days.',
      reading: 'It is due on the day the escalation reaches Stage 3 or any later stage first (0 working days); a form completed at Stage 2 counts.',
      reason: '"By Stage 3" is a point in the process, which this reading turns into the date that point is reached.',
      citation: doc('Resolving the Difference of Opinion'),
    },
    {
      issue: 'The process covers adults as well as children.',
      reading: 'One definition serves both; nothing in the stages differs between them.',
      reason: 'The text applies every stage to "a child or adult".',
    },
  ],
  machine: {
    initial: 'raised',
    states: {
      raised: { on: { START: [...['stage-2', 'stage-3', 'stage-4', 'stage-5'].map((to) => skip('start-at-any-stage', to)), { target: 'stage-1' }] } },
      'stage-1': { on: { ESCALATE: 'stage-2', EXPEDITE: laterThan(1).map((to) => skip('flexible-stages', to)), ...always } },
      'stage-2': { on: { ESCALATE: 'stage-3', EXPEDITE: laterThan(2).map((to) => skip('flexible-stages', to)), ...always } },
      'stage-3': { on: { ESCALATE: 'stage-4', EXPEDITE: laterThan(3).map((to) => skip('flexible-stages', to)), ...always } },
      'stage-4': { on: { ESCALATE: 'stage-5', ...always } },
      'stage-5': { on: always },
      resolved: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  },
});
