// A realistic synthetic year of escalations across the five policies, made by a seeded generator so
// that the same seed always gives the same year. Used by docs/oversight.md (npm run generate), the
// oversight tests and the benchmark. It drives the public API the way a case-management system would.
import { applyEvent, EscalationError, policies, startEscalation, ukCalendar } from 'safeguarding-escalation';
import { AGENCIES, NATURES, prng, WEIGHTS } from './seeded.mjs';

/**
 * `count` escalations raised in `year`, each run from raising to resolution (or withdrawal, or still
 * open at the year's end) with discussions, forms, notices, some late stages, some expedited for
 * imminent risk, and some learning.
 */
export function syntheticYear({ seed = 2025, count = 300, year = 2025 } = {}) {
  const rnd = prng(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const total = WEIGHTS.reduce((n, [, w]) => n + w, 0);
  const pickPolicy = () => {
    let r = rnd() * total;
    for (const [id, w] of WEIGHTS) if ((r -= w) < 0) return policies[id];
    return policies.suffolk;
  };
  const cal = ukCalendar('england-and-wales');
  const endOfYear = Date.UTC(year, 11, 31, 23, 59);
  const out = [];
  for (let i = 0; i < count; i++) {
    const policy = pickPolicy();
    const day = cal.addWorkingDays(`${year}-01-01`, Math.floor(rnd() * 250));
    const raisedAt = `${day}T${String(8 + Math.floor(rnd() * 8)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00Z`;
    const agencyRaising = pick(AGENCIES);
    let agencyConcerned = pick(AGENCIES);
    if (agencyConcerned === agencyRaising)
      agencyConcerned = AGENCIES[(AGENCIES.indexOf(agencyRaising) + 1) % AGENCIES.length];
    const ref = `${policy.id.slice(0, 3).toUpperCase()}-${year}-${String(i + 1).padStart(3, '0')}`;
    let e = startEscalation(policy, {
      id: ref,
      raisedAt,
      concern: {
        nature: pick(NATURES),
        agencyRaising,
        agencyConcerned,
        caseReference: `CASE-${10000 + Math.floor(rnd() * 90000)}`,
      },
    });
    let t = Date.parse(raisedAt);
    let n = 0;
    const at = (workingDays) => {
      const d = cal.addWorkingDays(new Date(t).toISOString().slice(0, 10), workingDays);
      t = Math.max(t + 60_000, Date.parse(`${d}T${String(9 + Math.floor(rnd() * 7)).padStart(2, '0')}:00:00Z`));
      return new Date(t).toISOString();
    };
    const apply = (event) => {
      if (t > endOfYear) return false;
      try {
        e = applyEvent(policy, e, { ...event, id: `${ref}-${++n}` });
        return true;
      } catch (err) {
        if (err instanceof EscalationError) return false;
        throw err;
      }
    };
    const imminent = rnd() < 0.07;
    for (let guard = 0; guard < 8 && e.status === 'open' && t <= endOfYear; guard++) {
      // Work at this stage: a discussion soon, and the notices and forms the policy asks for, mostly on time.
      apply({ type: 'RECORD', at: at(Math.floor(rnd() * 2)), record: { kind: 'discussion' } });
      for (const o of e.obligations.filter(
        (x) => x.status === 'running' && (x.kind === 'notification' || x.kind === 'record'),
      )) {
        const rule = policy.obligations.find((r) => r.id === o.rule);
        if (rule.meet.by !== 'record' || rnd() < 0.25) continue;
        const kind = Array.isArray(rule.meet.kind) ? rule.meet.kind[0] : rule.meet.kind;
        apply({
          type: 'RECORD',
          at: at(0),
          record: {
            kind,
            ...(rule.meet.form ? { form: rule.meet.form } : {}),
            ...(rule.meet.to ? { to: rule.meet.to } : {}),
          },
        });
      }
      const stageLimit = e.obligations.find(
        (o) => o.status === 'running' && o.kind === 'stage' && o.stage === e.stage && o.dueDate,
      );
      const allowance = stageLimit
        ? Math.max(0, cal.workingDaysBetween(new Date(t).toISOString().slice(0, 10), stageLimit.dueDate))
        : 3;
      const wait = Math.floor(rnd() * (allowance + 3)); // sometimes late
      if (imminent && guard === 0) {
        const target = policy.movement.find((m) => m.kind !== 'start' && (!m.from || m.from.includes(e.stage)));
        if (target && apply({ type: 'EXPEDITE', to: target.to.at(-1), reason: 'imminent-risk', at: at(0) })) continue;
      }
      const r = rnd();
      if (r < 0.04) apply({ type: 'WITHDRAW', at: at(wait), reason: 'No longer needed' });
      else if (r < 0.55 || !apply({ type: 'ESCALATE', at: at(wait) }))
        apply({ type: 'RESOLVE', at: at(wait), outcome: 'Agreed way forward' });
    }
    // After resolution: what is owed, mostly done; some learning.
    if (e.status === 'resolved') {
      for (const o of e.obligations.filter((x) => x.status === 'running')) {
        const rule = policy.obligations.find((r) => r.id === o.rule);
        if (rule.meet.by !== 'record' || rnd() < 0.2) continue;
        const kind = Array.isArray(rule.meet.kind) ? rule.meet.kind[0] : rule.meet.kind;
        apply({
          type: 'RECORD',
          at: at(Math.floor(rnd() * 4)),
          record: {
            kind,
            ...(rule.meet.form ? { form: rule.meet.form } : {}),
            ...(rule.meet.to ? { to: rule.meet.to } : {}),
          },
        });
      }
      if (rnd() < 0.3)
        apply({
          type: 'RECORD',
          at: at(1),
          record: {
            kind: 'learning',
            summary: pick([
              'Threshold guidance unclear',
              'Information sharing delayed by consent worries',
              'Plan drift not noticed at core group',
              'Referral feedback not given',
            ]),
          },
        });
    }
    out.push(e);
  }
  return out;
}
