// npm run demo: one realistic escalation through each of the five partnerships' policies, with the
// dates it was due, what was met, what was late, and what is still owed at the end.
import { advanceTo, applyEvent, getStatus, policies, startEscalation } from 'safeguarding-escalation';

const day = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const when = (instant) => day.format(new Date(instant));
const onDate = (date) => day.format(new Date(`${date}T12:00:00Z`));

/** Each story: the policy, the start, the events in order and the moment to look at it afterwards. */
const stories = [
  {
    policy: 'derby-derbyshire',
    story: 'A school disputes a refused referral a week before Christmas.',
    start: {
      id: 'DD-2024-117',
      raisedAt: '2024-12-19T09:30:00Z',
      concern: { nature: 'referral-decision', agencyRaising: 'Education', agencyConcerned: 'Children’s Social Care' },
    },
    events: [
      {
        type: 'RECORD',
        at: '2024-12-20T14:00:00Z',
        record: { kind: 'discussion', summary: 'Designated safeguarding lead and duty social worker spoke' },
      },
      { type: 'ESCALATE', at: '2024-12-23T10:00:00Z' },
      {
        type: 'RECORD',
        at: '2024-12-27T15:00:00Z',
        record: { kind: 'form', form: 'escalation-template', summary: 'Presenting and underlying issues' },
      },
      { type: 'ESCALATE', at: '2024-12-30T09:00:00Z' },
      { type: 'RECORD', at: '2025-01-06T11:00:00Z', record: { kind: 'meeting', summary: 'Senior managers met' } },
      {
        type: 'RECORD',
        at: '2025-01-06T15:00:00Z',
        record: { kind: 'form', form: 'escalation-template', summary: 'Template updated by senior managers' },
      },
      { type: 'RESOLVE', at: '2025-01-08T16:00:00Z', outcome: 'Single assessment to be completed' },
      {
        type: 'RECORD',
        at: '2025-01-09T10:00:00Z',
        record: { kind: 'feedback', summary: 'Feedback given in each organisation' },
      },
    ],
    now: '2025-01-10T09:00:00Z',
  },
  {
    policy: 'somerset',
    story: 'A health visitor and a social worker disagree about a child in need plan before Easter.',
    start: { id: 'SOM-2025-031', raisedAt: '2025-04-02T10:00:00+01:00', concern: { nature: 'plan-implementation' } },
    events: [
      {
        type: 'RECORD',
        at: '2025-04-03T11:00:00+01:00',
        record: { kind: 'discussion', summary: 'Health visitor and social worker met' },
      },
      { type: 'ESCALATE', at: '2025-04-07T09:00:00+01:00', by: { role: 'Health Visitor' } },
      {
        type: 'RECORD',
        at: '2025-04-09T15:00:00+01:00',
        record: { kind: 'meeting', summary: 'Locality Safeguarding Children Nurse and Team Leader met' },
      },
      {
        type: 'RESOLVE',
        at: '2025-04-14T12:00:00+01:00',
        outcome: 'Plan amended; health visitor to attend core group',
      },
    ],
    now: '2025-04-23T09:00:00+01:00',
  },
  {
    policy: 'suffolk',
    story: 'A plan is drifting; the disagreement climbs all five stages over Christmas and New Year.',
    start: {
      id: 'SUF-2024-288',
      raisedAt: '2024-12-20T10:00:00Z',
      concern: {
        nature: 'plan-effectiveness',
        agencyRaising: 'Health',
        agencyConcerned: 'Children and Young People’s Services',
      },
    },
    events: [
      {
        type: 'RECORD',
        at: '2024-12-24T11:00:00Z',
        recordedAt: '2024-12-24T16:00:00Z',
        record: { kind: 'meeting', summary: 'Professionals met' },
      },
      { type: 'ESCALATE', at: '2024-12-27T09:00:00Z' },
      {
        type: 'RECORD',
        at: '2024-12-27T15:00:00Z',
        record: { kind: 'form', form: 'escalation-record-form', summary: 'Effectiveness of plan (drift)' },
      },
      { type: 'ESCALATE', at: '2024-12-30T10:00:00Z' },
      { type: 'ESCALATE', at: '2025-01-06T10:00:00Z' },
      { type: 'ESCALATE', at: '2025-01-07T10:00:00Z' },
      {
        type: 'RECORD',
        at: '2025-01-07T11:00:00Z',
        record: { kind: 'notification', to: 'independent scrutineer', summary: 'Through the agency representative' },
      },
      {
        type: 'RECORD',
        at: '2025-01-09T12:00:00Z',
        record: { kind: 'response', summary: 'Scrutineer convened the Heads of Service' },
      },
      { type: 'RESOLVE', at: '2025-01-10T15:00:00Z', outcome: 'Plan reviewed at a round table meeting' },
    ],
    now: '2025-01-13T09:00:00Z',
  },
  {
    policy: 'devon',
    story: 'Police and a school disagree about a MASH decision in October.',
    start: { id: 'DEV-2025-402', raisedAt: '2025-10-01T09:00:00+01:00', concern: { nature: 'referral-decision' } },
    events: [
      {
        type: 'RECORD',
        at: '2025-10-01T15:00:00+01:00',
        record: { kind: 'discussion', summary: 'Officer discussed with own named lead' },
      },
      { type: 'ESCALATE', at: '2025-10-02T09:00:00+01:00' },
      {
        type: 'RECORD',
        at: '2025-10-03T12:00:00+01:00',
        record: { kind: 'discussion', summary: 'Officer and teacher discussed; no agreement' },
      },
      { type: 'ESCALATE', at: '2025-10-06T09:00:00+01:00' },
      {
        type: 'RECORD',
        at: '2025-10-08T14:00:00+01:00',
        record: { kind: 'decision', summary: 'Managers agreed a strategy discussion' },
      },
      { type: 'RESOLVE', at: '2025-10-08T16:00:00+01:00', outcome: 'Strategy discussion held' },
    ],
    now: '2025-10-27T09:00:00Z',
  },
  {
    policy: 'barnsley',
    story: 'A midwife’s concern about a birth plan; the risk becomes imminent and it goes straight to Stage Three.',
    start: {
      id: 'BAR-2025-019',
      raisedAt: '2025-04-15T09:00:00+01:00',
      concern: { nature: 'plan-effectiveness', agencyRaising: 'Health' },
    },
    events: [
      { type: 'ESCALATE', at: '2025-04-16T09:00:00+01:00' },
      {
        type: 'RECORD',
        at: '2025-04-16T10:00:00+01:00',
        record: { kind: 'notification', to: 'partnership manager', summary: 'Stage One begun' },
      },
      {
        type: 'RECORD',
        at: '2025-04-16T11:00:00+01:00',
        record: { kind: 'form', form: 'escalation-record', summary: 'Escalation record started' },
      },
      {
        type: 'EXPEDITE',
        to: 'stage-3',
        reason: 'imminent-risk',
        at: '2025-04-17T09:00:00+01:00',
        note: 'Baby due within the week; no response from the social worker',
      },
      {
        type: 'RECORD',
        at: '2025-04-17T10:00:00+01:00',
        record: { kind: 'notification', to: 'partnership manager', summary: 'Stage Three begun' },
      },
      { type: 'RESOLVE', at: '2025-04-23T17:00:00+01:00', outcome: 'Executives agreed a pre-birth plan' },
    ],
    now: '2025-04-28T09:00:00+01:00',
  },
];

for (const { policy: id, story, start, events, now } of stories) {
  const policy = policies[id];
  const label = (rule) => policy.obligations.find((o) => o.id === rule)?.label ?? rule;
  const stageName = (sid) => {
    const s = policy.stages.find((x) => x.id === sid);
    return `Stage ${s.number}: ${s.title}`;
  };
  let e = startEscalation(policy, start);
  for (const ev of events) e = applyEvent(policy, e, ev);
  e = advanceTo(policy, e, now);

  console.log(`\n${'='.repeat(100)}\n${policy.partnership} — ${story}\n${'='.repeat(100)}`);
  for (const h of e.history) {
    const d = when(h.at).padEnd(17);
    switch (h.type) {
      case 'raised':
        console.log(`${d}Raised (${start.id})${h.risk === 'imminent-risk' ? ', child at imminent risk' : ''}`);
        break;
      case 'stage-entered': {
        const how =
          h.how === 'expedited'
            ? ` — expedited (${h.reason}; rule ${h.rule})`
            : h.how === 'skipped'
              ? ` — skipped ahead (rule ${h.rule})`
              : '';
        const deadline =
          getStatus(policy, e, h.at).stage &&
          e.obligations.find((o) => o.stage === h.stage && o.kind === 'stage' && o.armedAt === h.at);
        console.log(
          `${d}→ ${stageName(h.stage)}${how}${deadline?.dueDate ? `  [due ${onDate(deadline.dueDate)}]` : '  [no timescale in the policy]'}`,
        );
        break;
      }
      case 'event':
        if (h.event.type === 'RECORD')
          console.log(
            `${d}  recorded ${h.event.record.kind}${h.event.record.form ? ` (${h.event.record.form})` : ''}${h.event.record.summary ? `: ${h.event.record.summary}` : ''}`,
          );
        if (h.event.type === 'RESOLVE') console.log(`${d}✔ Resolved: ${h.event.outcome}`);
        break;
      case 'stage-ended':
        for (const x of h.deadlines.filter((x) => x.outcome === 'met' || x.outcome === 'missed')) {
          console.log(
            `${d}  ${x.outcome === 'met' ? 'met' : `LATE by ${x.workingDaysLate} working day(s)`}: ${label(x.rule)}`,
          );
        }
        break;
      case 'obligation-met':
        if (h.dueAt) console.log(`${d}  ${h.onTime ? 'met' : 'met LATE'}: ${label(h.rule)}`);
        break;
      case 'deadline-passed':
        console.log(`${d}! deadline passed: ${label(h.rule)}`);
        break;
      case 'cap-breached':
        console.log(`${d}! cap breached: ${label(h.rule)}`);
        break;
      case 'reminder-due':
        console.log(
          `${d}! reminder due: ${label(h.rule)}${h.missedOccurrences > 1 ? ` (${h.missedOccurrences} rounds missed)` : ''}`,
        );
        break;
      case 'hand-off':
        console.log(`${d}  handed off: ${h.route} → ${h.to}`);
        break;
      default:
        break;
    }
  }
  const s = getStatus(policy, e, now);
  console.log(`\nAt ${when(now)}: ${s.open ? `open at ${stageName(s.stage.id)}` : s.status}.`);
  if (s.requiredActions.length === 0) console.log('Nothing is owed.');
  for (const a of s.requiredActions) {
    console.log(
      `  still owed: ${a.action}${a.who ? ` (${a.who})` : ''}${a.dueDate ? ` — due ${onDate(a.dueDate)}${a.overdue ? ', OVERDUE' : ''}` : ' — no date in the policy'}`,
    );
  }
}
