// Devon Children and Families Partnership: Case Resolution Protocol and Escalation Procedures (web
// page, undated). The text gives no number of days for any stage: none are invented here.
import { definePolicy } from '../src/policy/define.js';

const doc = (ref: string, quote?: string) => (quote ? { ref, quote } : { ref });
const always = { RESOLVE: 'resolved', WITHDRAW: 'withdrawn' } as const;
const startAt = (to: string) => ({ target: to, guard: { type: 'movementAllowed' as const, params: { rule: 'start-by-risk', to } } });

export default definePolicy({
  id: 'devon',
  title: 'Case Resolution Protocol and Escalation Procedures',
  partnership: 'Devon Children and Families Partnership',
  version: 'web page (undated)',
  source: { document: 'DCFP Case Resolution Protocol and Escalation Procedures' },
  division: 'england-and-wales',
  stages: [
    {
      id: 'stage-1', number: 1, title: 'Discuss with own manager or named lead',
      participants: [{ role: 'Professional', counterpart: 'Their manager / named lead for child protection in their own agency' }],
      summary: 'The professional clarifies their thinking with their own manager or named lead.',
      citation: doc('Stage 1', 'Professional discusses with their manager/named lead for child protection in his or her own agency to clarify their thinking.'),
    },
    {
      id: 'stage-2', number: 2, title: 'Between the two professionals',
      participants: [{ role: 'Professional raising the concern', counterpart: 'Professional in the other agency' }],
      citation: doc('Stage 2', 'this would usually be through discussion between the two professionals involved'),
    },
    {
      id: 'stage-3', number: 3, title: 'Manager to equivalent manager',
      participants: [{ role: 'Manager of the concerned worker', counterpart: 'Equivalent manager in the other agency' }],
      citation: doc('Stage 3', 'the concerned worker should contact their manager within their own agency, who will contact the equivalent manager in the other agency'),
    },
    {
      id: 'stage-4', number: 4, title: 'Operations managers or named designated safeguarding representatives',
      participants: [{ role: 'Operations manager or named designated safeguarding representative', agency: 'each agency (for MASH, the Area Manager)', counterpart: 'Their counterpart in the other agency' }],
      citation: doc('Stage 4', 'the manager reports to their respective operations manager or named designated safeguarding representative (for MASH, the Area Manager)'),
    },
    {
      id: 'stage-5', number: 5, title: 'Case Resolution form to the DCFP',
      participants: [{ role: 'Designated or named lead', agency: 'the concerned agency' }, { role: 'Practice Development Group', agency: 'DCFP' }],
      summary: 'The designated or named lead submits a Case Resolution form so the decision can be reviewed, possibly by a review panel.',
      citation: doc('Stage 5', 'the designated or named lead from the concerned agency will inform the DCFP by submitting a Case Resolution form in order that the decision can be reviewed, including the possibility of a review panel'),
    },
  ],
  obligations: [
    {
      id: 'record-at-every-stage', kind: 'record', label: 'Record actions and decisions in writing and share them with relevant personnel', who: 'Everyone involved',
      anchor: { on: 'stage-entered', stages: ['stage-1', 'stage-2', 'stage-3', 'stage-4', 'stage-5'] }, meet: { by: 'record', kind: ['discussion', 'meeting', 'decision'] }, strength: 'guidance', survivesWithdrawal: true,
      citation: doc('Stages of resolution', 'At all stages actions/decisions must be recorded in writing and shared with relevant personnel.'),
    },
    {
      id: 'case-resolution-form', kind: 'record', label: 'Submit the Case Resolution form, with evidence of the efforts to resolve and the reasons for formal escalation', who: 'Designated or named lead of the concerned agency', to: 'DCFP',
      anchor: { on: 'stage-entered', stages: ['stage-5'] }, meet: { by: 'record', kind: 'form', form: 'case-resolution-form' }, strength: 'guidance', survivesWithdrawal: true,
      citation: doc('3.4', 'Evidence of efforts to resolve issues and reasons for a formal escalation to be provided to assist PDG in their efforts to support problem resolution.'),
    },
    {
      id: 'report-to-pdg', kind: 'notification', label: 'Report the unresolved escalation to the Practice Development Group', to: 'practice development group',
      anchor: { on: 'stage-entered', stages: ['stage-5'] }, meet: { by: 'record', kind: 'notification', to: 'practice development group' }, strength: 'guidance',
      citation: doc('2.6', 'This protocol requires that unresolved escalations are reported up to the PDG.'),
    },
    {
      id: 'log-with-pdg-chair', kind: 'notification', label: 'Log the concern with the chair of the DCFP Practice Development Group', to: 'chair of the practice development group',
      anchor: { on: 'raised' }, meet: { by: 'record', kind: 'notification', to: 'chair of the practice development group' }, strength: 'guidance',
      imminentRisk: { onlyThen: true, citation: doc('3.2') },
      citation: doc('3.2', 'some scenarios which raise matters of such potentially serious concern that they should be automatically logged with the chair of the DCFP PDG'),
    },
    {
      id: 'feedback-to-raiser', kind: 'record', label: 'Feed back to the professionals with the original concerns', who: 'Designated lead for Child Protection', to: 'professionals with original concerns',
      anchor: { on: 'stage-entered', stages: ['stage-5'] }, meet: { by: 'record', kind: 'feedback' }, strength: 'guidance',
      citation: doc('Stage 5', 'Designated lead for Child Protection feeds back to professionals with original concerns.'),
    },
  ],
  movement: [
    {
      id: 'start-by-risk', kind: 'start', to: ['stage-2', 'stage-3', 'stage-4', 'stage-5'], requires: 'immediate-harm',
      quote: 'if a child is thought to be at risk of immediate harm discretion should be used as to which stage is initiated',
      citation: doc('5. Conclusion'),
    },
  ],
  forms: [
    {
      id: 'case-resolution-form', title: 'Case Resolution form',
      when: 'When efforts to resolve directly between practitioners and their line managers have not achieved the child-centred outcome desired, or not in a timely way (Stage 5)',
      fields: [
        { name: 'Evidence of efforts to resolve the issues' },
        { name: 'Reasons for a formal escalation' },
      ],
      citation: doc('3.4', 'The form for raising disagreements is available here.'),
    },
  ],
  routes: [
    {
      id: 'mediation', title: 'Mediation for ‘stuck’ cases', kind: 'separate-route',
      summary: 'Where the professional network is stuck (severe risk, no clear way forward), managers liaise to find a mediated resolution; the PDG is informed and offers a mediator. No one from the PDG, including the chair, can be a case decision-maker.',
      citation: doc('3.3.3 to 3.3.4', 'The PDG should be informed and will offer a relevant mediator to bring the agencies together'),
    },
    {
      id: 'pdg-deep-dive', title: 'Deep dive by the PDG chair', kind: 'note',
      summary: 'For the most serious concerns logged with the PDG chair, the chair decides whether the issues need a broader deep dive and investigation beyond the case.',
      citation: doc('3.2', 'They will make a decision about whether the issues require a broader deep dive and investigation'),
    },
    {
      id: 'decisions-stay-with-agencies', title: 'Case decisions stay with the statutory agencies', kind: 'note',
      summary: 'Case decisions rest with the agencies concerned and those who hold the statutory role; they cannot be overturned outside a legal process.',
      citation: doc('3.3.4', 'That responsibility sits with the agencies concerned and those who hold the statutory role'),
    },
    {
      id: 'conference-differences', title: 'Differences at child protection conferences and children in care reviews', kind: 'note',
      summary: 'The Independent Reviewing Unit reports inter-agency differences seen in conferences and reviews to the PDG.',
      citation: doc('2.8'),
    },
    {
      id: 'pdg-standing-item', title: 'Oversight by the Practice Development Group', kind: 'note',
      summary: 'A report on case disagreements, escalations and policy challenges is a standing item at every PDG meeting; a lack of escalations may show a lack of challenge. The protocol is reviewed annually with a report to the Partnership Executive Group.',
      citation: doc('2.7 and 5', 'The lack of escalations being reported could indicate a lack of appropriate challenge in the system.'),
    },
  ],
  interpretations: [
    {
      issue: 'No stage has a number of days; the text asks for "the shortest timescale possible".',
      reading: 'No stage has a deadline; each shows a required action without a date.',
      reason: 'Inventing a number would put words in the policy’s mouth.',
      citation: doc('5. Conclusion', 'Resolution should be sought within the shortest timescale possible to ensure the child is protected.'),
    },
    {
      issue: 'Stage 1 is a discussion inside the professional’s own agency and Stage 2 the conversation between the two professionals: the reverse of most policies.',
      reading: 'The stages are kept in the text’s order and numbering.',
      reason: 'The text numbers them that way.',
    },
    {
      issue: 'Risk of immediate harm lets the professional choose "which stage is initiated"; the text is silent on jumping ahead once the process has begun.',
      reading: 'A later starting stage is allowed with risk of immediate harm (or imminent risk); once started, the stages run in order.',
      reason: 'The text speaks of the stage initiated only.',
      citation: doc('5. Conclusion'),
    },
    {
      issue: 'Which concerns are "of such potentially serious concern" that they are logged automatically with the PDG chair is not defined.',
      reading: 'Those where the child is at imminent risk; a host may also record the notification for any other concern it judges serious.',
      reason: 'Imminent risk is the one seriousness the escalation records; the obligation appears as soon as the risk is recorded.',
      citation: doc('3.2'),
    },
    {
      issue: 'The Case Resolution form’s fields are behind a link that is not part of the text.',
      reading: 'Only what 3.4 asks for is listed: evidence of efforts to resolve and the reasons for formal escalation.',
      reason: 'Nothing else about the form is in the text.',
      citation: doc('3.4'),
    },
  ],
  machine: {
    initial: 'raised',
    states: {
      raised: { on: { START: [startAt('stage-2'), startAt('stage-3'), startAt('stage-4'), startAt('stage-5'), { target: 'stage-1' }] } },
      'stage-1': { on: { ESCALATE: 'stage-2', ...always } },
      'stage-2': { on: { ESCALATE: 'stage-3', ...always } },
      'stage-3': { on: { ESCALATE: 'stage-4', ...always } },
      'stage-4': { on: { ESCALATE: 'stage-5', ...always } },
      'stage-5': { on: always },
      resolved: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  },
});
