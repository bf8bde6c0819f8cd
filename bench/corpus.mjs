// The benchmark's corpus: escalations as a case-management system stores them, made by a seeded
// generator through the public API, so the same seed always gives the same corpus. Several thousand
// cases across the five policies, 3 to 20 events each: discussions, the records and notices the
// policy asks for (mostly on time, some late, some learned late), moves up the stages, some expedited
// for imminent risk, risk changes, flags, extensions, resolutions and withdrawals. Most cases were
// last touched weeks before the sweep; a few this week. Also used by the equivalence test, with the
// library's source passed as `api`.
import { AGENCIES, NATURES, prng, WEIGHTS } from '../scripts/seeded.mjs';

const DAY = 86_400_000;
const SUMMARIES = [
  'Spoke by phone',
  'Met on Teams',
  'Emailed the duty manager',
  'Agreed to review the plan',
  'Shared the chronology',
];

/**
 * `count` stored escalations, each with the events that made it (only those the engine took), and the
 * instant of the sweep that reads them (`now`).
 *
 * @param api the library: `safeguarding-escalation` (the built package) or its source
 */
export function benchCorpus(api, { seed = 18, count = 3000, now = '2026-03-02T09:00:00.000Z' } = {}) {
  const { applyEvent, advanceTo, EscalationError, policies, startEscalation, ukCalendar } = api;
  const rnd = prng(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const total = WEIGHTS.reduce((n, [, w]) => n + w, 0);
  const pickPolicy = () => {
    let r = rnd() * total;
    for (const [id, w] of WEIGHTS) if ((r -= w) < 0) return id;
    return 'suffolk';
  };
  const cal = ukCalendar('england-and-wales');
  const nowMs = Date.parse(now);
  const dateOf = (ms) => new Date(ms).toISOString().slice(0, 10);
  // Hosts write instants both ways: with milliseconds (toISOString) and without.
  const instant = (ms) => (rnd() < 0.5 ? new Date(ms).toISOString() : new Date(ms).toISOString().replace('.000Z', 'Z'));
  const cases = [];
  for (let i = 0; cases.length < count; i++) {
    const policyId = pickPolicy();
    const policy = policies[policyId];
    // Most cases were last touched weeks ago; one in six this fortnight.
    const recent = rnd() < 1 / 6;
    const lastTouch = nowMs - (recent ? 1 + rnd() * 13 : 14 + rnd() * 70) * DAY;
    const wanted = 3 + Math.floor(rnd() * rnd() * 18); // 3 to 20, more short cases than long
    const raisedDay = cal.addWorkingDays(dateOf(lastTouch - wanted * (1.5 + rnd() * 2) * DAY), 0);
    const raisedAt = `${raisedDay}T${String(8 + Math.floor(rnd() * 8)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00Z`;
    const agencyRaising = pick(AGENCIES);
    const agencyConcerned = pick(AGENCIES.filter((agency) => agency !== agencyRaising));
    const ref = `${policyId.slice(0, 3).toUpperCase()}-${String(i + 1).padStart(5, '0')}`;
    const start = {
      id: ref,
      raisedAt,
      ...(rnd() < 0.1 ? { risk: 'significant-risk' } : {}),
      raisedBy: { role: 'Social worker', agency: agencyRaising },
      concern: {
        nature: pick(NATURES),
        agencyRaising,
        agencyConcerned,
        caseReference: `CASE-${10000 + Math.floor(rnd() * 90000)}`,
      },
    };
    let e = startEscalation(policy, start);
    const events = [];
    let t = Date.parse(raisedAt);
    const at = (workingDays) => {
      const day = cal.addWorkingDays(dateOf(t), workingDays);
      t = Math.max(
        t + 60_000,
        Date.parse(
          `${day}T${String(9 + Math.floor(rnd() * 7)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00Z`,
        ),
      );
      return t;
    };
    const apply = (event) => {
      if (events.length >= wanted || t > lastTouch) return false;
      const withId = rnd() < 0.9 ? { ...event, id: `${ref}-${events.length + 1}` } : event;
      try {
        e = applyEvent(policy, e, withId);
      } catch (error) {
        if (error instanceof EscalationError) return false;
        throw error;
      }
      events.push(withId);
      return true;
    };
    const recordFor = (rule) => {
      const kind = Array.isArray(rule.meet.kind) ? rule.meet.kind[0] : rule.meet.kind;
      return {
        kind,
        ...(rule.meet.form ? { form: rule.meet.form } : {}),
        ...(rule.meet.to ? { to: rule.meet.to } : {}),
        ...(rnd() < 0.5 ? { summary: pick(SUMMARIES) } : {}),
      };
    };
    const imminent = rnd() < 0.07;
    for (let round = 0; round < 20 && e.status === 'open' && events.length < wanted && t <= lastTouch; round++) {
      apply({
        type: 'RECORD',
        at: instant(at(Math.floor(rnd() * 2))),
        record: {
          kind: 'discussion',
          ...(rnd() < 0.6 ? { summary: pick(SUMMARIES) } : {}),
        },
      });
      for (const o of e.obligations.filter((x) => x.status === 'running')) {
        const rule = policy.obligations.find((r) => r.id === o.rule);
        if (rule.meet.by !== 'record' || rnd() < 0.25) continue;
        // Some facts are learned late: recorded now, dated when they happened.
        const lateBy = rnd() < 0.1 ? 1 + Math.floor(rnd() * 3) : 0;
        const happened = at(Math.floor(rnd() * 3));
        const event = {
          type: 'RECORD',
          at: instant(happened - lateBy * DAY),
          record: recordFor(rule),
        };
        apply(lateBy ? { ...event, recordedAt: instant(happened) } : event);
      }
      if (rnd() < 0.05)
        apply({
          type: 'RISK',
          at: instant(at(0)),
          risk: pick(['significant-risk', 'none']),
        });
      if (policy.flags?.length && rnd() < 0.1) apply({ type: 'FLAG', at: instant(at(0)), flag: policy.flags[0].id });
      const guidance = e.obligations.find((o) => o.status === 'running' && o.strength === 'guidance' && o.dueDate);
      if (guidance && rnd() < 0.08) {
        apply({
          type: 'EXTEND',
          at: instant(at(0)),
          obligation: guidance.id,
          to: cal.addWorkingDays(guidance.dueDate, 5),
          reason: 'Awaiting a strategy meeting',
          agreedBy: 'Both team managers',
        });
      }
      if (imminent && round === 0) {
        const target = policy.movement.find((m) => m.kind !== 'start' && (!m.from || m.from.includes(e.stage)));
        if (
          target &&
          apply({
            type: 'EXPEDITE',
            to: target.to.at(-1),
            reason: 'imminent-risk',
            at: instant(at(0)),
          })
        )
          continue;
      }
      const stageLimit = e.obligations.find(
        (o) => o.status === 'running' && o.kind === 'stage' && o.stage === e.stage && o.dueDate,
      );
      const allowance = stageLimit ? Math.max(0, cal.workingDaysBetween(dateOf(t), stageLimit.dueDate)) : 3;
      const wait = Math.floor(rnd() * (allowance + 3)); // sometimes late
      const r = rnd();
      if (r < 0.03)
        apply({
          type: 'WITHDRAW',
          at: instant(at(wait)),
          reason: 'No longer needed',
        });
      else if (r < 0.15)
        apply({
          type: 'RESOLVE',
          at: instant(at(wait)),
          outcome: 'Agreed way forward',
        });
      else if (r < 0.6) apply({ type: 'ESCALATE', at: instant(at(wait)) });
    }
    if (e.status === 'resolved' && rnd() < 0.4)
      apply({
        type: 'RECORD',
        at: instant(at(1)),
        record: { kind: 'learning', summary: 'Threshold guidance unclear' },
      });
    // Some hosts sweep (advanceTo) when they touch a case: the deadlines passed by then are written down.
    if (rnd() < 0.3) e = advanceTo(policy, e, new Date(Math.max(lastTouch, Date.parse(e.asOf))).toISOString());
    if (events.length < 3) continue; // too short: draw another
    cases.push({
      policyId,
      start,
      events,
      escalation: e,
      json: JSON.stringify(e),
    });
  }
  return { now, cases };
}
