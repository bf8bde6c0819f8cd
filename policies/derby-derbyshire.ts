// Derby and Derbyshire Safeguarding Children Partnership: Multi Agency Dispute Resolution and
// Escalation Policy, version 1 (November 2019, signed off December 2019). Every rule cites the text.
import { definePolicy } from '../src/policy/define.js';

const doc = (ref: string, quote?: string) => (quote ? { ref, quote } : { ref });
const always = { RESOLVE: 'resolved', WITHDRAW: 'withdrawn' } as const;
const expedite = (to: string) => ({ target: to, guard: { type: 'movementAllowed' as const, params: { rule: 'expedite-imminent', to } } });

export default definePolicy({
  id: 'derby-derbyshire',
  title: 'Multi Agency Dispute Resolution and Escalation Policy',
  partnership: 'Derby and Derbyshire Safeguarding Children Partnership',
  version: '1',
  source: { document: 'DDSCP Multi Agency Dispute Resolution and Escalation Policy', date: 'November 2019 (signed off December 2019; review November 2021)' },
  division: 'england-and-wales',
  stages: [
    {
      id: 'stage-1',
      number: 1,
      title: 'Discussion between frontline practitioners',
      participants: [
        { role: 'Practitioner with concerns', counterpart: 'Relevant practitioner in the other agency' },
        { role: 'Manager or designated safeguarding lead (advice to the practitioner with concerns)' },
      ],
      summary: 'The practitioner with concerns raises them verbally with the practitioner in the other agency; if unresolved they should meet before considering Stage 2.',
      citation: doc('Stage 1', 'the practitioner with concerns should raise the concerns with the relevant practitioner in the other agency verbally'),
    },
    {
      id: 'stage-2',
      number: 2,
      title: 'Discussion between front line operational manager or named / designated lead',
      participants: [{ role: 'Front line operational manager or named / designated lead (or equivalent)', counterpart: 'Front line operational manager or named / designated lead in the other agency' }],
      summary: 'The practitioners report to their managers or leads, who discuss the issues together and agree a way forward where the welfare of the child takes precedence.',
      citation: doc('Stage 2', 'it must be reported by them to their front line operational manager or named / designated leads or equivalent in each agency, who should together discuss the issues'),
    },
    {
      id: 'stage-3',
      number: 3,
      title: 'Escalation to Senior Management',
      participants: [{ role: 'Senior manager', counterpart: 'Equivalent lead in the partner agency' }],
      summary: 'The completed Escalation Template goes to the partner agency’s senior management to review and resolve.',
      citation: doc('Stage 3', 'this should be raised with respective senior managers, to review and resolve with equivalent lead'),
    },
    {
      id: 'stage-4',
      number: 4,
      title: 'Escalate to Derby and Derbyshire Safeguarding Children Partnership',
      participants: [{ role: 'Senior Manager / Service Director leading on the issue' }, { role: 'Partnership team', agency: 'DDSCP (ddscp@derby.gov.uk)' }],
      summary: 'Significant issues or themes for local practice are relayed to the Partnership; on case work the agency with statutory responsibility makes the final decision.',
      citation: doc('Stage 4', 'these should be relayed to the Derby and Derbyshire Safeguarding Children Partnership'),
    },
  ],
  obligations: [
    {
      id: 'stage-1-resolution', kind: 'stage', label: 'Resolve the difference between the practitioners', who: 'The practitioners',
      anchor: { on: 'stage-entered', stages: ['stage-1'] }, meet: { by: 'stage-exit' }, limit: { value: 2, unit: 'working-days' }, strength: 'maximum',
      citation: doc('Stage 1', 'Differences should be resolved within 2 working days.'),
    },
    {
      id: 'stage-2-resolution', kind: 'stage', label: 'Resolve between front line managers or designated leads', who: 'Front line operational managers or named / designated leads',
      anchor: { on: 'stage-entered', stages: ['stage-2'] }, meet: { by: 'stage-exit' }, limit: { value: 2, unit: 'working-days' }, strength: 'maximum',
      citation: doc('Stage 2', 'Resolution within 2 working days (unless there are imminent safeguarding concerns)'),
    },
    {
      id: 'stage-3-resolution', kind: 'stage', label: 'Senior managers review and resolve', who: 'Senior managers',
      anchor: { on: 'stage-entered', stages: ['stage-3'] }, meet: { by: 'stage-exit' }, limit: { value: 10, unit: 'working-days' }, strength: 'maximum',
      citation: doc('Stage 3', 'resolution within 10 working days from escalation to them'),
    },
    {
      id: 'record-discussions', kind: 'record', label: 'Record the discussions, with whom, and the agreed actions and outcomes with dates, on the child’s case record', who: 'Every practitioner involved',
      anchor: { on: 'stage-entered', stages: ['stage-1', 'stage-2', 'stage-3', 'stage-4'] }, meet: { by: 'record', kind: ['discussion', 'meeting'] }, strength: 'guidance', survivesWithdrawal: true,
      citation: doc('4 The Process', 'Practitioners involved in this resolution process must keep an up to date record of all discussions they have and with whom'),
    },
    {
      id: 'template-at-stage-3', kind: 'record', label: 'Complete the DDSCP Escalation Template (presenting and underlying issues) and send it to the partner agency’s senior management', who: 'Front line operational managers or named / designated leads',
      anchor: { on: 'stage-entered', stages: ['stage-3'] }, meet: { by: 'record', kind: 'form', form: 'escalation-template', orBefore: true }, limit: { value: 0, unit: 'working-days' }, strength: 'maximum', survivesWithdrawal: true,
      citation: doc('Stage 2', 'must complete the DDSCP Escalation Template (see appendix 2) and identify the presenting and underlying issues'),
    },
    {
      id: 'template-update-stage-3', kind: 'record', label: 'Update / submit the Escalation Template', who: 'Senior managers',
      anchor: { on: 'stage-entered', stages: ['stage-3'] }, meet: { by: 'record', kind: 'form', form: 'escalation-template' }, strength: 'guidance', survivesWithdrawal: true,
      citation: doc('Stage 3', 'Senior Managers must update/submit DDSCP Escalation template'),
    },
    {
      id: 'template-to-partnership', kind: 'record', label: 'Update the Escalation Template and share it with the Partnership team', who: 'Senior Manager / Service Director leading on the issue', to: 'partnership team',
      anchor: { on: 'stage-entered', stages: ['stage-4'] }, meet: { by: 'record', kind: 'form', form: 'escalation-template', to: 'partnership team' }, strength: 'guidance', survivesWithdrawal: true,
      citation: doc('Stage 4', 'should ensure the Escalation Template is updated and shared with the Partnership team'),
    },
    {
      id: 'feedback-after-stage-2', kind: 'record', label: 'Give feedback to all frontline parties', who: 'Front line operational managers or named / designated leads', to: 'frontline parties',
      anchor: { on: 'stage-entered', stages: ['stage-3'] }, meet: { by: 'record', kind: 'feedback' }, strength: 'guidance',
      citation: doc('Stage 2', 'It is expected that they will provide feedback to all frontline parties'),
    },
    {
      id: 'feedback-at-conclusion', kind: 'after-resolution', label: 'Give feedback on the outcome to all parties involved in the process within each organisation', who: 'Senior managers / Service Director',
      anchor: { on: 'resolved', stages: ['stage-3', 'stage-4'] }, meet: { by: 'record', kind: 'feedback' }, strength: 'guidance',
      citation: doc('Stage 3', 'Senior Managers will provide feedback to all parties involved in the process in their organisation'),
    },
  ],
  movement: [
    {
      id: 'expedite-imminent', kind: 'expedite', from: ['stage-1', 'stage-2'], to: ['stage-3', 'stage-4'], requires: 'imminent-risk',
      quote: 'The pathway should be followed and only in circumstances where there are imminent concerns should any stage of this pathway be expedited',
      citation: doc('3 Key Principles'),
    },
  ],
  forms: [
    {
      id: 'escalation-template', title: 'Escalation & dispute Resolution Template (Appendix 2)',
      when: 'When concerns are escalated to stage 3 and 4: completed by the Stage 2 managers, updated by senior managers at Stage 3 and shared with the Partnership team at Stage 4',
      fields: [
        { name: 'Pin No.', description: 'The case-management reference (e.g. Mosaic, Liquid Logic)' },
        { name: 'Name of unborn / child / children' },
        { name: 'Date of birth' },
        { name: 'Department and name / position of practitioner escalating' },
        { name: 'Agency with which there is a concern, and name / position of practitioner' },
        { name: 'Escalated to (name and position)' },
        { name: 'Stage 3 or 4' },
        { name: 'Date of escalation' },
        { name: 'Escalated to within partner agency (name and position)' },
        { name: 'Date of escalation (partner agency)' },
        { name: 'Brief description of nature of concern' },
        { name: 'Outcomes sought' },
        { name: 'Update from each stage of escalation' },
        { name: 'Name of referrer' },
        { name: 'Agency / department' },
        { name: 'Telephone number' },
        { name: 'Email' },
        { name: 'Signature' },
        { name: 'Date' },
      ],
      citation: doc('Appendix 2', '(To be used when concerns are escalated to stage 3 and 4)'),
    },
  ],
  routes: [
    {
      id: 'conference-dissent', title: 'Dissent from a Child Protection Conference', kind: 'separate-route',
      summary: 'Disputes about dissent from child protection conferences follow the local Derby City or Derbyshire Child Protection Conference Professional Dissent Process, not this policy.',
      citation: doc('Introduction', 'If the dispute relates to dissent from Child Protection conferences, the local Derby City or Derbyshire Dissent process should be followed'),
    },
    {
      id: 'statutory-final-decision', title: 'Final decision by the agency with statutory responsibility', kind: 'note',
      summary: 'Where case work is the statutory responsibility of one agency (for example a social care single assessment), that agency makes the final decision after stages 1 to 3.',
      citation: doc('Stage 4', 'after following stages 1-3 of the escalation policy, the responsible agency will make a final decision'),
    },
    {
      id: 'partnership-themes', title: 'Themes for local safeguarding practice', kind: 'hand-off',
      summary: 'Significant issues or themes are relayed to the Partnership (ddscp@derby.gov.uk) to consider the response and address policy and practice issues.',
      citation: doc('Stage 4', 'to consider the most appropriate response and identify/address any policy and practice issues'),
    },
  ],
  interpretations: [
    {
      issue: 'Each stage heading says its timescale applies "unless there is an imminent safeguarding concern", without saying what applies instead.',
      reading: 'The timescales keep running as outer limits when the child is at imminent risk, and the expedite rule applies: with an imminent concern a stage may be skipped at once.',
      reason: 'The exception exists so that imminent concerns are not held back by the ladder (section 3 allows expediting for them). Nothing in the text lets an imminent concern take longer than an ordinary one, so dropping the limit would only hide lateness.',
      citation: doc('Stages 1 to 3 headings'),
    },
    {
      issue: 'Stages 1 and 2 do not say what their 2 working days count from.',
      reading: 'From the day the stage began: the raising of the concern for Stage 1, the report to the managers for Stage 2.',
      reason: 'Stage 3 counts "from escalation to them"; the same reading for the earlier stages is the natural one, and Stage 2 begins when the 2-day timescale of Stage 1 is exhausted.',
      citation: doc('Stages 1 and 2'),
    },
    {
      issue: 'The Escalation Template must be completed when Stage 2 fails and sent to senior management, but no number of days is given.',
      reading: 'It is due on the day the escalation reaches Stage 3 (0 working days).',
      reason: 'Sending the completed template is how the matter reaches senior management; if it is missing the library reports it as overdue from that day, and never holds the escalation back for it.',
      citation: doc('Stage 2'),
    },
    {
      issue: 'Stage 3 is reached "in cases where significant concerns remain". The policy does not say whether a lesser disagreement may go to Stage 3.',
      reading: 'Escalation to the next stage is never refused; the condition is left to the practitioners’ judgement and shown in the docs.',
      reason: 'Refusing an escalation would put process before the child’s safety.',
      citation: doc('Stage 3', 'In cases where significant concerns remain'),
    },
    {
      issue: 'Stage 4 both relays themes to the Partnership and says the statutory agency makes the final decision after stages 1 to 3.',
      reading: 'Stage 4 is the top rung (the Partnership team and the lead Senior Manager / Service Director); the statutory agency’s final decision is recorded as a note and can close the escalation from Stage 3 or 4.',
      reason: 'The text gives Stage 4 a heading, participants and a mailbox of its own; the final-decision rule is a statement about authority, not a further stage.',
      citation: doc('Stage 4'),
    },
  ],
  machine: {
    initial: 'raised',
    states: {
      raised: { on: { START: 'stage-1' } },
      'stage-1': { on: { ESCALATE: 'stage-2', EXPEDITE: [expedite('stage-3'), expedite('stage-4')], ...always } },
      'stage-2': { on: { ESCALATE: 'stage-3', EXPEDITE: [expedite('stage-4')], ...always } },
      'stage-3': {
        on: {
          ESCALATE: { target: 'stage-4', actions: [{ type: 'handOff', params: { route: 'partnership-themes', to: 'DDSCP Partnership team (ddscp@derby.gov.uk)' } }] },
          ...always,
        },
      },
      'stage-4': { on: always },
      resolved: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  },
});
