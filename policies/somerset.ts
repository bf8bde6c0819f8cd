// Somerset Local Safeguarding Children Board: Escalation Policy, resolution of professional
// disagreements in work relating to the safety of children (ratified July 2009, reviewed May 2012 and
// March 2013). The text numbers its sections, not its stages, and gives no timescales: none are
// invented here.
import { definePolicy } from '../src/policy/define.js';

const doc = (ref: string, quote?: string) => (quote ? { ref, quote } : { ref });
const always = { RESOLVE: 'resolved', WITHDRAW: 'withdrawn' } as const;

export default definePolicy({
  id: 'somerset',
  title: 'Escalation Policy: resolution of professional disagreements in work relating to the safety of children',
  partnership: 'Somerset Local Safeguarding Children Board',
  version: 'March 2013 review',
  source: { document: 'Somerset LSCB Escalation Policy', date: 'Ratified July 2009; reviewed May 2012 and March 2013' },
  division: 'england-and-wales',
  stages: [
    {
      id: 'stage-1', number: 1, title: 'Between the people who disagree',
      participants: [{ role: 'Worker who disagrees', counterpart: 'Worker in the other agency' }, { role: 'Third party (consulted where status or experience differs)' }],
      summary: 'Initial attempts to resolve the problem, normally between the people who disagree.',
      citation: doc('2.1', 'This should normally be between the people who disagree, unless the child is at immediate risk.'),
    },
    {
      id: 'stage-2', number: 2, title: 'Line manager with their opposite number',
      participants: [
        { role: 'Social Worker', counterpart: 'Team Leader' },
        { role: 'Health Visitor', counterpart: 'Locality Safeguarding Children Nurse and the Locality Lead for the HV’s geographical area' },
        { role: 'Midwife', counterpart: 'Supervisor of Midwives and Named Midwife and / or Named Nurse Safeguarding Children Acute Trust' },
        { role: 'GP', counterpart: 'Clinical Commissioning Group Named Doctor and / or Designated Nurse / Doctor Safeguarding Children' },
        { role: 'Paediatric Staff', counterpart: 'Sister and / or Named Nurse Safeguarding Children for Acute Trust' },
        { role: 'Hospital Doctor', counterpart: 'Named Doctor and / or Named Nurse Safeguarding Children Acute Trust' },
        { role: 'Community Mental Health Team', counterpart: 'Named Professional Mental Health Trust' },
        { role: 'Teacher', counterpart: 'School’s Designated Child Protection lead; Headteacher' },
      ],
      summary: 'The worker’s own line manager discusses with their opposite number in the other agency; advice may be sought from the Designated or Named Professional.',
      citation: doc('2.3', 'the problem should be referred to the worker’s own line manager, who will discuss with their opposite number in the other agency'),
    },
    {
      id: 'stage-3', number: 3, title: 'Up the line',
      participants: [{ role: 'Line manager’s own managers, in each agency' }],
      summary: 'If the problem remains unresolved, the line manager refers it up the line.',
      citation: doc('2.5', 'If the problem remains unresolved, the line manager will refer ‘up the line’ (see flowchart).'),
    },
    {
      id: 'stage-4', number: 4, title: 'LSCB representative for each agency',
      participants: [{ role: 'LSCB representative', agency: 'each agency involved' }],
      citation: doc('3.1', 'the matter must be referred to the LSCB representative for each agency involved'),
    },
    {
      id: 'stage-5', number: 5, title: 'Safeguarding Children Board Coordinator',
      participants: [{ role: 'Safeguarding Children Board Coordinator' }, { role: 'LSCB Chair (where the Coordinator reports to them)' }],
      summary: 'The Coordinator determines a course of action, including reporting to the LSCB Chair.',
      citation: doc('3.2', 'it should be referred to the Safeguarding Children Board Coordinator who will determine a course of action including reporting to the LSCB Chair'),
    },
  ],
  obligations: [
    {
      id: 'record-at-every-stage', kind: 'record', label: 'Keep a clear record: actions and decisions in writing, shared with relevant personnel', who: 'All parties',
      anchor: { on: 'stage-entered', stages: ['stage-1', 'stage-2', 'stage-3', 'stage-4', 'stage-5'] }, meet: { by: 'record', kind: ['discussion', 'meeting', 'decision'] }, strength: 'guidance', survivesWithdrawal: true,
      citation: doc('2.6', 'A clear record should be kept at all stages, by all parties.'),
    },
    {
      id: 'written-confirmation', kind: 'after-resolution', label: 'Confirm in writing between the parties the agreed outcome and how outstanding issues will be pursued', who: 'The parties',
      anchor: { on: 'resolved' }, meet: { by: 'record', kind: 'written-confirmation' }, strength: 'guidance',
      citation: doc('2.6', 'this must include written confirmation between the parties about an agreed outcome of the disagreement and how any outstanding issues will be pursued'),
    },
    {
      id: 'refer-general-issues', kind: 'after-resolution', label: 'Identify any general issues and refer them to the agency’s LSCB representative for the relevant subgroup', who: 'The agencies involved', to: 'LSCB representative',
      anchor: { on: 'resolved' }, meet: { by: 'record', kind: 'learning' }, strength: 'guidance',
      citation: doc('4.2', 'When the issue is resolved, any general issues should be identified and referred to the agency’s representative on the LSCB'),
    },
  ],
  movement: [
    {
      id: 'bypass-immediate-risk', kind: 'start', to: ['stage-2', 'stage-3', 'stage-4', 'stage-5'], requires: 'imminent-risk',
      quote: 'Initial attempts should be taken to resolve the problem. This should normally be between the people who disagree, unless the child is at immediate risk.',
      citation: doc('2.1'),
    },
    {
      id: 'bypass-immediate-risk-later', kind: 'expedite', from: ['stage-1'], to: ['stage-3', 'stage-4', 'stage-5'], requires: 'imminent-risk',
      quote: 'unless the child is at immediate risk',
      citation: doc('2.1'),
    },
  ],
  routes: [
    {
      id: 'debrief', title: 'Debrief', kind: 'note',
      summary: 'It may be useful for individuals to debrief after some disputes, to promote continuing good working relationships.',
      citation: doc('4.1', 'It may be useful for individuals to debrief following some disputes'),
    },
    {
      id: 'learning', title: 'Learning through the LSCB subgroup', kind: 'note',
      summary: 'General issues go to the agency’s LSCB representative for the relevant subgroup, to inform future learning.',
      citation: doc('4.2'),
    },
    {
      id: 'management-review', title: 'Management review or significant events audit', kind: 'separate-route',
      summary: 'Where differences could not be resolved or there are lessons for future practice, consider a management review or significant events audit, possibly under the Serious Case Review Procedures.',
      citation: doc('4.3', 'consideration should be given to holding a management review or significant events audit'),
    },
    {
      id: 'significant-harm', title: 'A worker who believes the child remains at risk of significant harm', kind: 'note',
      summary: 'That worker or agency is responsible for communicating the concern through agreed channels.',
      citation: doc('1.6', 'This person/agency has responsibility for communicating such concerns through agreed channels.'),
    },
  ],
  interpretations: [
    {
      issue: 'The text numbers its sections, not its stages, and its flowchart did not survive.',
      reading: 'Five stages, numbered in the order the text gives them: the people who disagree (2.1), line managers (2.3), up the line (2.5), the LSCB representatives (3.1), the Board Coordinator (3.2).',
      reason: 'Stage ids must be numbered; these are the steps the text describes, in its order, and the numbering is this definition’s, not the policy’s.',
    },
    {
      issue: 'No timescale is given for any step; the text asks only for resolution "in a constructive and timely fashion".',
      reading: 'No stage has a deadline. Each stage shows a required action without a date.',
      reason: 'Inventing a number would put words in the policy’s mouth.',
      citation: doc('1.2', 'Professional disagreement is only dysfunctional if not resolved in a constructive and timely fashion.'),
    },
    {
      issue: '"Unless the child is at immediate risk" says the first conversation is bypassed, but not where the matter goes instead.',
      reading: 'With immediate risk the escalation may start at, or jump to, any later stage; "immediate" is read as imminent risk.',
      reason: 'The text excuses the first step only; it names no destination, so every later stage is open and the practitioner chooses.',
      citation: doc('2.1'),
    },
    {
      issue: 'Written confirmation of the agreed outcome has no deadline.',
      reading: 'It is owed after resolution, without a date, and stays a required action until recorded.',
      reason: 'The text says "must" but gives no number.',
      citation: doc('2.6'),
    },
  ],
  machine: {
    initial: 'raised',
    states: {
      raised: {
        on: {
          START: [
            { target: 'stage-2', guard: { type: 'movementAllowed', params: { rule: 'bypass-immediate-risk', to: 'stage-2' } } },
            { target: 'stage-3', guard: { type: 'movementAllowed', params: { rule: 'bypass-immediate-risk', to: 'stage-3' } } },
            { target: 'stage-4', guard: { type: 'movementAllowed', params: { rule: 'bypass-immediate-risk', to: 'stage-4' } } },
            { target: 'stage-5', guard: { type: 'movementAllowed', params: { rule: 'bypass-immediate-risk', to: 'stage-5' } } },
            { target: 'stage-1' },
          ],
        },
      },
      'stage-1': {
        on: {
          ESCALATE: 'stage-2',
          EXPEDITE: ['stage-3', 'stage-4', 'stage-5'].map((to) => ({ target: to, guard: { type: 'movementAllowed' as const, params: { rule: 'bypass-immediate-risk-later', to } } })),
          ...always,
        },
      },
      'stage-2': { on: { ESCALATE: 'stage-3', ...always } },
      'stage-3': { on: { ESCALATE: 'stage-4', ...always } },
      'stage-4': { on: { ESCALATE: 'stage-5', ...always } },
      'stage-5': { on: always },
      resolved: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  },
});
