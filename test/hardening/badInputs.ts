// Every public function, fed bad types and values: the table. For each function, a call that works
// and, for each argument, the bad values tried in its place (the generic ones, and those that are
// bad only there). bad-inputs.test.ts runs them all and checks that each gives a result or one of the
// library's coded errors, never writes to what it was given and never keeps it; the counts it prints
// are the counts in docs/testing.md.
import * as lib from '../../src/index.js';
import { arbitraries, checkInvariants, runSequence } from '../../src/testing/index.js';
import { riverside } from '../fixtures/policies.js';

/** Riverside with every limit halved: a later version to migrate a case to, or to compare with. */
const shorter = lib.definePolicy({
  ...(JSON.parse(JSON.stringify(riverside)) as lib.PolicyDefinition),
  version: 'shorter',
  obligations: riverside.obligations.map((o) => ({
    ...JSON.parse(JSON.stringify(o)),
    ...(o.limit && 'unit' in o.limit ? { limit: { ...o.limit, value: Math.floor(o.limit.value / 2) } } : {}),
  })),
});

/** One public function: how to call it well, and the bad values to put in each argument's place. */
export interface Target {
  readonly name: string;
  readonly call: (...args: unknown[]) => unknown;
  /** A call that works. */
  readonly good: readonly unknown[];
  /** For each argument: the values that are bad there, beyond the generic ones. */
  readonly bad: readonly (readonly unknown[])[];
  /** Whole argument lists that are bad together. */
  readonly extra?: readonly (readonly unknown[])[];
  /** Leave out the generic bad values (a predicate that answers for anything, a slow call). */
  readonly genericOnly?: readonly number[];
}

const hugeString = 'x'.repeat(200_000);
const deepArray = (() => {
  let value: unknown = [];
  for (let i = 0; i < 5000; i++) value = [value];
  return value;
})();

/** Bad for any argument: every type, the edges of each, prototype names and huge and deep values. */
export const GENERIC: readonly unknown[] = [
  undefined,
  null,
  true,
  0,
  -1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  1e308,
  10n,
  Symbol('bad'),
  '',
  '   ',
  'x',
  '\u0000',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  hugeString,
  [],
  [null],
  [undefined, 1, 'x'],
  {},
  Object.create(null),
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { constructor: 'x', toString: 'y', hasOwnProperty: 'z' },
  new Date(Number.NaN),
  new Date('2025-01-06T10:00:00Z'),
  new Map([['a', 1]]),
  () => 'a function',
  deepArray,
];

const policy = riverside;
const raisedAt = '2025-01-06T10:00:00Z';
const escalation = lib.applyEvent(policy, lib.startEscalation(policy, { id: 'E', raisedAt }), {
  type: 'ESCALATE',
  at: '2025-01-07T10:00:00Z',
});
const plainEscalation = JSON.parse(JSON.stringify(escalation)) as Record<string, unknown>;
const now = '2025-01-08T10:00:00Z';
const calendar = lib.ukCalendar('england-and-wales');
const feed = {
  'england-and-wales': { division: 'england-and-wales', events: [{ title: 'New Year’s Day', date: '2025-01-01' }] },
};

/** Instants that are not instants, or not in the engine's range. */
const BAD_INSTANTS = [
  '2025-13-01T00:00:00Z',
  '2025-02-30T10:00:00Z',
  '2025-01-06T24:00:00Z',
  '2025-01-06T10:00:00',
  '2025-01-06T10:00:00+25:00',
  '2025-01-06',
  '1969-12-31T23:59:59.999Z',
  '2100-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.000Z',
  new Date(8.64e15),
  new Date(-8.64e15),
];
/** Dates that are not dates, or not in the calendar. */
const BAD_DATES = [
  '2025-02-29',
  '2024-13-01',
  '24-12-2024',
  '20/12/2024',
  '1969-12-31',
  '2101-01-01',
  '0000-01-01',
  '2025-1-6',
  new Date('2025-01-06T00:00:00Z'),
];
/** Stored escalations that are damaged, or of another format, policy or calendar. */
const BAD_ESCALATIONS = [
  { ...plainEscalation, format: 3 },
  { ...plainEscalation, format: 1 },
  { ...plainEscalation, format: 1, division: 'wales' },
  { ...plainEscalation, policy: { id: 'constructor', version: '1' } },
  { ...plainEscalation, policy: { id: 'riverside', version: '__proto__' } },
  { ...plainEscalation, history: [] },
  { ...plainEscalation, history: [{ type: '__proto__' }] },
  { ...plainEscalation, history: [{ type: 'constructor', seq: 1, at: raisedAt }] },
  { ...plainEscalation, history: Array.from({ length: 200_000 }, () => ({ type: 'x' })) },
  {
    ...plainEscalation,
    obligations: [{ ...((plainEscalation.obligations as object[])[0] as object), rule: 'toString' }],
  },
  { ...plainEscalation, caseTimescales: JSON.parse('{"__proto__":"2025-02-01"}') },
  { ...plainEscalation, caseTimescales: { constructor: '2025-02-01' } },
  {
    ...plainEscalation,
    calendar: { division: 'england-and-wales', source: 'gov-uk-feed', edition: 'x', closures: [] },
  },
  { ...plainEscalation, asOf: '2025-01-08T10:00:00+00:00', raisedAt: '2025-01-06T11:00:00+01:00' },
  JSON.stringify(plainEscalation).slice(0, 100),
  '{"format":2}',
  lib.startEscalation(lib.policies.suffolk, { id: 'other', raisedAt }),
];
/** Events that are malformed, name what does not exist, or are out of range. */
const BAD_EVENTS = [
  { type: 'ESCALATE' },
  { type: 'escalate', at: now },
  { type: '__proto__', at: now },
  { type: 'constructor', at: now },
  { type: 'ESCALATE', at: now, unknown: 1 },
  { type: 'ESCALATE', at: now, id: '' },
  { type: 'ESCALATE', at: now, recordedAt: '2025-01-07T00:00:00Z' },
  { type: 'ESCALATE', at: '1995-01-01T00:00:00Z' },
  { type: 'EXPEDITE', at: now, to: 'stage-99' },
  { type: 'EXPEDITE', at: now, to: '__proto__' },
  { type: 'RECORD', at: now, record: { kind: 'letter' } },
  { type: 'RECORD', at: now, record: { kind: 'form', form: 'constructor' } },
  { type: 'RECORD', at: now, record: { kind: 'note', fields: JSON.parse('{"__proto__":"x"}') } },
  { type: 'RECORD', at: now, record: { kind: 'note', fields: { a: { nested: 1 } } } },
  { type: 'RECORD', at: now, record: { kind: 'notification', to: 'hasOwnProperty' } },
  { type: 'EXTEND', at: now, obligation: 'constructor', to: '2025-02-01', reason: 'r', agreedBy: 'a' },
  { type: 'EXTEND', at: now, obligation: 'stage-2-resolution#1', to: '9999-12-31', reason: 'r', agreedBy: 'a' },
  { type: 'SET_TIMESCALE', at: now, obligation: 'toString', dueDate: '2025-02-01', reason: 'r' },
  { type: 'RISK', at: now, risk: 'toString' },
  { type: 'FLAG', at: now, flag: '__proto__' },
  { type: 'CALENDAR', at: now, reason: 'r', closures: ['2101-01-01'] },
  { type: 'CALENDAR', at: now, reason: 'r', closures: Array(200_000).fill('x') },
  { type: 'RESOLVE', at: now },
  { type: 'WITHDRAW', at: now, reason: '  ' },
];
/** Things given as a policy that are not one. */
const BAD_POLICIES = [
  { id: 'half' },
  { ...JSON.parse(JSON.stringify(riverside)), stages: [] },
  {
    ...JSON.parse(JSON.stringify(riverside)),
    obligations: [{ ...JSON.parse(JSON.stringify(riverside)).obligations[7], every: { value: 0, unit: 'hours' } }],
  },
  {
    ...JSON.parse(JSON.stringify(riverside)),
    obligations: [{ ...JSON.parse(JSON.stringify(riverside)).obligations[0], limit: { value: 1e15, unit: 'hours' } }],
  },
  { get: () => undefined },
  { get: () => 42 },
  { get: 'not a function', stages: 1 },
];
const BAD_OPTIONS = [
  { calendar: 'england-and-wales' },
  { calendar: {} },
  { calendar: lib.ukCalendar('scotland') },
  { calendar: lib.govUkCalendar(feed, 'england-and-wales') },
];
const BAD_STARTS = [
  { id: 'X' },
  { id: 'X', raisedAt, startStage: 'stage-9' },
  { id: 'X', raisedAt, startStage: 'stage-2' },
  { id: 'X', raisedAt, risk: 'toString' },
  { id: 'X', raisedAt, concern: { nature: '__proto__' } },
  { id: 'X', raisedAt, concern: JSON.parse('{"__proto__":{"x":1}}') },
  { id: '', raisedAt },
  ...BAD_INSTANTS.map((instant) => ({ id: 'X', raisedAt: instant })),
];
const register = [
  escalation,
  plainEscalation,
  null,
  42,
  'junk',
  { id: 'no' },
  { ...plainEscalation, policy: { id: 'constructor', version: '1' } },
];
const BAD_OVERSIGHT_OPTIONS = [
  { from: '2025-01-01', to: '2025-12-31' },
  { from: '2025-12-31', to: '2025-01-01', now },
  { from: '2025-02-30', to: '2025-12-31', now },
  { from: 10n, to: Symbol('x'), now },
  { from: '2025-01-01', to: '2025-12-31', now, includeText: ['everything'] },
  { from: '2025-01-01', to: '2025-12-31', now, includeText: 'learning' },
  { from: '2025-01-01', to: '2025-12-31', now, policies: { riverside: { id: 'half' } } },
  { from: '2025-01-01', to: '2025-12-31', now, policies: JSON.parse('{"__proto__":{"id":"x"}}') },
  { from: '2025-01-01', to: '2025-12-31', now, policies: 'riverside' },
  ...BAD_INSTANTS.map((instant) => ({ from: '2025-01-01', to: '2025-12-31', now: instant })),
];
const goodOversight = { from: '2025-01-01', to: '2025-12-31', now: '2026-01-05T09:00:00Z' };
const DEEP_TEXT = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
const BAD_POLICY_TEXTS = [
  DEEP_TEXT,
  `${'a:\n'.repeat(1)}${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')}`,
  '{"id": "x", "id": "y"}',
  '{"__proto__": {"x": 1}}',
  'id: x\n__proto__: {a: 1}\n',
  '\uFEFF{',
  '[1, 2',
  'id: [',
  '{"a":1,}',
  '# only a comment',
];

/** Every public function, by its name as a host calls it. */
export const TARGETS: readonly Target[] = [
  // The calendar.
  {
    name: 'ukCalendar',
    call: (d, o) => lib.ukCalendar(d as never, o as never),
    good: ['scotland', { closures: ['2025-07-14'] }],
    bad: [
      ['wales', 'England'],
      [{ closures: BAD_DATES }, { closures: 'x' }, { closures: Array(100_000).fill('2025-07-14') }],
    ],
  },
  {
    name: 'govUkCalendar',
    call: (f, d, o) => lib.govUkCalendar(f, d as never, o as never),
    good: [feed, 'england-and-wales', {}],
    bad: [
      [
        JSON.stringify(feed).slice(1),
        { 'england-and-wales': { division: 'scotland', events: [] } },
        {
          'england-and-wales': {
            division: 'england-and-wales',
            events: Array.from({ length: 100_000 }, () => ({ title: 'x', date: '2025-01-01' })),
          },
        },
        { 'england-and-wales': { division: 'england-and-wales', events: [{ title: 'x', date: '1800-01-01' }] } },
      ],
      ['wales'],
      [{ outsideFeed: 'maybe' }, { closures: BAD_DATES }],
    ],
  },
  { name: 'londonDate', call: (i) => lib.londonDate(i as never), good: [now], bad: [BAD_INSTANTS] },
  { name: 'endOfLondonDay', call: (d) => lib.endOfLondonDay(d as never), good: ['2025-01-06'], bad: [BAD_DATES] },
  { name: 'isIsoDate', call: (v) => lib.isIsoDate(v), good: ['2025-01-06'], bad: [BAD_DATES] },
  {
    name: 'calendar.isWorkingDay',
    call: (d) => calendar.isWorkingDay(d as never),
    good: ['2025-01-06'],
    bad: [BAD_DATES],
  },
  {
    name: 'calendar.addWorkingDays',
    call: (d, n) => calendar.addWorkingDays(d as never, n as never),
    good: ['2025-01-06', 10],
    bad: [BAD_DATES, [1.5, 1e9, -1e9, Number.MAX_SAFE_INTEGER, '10']],
    extra: [
      ['2100-12-31', 1],
      ['1970-01-01', -1],
    ],
  },
  {
    name: 'calendar.workingDaysBetween',
    call: (a, b) => calendar.workingDaysBetween(a as never, b as never),
    good: ['2025-01-06', '2025-02-06'],
    bad: [BAD_DATES, BAD_DATES],
  },
  {
    name: 'calendar.nextWorkingDay',
    call: (d) => calendar.nextWorkingDay(d as never),
    good: ['2025-01-06'],
    bad: [[...BAD_DATES, '2100-12-31']],
  },
  {
    name: 'calendar.bankHolidays',
    call: (y) => calendar.bankHolidays(y as never),
    good: [2025],
    bad: [[1969, 2101, 2025.5, '2025']],
  },
  // Policies.
  {
    name: 'definePolicy',
    call: (d) => lib.definePolicy(d as never),
    good: [JSON.parse(JSON.stringify(riverside))],
    bad: [BAD_POLICIES],
  },
  { name: 'isPolicy', call: (v) => lib.isPolicy(v), good: [riverside], bad: [BAD_POLICIES] },
  {
    name: 'loadPolicy',
    call: (t, o) => lib.loadPolicy(t, o as never),
    good: [JSON.stringify(riverside), { format: 'json' }],
    bad: [
      [...BAD_POLICY_TEXTS, ...BAD_POLICIES],
      [{ format: 'xml' }, { file: 42 }],
    ],
  },
  {
    name: 'parsePolicyText',
    call: (t, o) => lib.parsePolicyText(t as never, o as never),
    good: ['id: x\n', { format: 'yaml' }],
    bad: [BAD_POLICY_TEXTS, [{ format: 'xml' }, { file: 42 }]],
  },
  {
    name: 'lintPolicy',
    call: (t, o) => lib.lintPolicy(t, o as never),
    good: [riverside],
    bad: [[...BAD_POLICY_TEXTS, ...BAD_POLICIES], [{ format: 'xml' }]],
  },
  {
    name: 'policyJsonSchema',
    call: (o) => lib.policyJsonSchema(o as never),
    good: [{ policy: riverside }],
    bad: [[{ policy: { id: 'half' } }, { policy: 42 }]],
  },
  {
    name: 'movesFrom',
    call: (p, s) => lib.movesFrom(p as never, s as never),
    good: [riverside, 'stage-1'],
    bad: [BAD_POLICIES, ['stage-99', 'raised ', 'resolved']],
  },
  { name: 'policyMoves', call: (p) => lib.policyMoves(p as never), good: [riverside], bad: [BAD_POLICIES] },
  {
    name: 'createPolicyMachine',
    call: (p) => lib.createPolicyMachine(p as never),
    good: [riverside],
    bad: [BAD_POLICIES],
  },
  {
    name: 'policyMachineConfig',
    call: (p) => lib.policyMachineConfig(p as never),
    good: [riverside],
    bad: [BAD_POLICIES],
  },
  // Escalations.
  {
    name: 'startEscalation',
    call: (p, i, o) => lib.startEscalation(p as never, i as never, o as never),
    good: [policy, { id: 'X', raisedAt }, { calendar }],
    bad: [BAD_POLICIES, BAD_STARTS, BAD_OPTIONS],
  },
  {
    name: 'applyEvent',
    call: (p, e, ev, o) => lib.applyEvent(p as never, e as never, ev as never, o as never),
    good: [policy, escalation, { type: 'ESCALATE', at: now }, {}],
    bad: [BAD_POLICIES, BAD_ESCALATIONS, BAD_EVENTS, BAD_OPTIONS],
  },
  {
    name: 'advanceTo',
    call: (p, e, n, o) => lib.advanceTo(p as never, e as never, n as never, o as never),
    good: [policy, escalation, '2025-02-01T10:00:00Z', {}],
    bad: [BAD_POLICIES, BAD_ESCALATIONS, BAD_INSTANTS, BAD_OPTIONS],
  },
  {
    name: 'getStatus',
    call: (p, e, n, o) => lib.getStatus(p as never, e as never, n as never, o as never),
    good: [policy, escalation, now, {}],
    bad: [BAD_POLICIES, BAD_ESCALATIONS, [...BAD_INSTANTS, '2025-01-07T09:00:00Z'], BAD_OPTIONS],
  },
  {
    name: 'restoreEscalation',
    call: (p, e, o) => lib.restoreEscalation(p as never, e, o as never),
    good: [policy, JSON.stringify(escalation), {}],
    bad: [BAD_POLICIES, BAD_ESCALATIONS, BAD_OPTIONS],
  },
  {
    name: 'nextTimer',
    call: (p, e, n, o) => lib.nextTimer(p as never, e as never, n as never, o as never),
    good: [policy, escalation, now, {}],
    bad: [BAD_POLICIES, BAD_ESCALATIONS, BAD_INSTANTS, BAD_OPTIONS],
  },
  {
    name: 'policyRegistry',
    call: (l) => lib.policyRegistry(l as never),
    good: [[riverside, lib.policies.suffolk]],
    bad: [[[riverside, riverside], [{ id: 'half' }], 'riverside', [42]]],
  },
  { name: 'nextDueAt', call: (e) => lib.nextDueAt(e as never), good: [escalation], bad: [BAD_ESCALATIONS] },
  { name: 'overdueSince', call: (e) => lib.overdueSince(e as never), good: [escalation], bad: [BAD_ESCALATIONS] },
  {
    name: 'sweepHorizon',
    call: (n, o) => lib.sweepHorizon(n as never, o as never),
    good: [now, { workingDays: 2 }],
    bad: [
      BAD_INSTANTS,
      [{ workingDays: -1 }, { workingDays: 1.5 }, { workingDays: 1e9 }, { workingDays: 2, calendar: 'x' }],
    ],
  },
  // Rendering and the audit.
  {
    name: 'describeLimit',
    call: (l) => lib.describeLimit(l as never),
    good: [{ value: 2, unit: 'working-days' }],
    bad: [
      [
        { value: 2, unit: 'fortnights' },
        { value: -1, unit: 'hours' },
        { whicheverIsLess: [] },
        { whicheverIsLess: 'x' },
      ],
    ],
  },
  {
    name: 'renderPolicyMarkdown',
    call: (p, o) => lib.renderPolicyMarkdown(p as never, o as never),
    good: [riverside, { generatedBy: 'x' }],
    bad: [
      BAD_POLICIES,
      [
        ...BAD_INSTANTS.map((raisedAt) => ({ raisedAt })),
        ...[...BAD_DATES, ...BAD_INSTANTS].map((asOf) => ({ asOf })),
        { generatedBy: 42 },
        { from: '--> -->' },
        { diagramFile: 'a b (c).svg' },
        { diagramFile: '\ud800' },
        { diagramFile: 7 },
      ],
    ],
  },
  {
    name: 'renderStateDiagramSvg',
    call: (p) => lib.renderStateDiagramSvg(p as never),
    good: [riverside],
    bad: [BAD_POLICIES],
  },
  { name: 'escapeXml', call: (t) => lib.escapeXml(t as never), good: ['a & b'], bad: [['\ud800', '\u0000<&>']] },
  {
    name: 'policyCurrency',
    call: (p, a) => lib.policyCurrency(p as never, a as never),
    good: [riverside, '2025-06-01'],
    bad: [
      [...BAD_POLICIES, { source: {} }, { source: { document: 'd', reviewDue: '2025-13' } }, { source: 'x' }],
      [...BAD_DATES, ...BAD_INSTANTS],
    ],
  },
  {
    name: 'policyTemplate',
    call: (o) => lib.policyTemplate(o as never),
    good: [{ id: 'riverbank', partnership: 'Riverbank' }],
    bad: [
      [
        { id: 'Riverbank' },
        { id: 'river\nstages: []' },
        { id: 'riverbank', partnership: 42 },
        { id: 'riverbank', partnership: '"\n# injected' },
        { id: 'riverbank', schema: './schema.json\nid: other' },
      ],
    ],
  },
  {
    name: 'renderStateDiagram',
    call: (p) => lib.renderStateDiagram(p as never),
    good: [riverside],
    bad: [BAD_POLICIES],
  },
  {
    name: 'renderPoliciesOverview',
    call: (l, o) => lib.renderPoliciesOverview(l as never, o as never),
    good: [[riverside], { generatedBy: 'x', title: 'Ours' }],
    bad: [
      [[{ id: 'half' }], riverside, 'riverside'],
      [
        'x',
        { title: 42 },
        { title: '   ' },
        ...BAD_INSTANTS.map((raisedAt) => ({ raisedAt })),
        ...[...BAD_DATES, ...BAD_INSTANTS].map((asOf) => ({ asOf })),
      ],
    ],
  },
  {
    name: 'renderWorstCaseTable',
    call: (l, o) => lib.renderWorstCaseTable(l as never, o as never),
    good: [[riverside], { year: 2025 }],
    bad: [
      [[{ id: 'half' }], riverside],
      [{ year: 1969 }, { year: 2025.5 }, { year: '2025' }, ...BAD_INSTANTS.map((raisedAt) => ({ raisedAt }))],
    ],
  },
  {
    name: 'renderTimeline',
    call: (p, e, n, o) => lib.renderTimeline(p as never, e as never, n as never, o as never),
    good: [policy, escalation, now, {}],
    bad: [BAD_POLICIES, BAD_ESCALATIONS, BAD_INSTANTS, BAD_OPTIONS],
  },
  {
    name: 'worstCaseTimeline',
    call: (p, r) => lib.worstCaseTimeline(p as never, r as never),
    good: [riverside, raisedAt],
    bad: [BAD_POLICIES, BAD_INSTANTS],
  },
  {
    name: 'longestRaiseDate',
    call: (p, y) => lib.longestRaiseDate(p as never, y as never),
    good: [riverside, 2025],
    bad: [BAD_POLICIES, [1969, 2100, 2025.5, '2025', 1e9]],
  },
  // Versions.
  {
    name: 'diffPolicies',
    call: (a, b) => lib.diffPolicies(a as never, b as never),
    good: [riverside, shorter],
    bad: [BAD_POLICIES, BAD_POLICIES],
  },
  {
    name: 'renderPolicyDiff',
    call: (d) => lib.renderPolicyDiff(d as never),
    good: [lib.diffPolicies(riverside, shorter)],
    bad: [
      [
        { ...lib.diffPolicies(riverside, shorter), changes: 'x' },
        {
          ...lib.diffPolicies(riverside, shorter),
          changes: [{ kind: 'changed', area: 'constructor', rule: true, summary: 'x' }],
        },
        { ...lib.diffPolicies(riverside, shorter), before: { id: 1, version: 2 } },
        { ...lib.diffPolicies(riverside, shorter), ruleChanges: -1 },
      ],
    ],
  },
  {
    name: 'migrateEscalation',
    call: (e, o) => lib.migrateEscalation(e as never, o as never),
    good: [escalation, { from: policy, to: shorter, plan: { deadlines: 'keep-date' }, at: now, reason: 'Adopted' }],
    bad: [
      BAD_ESCALATIONS,
      [
        ...BAD_POLICIES.map((to) => ({ from: policy, to, plan: { deadlines: 'keep-date' }, at: now, reason: 'r' })),
        ...BAD_POLICIES.map((from) => ({ from, to: shorter, plan: { deadlines: 'keep-date' }, at: now, reason: 'r' })),
        ...BAD_INSTANTS.map((at) => ({ from: policy, to: shorter, plan: { deadlines: 'keep-date' }, at, reason: 'r' })),
        { from: policy, to: shorter, plan: {}, at: now, reason: 'r' },
        { from: policy, to: shorter, plan: { deadlines: 'sometime' }, at: now, reason: 'r' },
        { from: policy, to: shorter, plan: { stages: { 'stage-1': 'stage-9' } }, at: now, reason: 'r' },
        { from: policy, to: shorter, plan: { stages: JSON.parse('{"__proto__":"stage-1"}') }, at: now, reason: 'r' },
        { from: policy, to: shorter, plan: { duties: { constructor: { end: 'x' } } }, at: now, reason: 'r' },
        { from: policy, to: shorter, plan: { duties: JSON.parse('{"__proto__":{"end":"x"}}') }, at: now, reason: 'r' },
        { from: policy, to: shorter, plan: { start: { toString: 'migration' } }, at: now, reason: 'r' },
        { from: policy, to: 'shorter', plan: { deadlines: 'keep-date' }, at: now, reason: 'r' },
        { from: lib.policyRegistry([riverside, shorter]), to: '__proto__', plan: {}, at: now, reason: 'r' },
        { from: policy, to: shorter, plan: { deadlines: 'keep-date' }, at: '2025-01-01T00:00:00Z', reason: 'r' },
        { from: policy, to: shorter, plan: { deadlines: 'keep-date' }, at: now, reason: '  ' },
        { from: policy, to: riverside, plan: { deadlines: 'keep-date' }, at: now, reason: 'r' },
        { from: policy, to: lib.policies.suffolk, plan: { deadlines: 'keep-date' }, at: now, reason: 'r' },
        { from: policy, to: shorter, plan: { deadlines: 'keep-date' }, at: now, reason: 'r', calendar: 'x' },
      ],
    ],
  },
  // Oversight.
  {
    name: 'summarise',
    call: (l, o) => lib.summarise(l as never, o as never),
    good: [register, goodOversight],
    bad: [[[deepArray], 'abc', [plainEscalation, BAD_ESCALATIONS].flat()], BAD_OVERSIGHT_OPTIONS],
  },
  {
    name: 'trackerRows',
    call: (l, o) => lib.trackerRows(l as never, o as never),
    good: [register, { now }],
    bad: [[[deepArray], 'abc', BAD_ESCALATIONS], BAD_OVERSIGHT_OPTIONS],
  },
  {
    name: 'trackerCsv',
    call: (l, o) => lib.trackerCsv(l as never, o as never),
    good: [register, { now }],
    bad: [[[deepArray], 'abc', BAD_ESCALATIONS], BAD_OVERSIGHT_OPTIONS],
  },
  {
    name: 'renderAnnualReport',
    call: (l, o) => lib.renderAnnualReport(l as never, o as never),
    good: [register, goodOversight],
    bad: [
      [[deepArray], 'abc', BAD_ESCALATIONS],
      [...BAD_OVERSIGHT_OPTIONS, { ...goodOversight, title: 42 }, { ...goodOversight, chartPath: 42 }],
    ],
  },
  {
    name: 'stackedBarChart',
    call: (t, c, s, o) => lib.stackedBarChart(t as never, c as never, s as never, o as never),
    good: ['t', ['a'], [{ name: 's', values: [1] }], { width: 400 }],
    bad: [
      [],
      [[1], ['a', null]],
      [
        [{ name: 's', values: [Infinity] }],
        [{ name: 's', values: [-1] }],
        [{ name: 1, values: [] }],
        [{ name: 's', values: [1e300] }],
      ],
      [{ width: Infinity }, { width: -1 }, { height: 1e9 }],
    ],
  },
  // The auditor's kit (safeguarding-escalation/testing).
  {
    name: 'testing: arbitraries.eventSequence',
    call: (p, o) => arbitraries.eventSequence(p as never, o as never),
    good: [riverside, { maxEvents: 3 }],
    bad: [BAD_POLICIES, [{ maxEvents: -1 }, { maxEvents: 1.5 }, { maxEvents: 1e9 }, { calendar: 'x' }]],
  },
  { name: 'testing: arbitraries.londonInstant', call: () => arbitraries.londonInstant(), good: [], bad: [] },
  { name: 'testing: arbitraries.date', call: () => arbitraries.date(), good: [], bad: [] },
  { name: 'testing: arbitraries.division', call: () => arbitraries.division(), good: [], bad: [] },
  {
    name: 'testing: checkInvariants',
    call: (p, e, n, o) => checkInvariants(p as never, e as never, n as never, o as never),
    good: [policy, escalation, now, {}],
    bad: [BAD_POLICIES, BAD_ESCALATIONS, BAD_INSTANTS, [{ previous: 42 }, { calendar: 'x' }]],
  },
  {
    name: 'testing: runSequence',
    call: (p, s, o) => runSequence(p as never, s as never, o as never),
    good: [policy, { start: { id: 'X', raisedAt }, events: [{ type: 'ESCALATE', at: now }], now }, {}],
    bad: [
      BAD_POLICIES,
      [{ start: 'x', events: [] }, { start: { id: 'X', raisedAt }, events: BAD_EVENTS }, { events: 'x' }],
      BAD_OPTIONS,
    ],
  },
];

/** The argument lists tried for a target: each argument in turn replaced by each bad value, then the extras, then none at all. */
export function inputsOf(target: Target): unknown[][] {
  const lists: unknown[][] = [];
  const positions = target.good.length;
  for (let i = 0; i < positions; i++) {
    const values = [
      ...(target.genericOnly === undefined || target.genericOnly.includes(i) ? GENERIC : []),
      ...(target.bad[i] ?? []),
    ];
    for (const value of values) lists.push(target.good.map((good, j) => (j === i ? value : good)));
  }
  for (const extra of target.extra ?? []) lists.push([...extra]);
  if (positions > 0) lists.push([]);
  lists.push([...target.good, 'one too many']);
  return lists;
}
