// The replay corpus (test/replay/*.jsonl, written by scripts/generate-replay-corpus.mjs): stored
// escalations of the five policies and their statuses at fixed instants. Read by the current code,
// and made again from their facts by it, every case must give the statuses recorded: a change that
// moves a real case's due date, overdue flag or owed duty fails here until the corpus is regenerated
// on purpose, and the regeneration's diff (one line a status) shows which cases moved.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  EscalationError,
  getStatus,
  policies,
  restoreEscalation,
  startEscalation,
  type Escalation,
  type EscalationEvent,
  type Policy,
  type StartInput,
} from '../../src/index.js';
// @ts-expect-error: a build script in plain JavaScript, without declarations
import { CORPUS_DIR, instantsOf, replayInputs, statusRecord } from '../../scripts/generate-replay-corpus.mjs';

interface StatusRecord {
  readonly case: string;
  readonly at: string;
  readonly stage: string;
  readonly status: string;
  readonly deadlines: readonly string[];
  readonly owed: readonly string[];
}

const REGENERATE =
  'The current code gives these stored cases other statuses than the corpus recorded. If that is intended, regenerate the corpus on purpose (`npm run generate`, or `npx tsup && node scripts/generate-replay-corpus.mjs`) and read `git diff test/replay/*.statuses.jsonl` before committing it.';

const readLines = <T>(file: string): T[] =>
  fs
    .readFileSync(`${CORPUS_DIR}${file}`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

/** What changed between a recorded status and the one given now, in a line each. */
function differences(recorded: StatusRecord, now: StatusRecord): string[] {
  const where = `${recorded.case} at ${recorded.at}`;
  const out: string[] = [];
  for (const key of ['stage', 'status'] as const)
    if (recorded[key] !== now[key]) out.push(`${where}: ${key} ${recorded[key]} → ${now[key]}`);
  for (const key of ['deadlines', 'owed'] as const) {
    const gone = recorded[key].filter((x) => !now[key].includes(x));
    const come = now[key].filter((x) => !recorded[key].includes(x));
    if (gone.length || come.length)
      out.push(`${where}: ${key} ${[...gone.map((x) => `− ${x}`), ...come.map((x) => `+ ${x}`)].join('; ')}`);
  }
  return out;
}

/** At most 40 lines, then how many more. */
const shown = (list: string[]) =>
  list.length > 40 ? [...list.slice(0, 40), `... and ${list.length - 40} more`] : list;

/** Every recorded status of every case, checked against what `escalationOf` gives now. */
function compare(policy: Policy, escalationOf: (stored: Escalation) => Escalation | string): string[] {
  const cases = readLines<{ case: string; escalation: Escalation }>(`${policy.id}.escalations.jsonl`);
  const statuses = readLines<StatusRecord>(`${policy.id}.statuses.jsonl`);
  const found: string[] = [];
  for (const { case: id, escalation } of cases) {
    const now = escalationOf(escalation);
    if (typeof now === 'string') {
      found.push(`${id}: ${now}`);
      continue;
    }
    for (const recorded of statuses.filter((s) => s.case === id)) {
      found.push(
        ...differences(recorded, statusRecord(id, recorded.at, getStatus(policy, now, recorded.at)) as StatusRecord),
      );
    }
  }
  return found;
}

describe.each(Object.values(policies))('the replay corpus of $id', (policy) => {
  it('holds its cases, each with its statuses at three instants', () => {
    const cases = readLines<{ case: string; escalation: Escalation }>(`${policy.id}.escalations.jsonl`);
    const statuses = readLines<StatusRecord>(`${policy.id}.statuses.jsonl`);
    expect(cases.length).toBeGreaterThanOrEqual(80);
    expect(statuses.map((s) => `${s.case} ${s.at}`)).toEqual(
      cases.flatMap(({ escalation }) => (instantsOf(escalation) as string[]).map((at) => `${escalation.id} ${at}`)),
    );
  });

  it('read by the current code, the stored escalations have the statuses recorded', () => {
    const found = compare(policy, (stored) => {
      if (stored.policy.version !== policy.version)
        return `stored under ${policy.id} version ${stored.policy.version}, and policies.${policy.id} is version ${policy.version}: the replay of its facts below shows what the new version changes`;
      return restoreEscalation(policy, JSON.stringify(stored));
    });
    expect(shown(found), REGENERATE).toEqual([]);
  });

  it('made again from their facts by the current code, the cases have the statuses recorded', () => {
    const found = compare(policy, (stored) => {
      const { start, events } = replayInputs(stored) as { start: StartInput; events: EscalationEvent[] };
      try {
        return events.reduce((e, event) => applyEvent(policy, e, event), startEscalation(policy, start));
      } catch (error) {
        if (error instanceof EscalationError) return `its facts are refused now: ${error.code} ${error.message}`;
        throw error;
      }
    });
    expect(shown(found), REGENERATE).toEqual([]);
  });
});

describe('the replay test', () => {
  it('would see a due date moved, an overdue flag changed or a duty no longer owed', () => {
    const recorded: StatusRecord = {
      case: 'x',
      at: '2025-01-06T09:00:00.000Z',
      stage: 'stage-2',
      status: 'open',
      deadlines: ['a#1: 2025-01-03, overdue'],
      owed: ['b#1'],
    };
    expect(differences(recorded, { ...recorded, deadlines: ['a#1: 2025-01-07'], owed: [] })).toEqual([
      'x at 2025-01-06T09:00:00.000Z: deadlines − a#1: 2025-01-03, overdue; + a#1: 2025-01-07',
      'x at 2025-01-06T09:00:00.000Z: owed − b#1',
    ]);
    expect(differences(recorded, recorded)).toEqual([]);
  });
});
