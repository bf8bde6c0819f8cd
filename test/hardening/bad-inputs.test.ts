// Every public function fed bad types and values (the table in badInputs.ts), and every command of the
// command line fed bad arguments: each gives a result or one of the library's coded errors (an exit
// code of 1 or 2 for the command line, never 3, its "internal error"), never writes to what it was
// given and never keeps it. The counts are written to docs/testing.md: a test fails when they differ.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPolicy, policies, startEscalation } from '../../src/index.js';
import { run } from '../../src/cli/main.js';
import { isTrusted } from '../../src/escalation/trusted.js';
import { inputsOf, TARGETS } from './badInputs.js';
import { resultOrCoded } from './coded.js';

const counts = new Map<string, number>();

/** Objects made by the library (a policy, a calendar, an escalation it returned): shared, never the caller's. */
const libraryMade = (value: object) =>
  isPolicy(value) || isTrusted(value) || (Object.isFrozen(value) && 'addWorkingDays' in value);

/** A copy of a plain argument with everything in it frozen; the library's own objects, functions and symbols as they are. */
function frozenCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || libraryMade(value)) return value;
  let copy: unknown;
  try {
    copy = structuredClone(value);
  } catch {
    return value;
  }
  const stack = [copy];
  while (stack.length) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null || Object.isFrozen(item)) continue;
    Object.freeze(item);
    for (const child of Object.values(item)) stack.push(child);
  }
  return copy;
}

/** Every object reachable from a value (own enumerable properties), the library's own left out. */
function reachable(value: unknown, limit = 200_000): Set<object> {
  const seen = new Set<object>();
  const stack = [value];
  while (stack.length && seen.size < limit) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null || seen.has(item) || libraryMade(item)) continue;
    seen.add(item);
    for (const child of Object.values(item)) stack.push(child);
  }
  return seen;
}

describe('every public function, fed bad types and values', () => {
  it.each(TARGETS.map((target) => [target.name, target] as const))(
    '%s: a result or a coded error, and the caller’s objects untouched and not kept',
    (name, target) => {
      const lists = inputsOf(target);
      for (const list of lists) {
        const args = list.map(frozenCopy);
        let outcome;
        try {
          outcome = resultOrCoded(() => target.call(...args));
        } catch (error) {
          throw new Error(`${name}(${args.map((a) => show(a)).join(', ')}): ${(error as Error).message}`, {
            cause: error,
          });
        }
        if (outcome.ok && typeof outcome.value === 'object' && outcome.value !== null) {
          const given = reachable(args);
          for (const kept of reachable(outcome.value))
            expect(given.has(kept), `${name} keeps an object it was given`).toBe(false);
        }
      }
      counts.set(name, lists.length);
    },
  );
});

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return String(typeof value);
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 60)}…` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

// --- The command line ----------------------------------------------------------------------------

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sge-bad-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const where = path.join(dir, name);
  fs.writeFileSync(where, text);
  return where;
};
const good = JSON.stringify(startEscalation(policies.suffolk, { id: 'S', raisedAt: '2025-01-06T10:00:00Z' }));
const FILES = {
  escalation: file('e.json', good),
  notJson: file('not.json', '{ this is not json'),
  empty: file('empty.json', ''),
  array: file('array.json', '[1, null, "x", {"format": 2}]'),
  damaged: file('damaged.json', good.replace('"format":2', '"format":2,"extra":1')),
  otherPolicy: file('other.json', good.replace('"id":"suffolk"', '"id":"constructor"')),
  proto: file('proto.json', '{"__proto__": {"polluted": true}, "policy": {"id": "__proto__"}}'),
  deepYaml: file('deep.yaml', `${'['.repeat(20_000)}${']'.repeat(20_000)}`),
  badPolicy: file('bad-policy.json', JSON.stringify({ id: 'x', stages: [{ id: 'constructor' }] })),
  policyYaml: file('policy.yaml', 'id: x\ntitle: [\n'),
  unknownExtension: file('policy.txt', 'id: x'),
  folder: dir,
  missing: path.join(dir, 'missing.json'),
};
const BAD_INSTANT_OPTIONS = [
  '',
  'soon',
  '2025-13-01',
  '2025-02-30',
  '1800-01-01',
  '2100-06-01',
  '9999-12-31',
  '2025-01-06T10:00:00',
  'NaN',
  '__proto__',
];
const BAD_DATE_OPTIONS = ['', '2025-13-01', '01/06/2025', '1800-01-01', '2101-01-01', 'constructor'];
const everyFile = Object.values(FILES);

/** Each command, and the argument lists tried on it. */
const COMMANDS: Record<string, string[][]> = {
  timeline: [
    [],
    ['constructor'],
    ['__proto__'],
    ['suffolk', '--division', 'wales'],
    ['suffolk', '--mermaid', '--json'],
    ...BAD_INSTANT_OPTIONS.map((raised) => ['suffolk', '--raised', raised]),
    ...everyFile.map((f) => [f]),
  ],
  status: [
    [],
    ...everyFile.map((f) => [f]),
    ...everyFile.map((f) => [FILES.escalation, '--policy', f]),
    ...BAD_INSTANT_OPTIONS.map((at) => [FILES.escalation, '--at', at]),
    [FILES.escalation, '--policy', 'constructor'],
    [FILES.escalation, '--at', '2025-01-05'],
  ],
  lint: [['constructor'], ['toString'], ...everyFile.map((f) => [f]), [FILES.deepYaml, '--json']],
  report: [
    [],
    [FILES.folder],
    ...everyFile.map((f) => [f, '--from', '2025-01-01', '--to', '2025-12-31']),
    ...everyFile.map((f) => [f, '--from', '2025-01-01', '--to', '2025-12-31', '--csv']),
    ...everyFile.map((f) => [f, '--from', '2025-01-01', '--to', '2025-12-31', '--md']),
    ...BAD_DATE_OPTIONS.map((from) => [FILES.folder, '--from', from, '--to', '2025-12-31']),
    ...BAD_DATE_OPTIONS.map((to) => [FILES.folder, '--from', '2025-01-01', '--to', to]),
    ...BAD_INSTANT_OPTIONS.map((now) => [FILES.folder, '--from', '2025-01-01', '--to', '2025-12-31', '--now', now]),
    [FILES.folder, '--from', '2025-12-31', '--to', '2025-01-01'],
    [FILES.folder, '--from', '2025-01-01', '--to', '2025-12-31', '--charts', FILES.escalation, '--md'],
  ],
  docs: [
    ['constructor'],
    ...everyFile.map((f) => [f, '--out', path.join(dir, 'out')]),
    ['suffolk', '--out', FILES.escalation],
  ],
  schema: [['extra'], ['--unknown']],
  diff: [
    [],
    ['suffolk'],
    ['constructor', 'suffolk'],
    ['suffolk', '__proto__'],
    ...everyFile.map((f) => ['suffolk', f]),
    ...everyFile.map((f) => [f, 'suffolk', '--md']),
    ['suffolk', 'barnsley', '--json', '--md'],
  ],
  init: [
    [],
    ['Riverbank'],
    ['river\nbank'],
    ['constructor', '--out', FILES.escalation],
    ['riverbank', '--out', FILES.folder],
    ['riverbank', '--out', path.join(FILES.escalation, 'x.yaml')],
    ['riverbank', '--partnership', ''],
  ],
  export: [
    [],
    ['constructor'],
    ['__proto__'],
    ['toString'],
    ['suffolk', '--out', FILES.escalation],
    ['suffolk', '--out', FILES.folder],
    ['suffolk', '--out', path.join(FILES.escalation, 'x.yaml')],
  ],
};

describe('the command line, fed bad arguments', () => {
  it.each(Object.entries(COMMANDS))(
    '%s: exit code 1 or 2 with a message, never an internal error',
    async (command, lists) => {
      for (const args of lists) {
        const err: string[] = [];
        const io = {
          out: () => undefined,
          write: () => undefined,
          err: (text: string) => void err.push(text),
          columns: 100,
        };
        const code = await run([command, ...args], io, () => new Date('2025-03-03T09:00:00Z'));
        expect(code, `${command} ${args.join(' ')}: ${err.join('\n')}`).not.toBe(3);
        expect(err.join('\n')).not.toContain('internal error');
      }
      counts.set(`CLI: ${command}`, lists.length);
    },
  );
});

// --- The counts, in docs/testing.md ----------------------------------------------------------------

const DOC = new URL('../../docs/testing.md', import.meta.url);
const START = '<!-- bad-input counts: begin -->';
const END = '<!-- bad-input counts: end -->';

describe('docs/testing.md', () => {
  it('gives the number of bad inputs tried on each public function and command (UPDATE_TESTING_DOC=1 rewrites it)', () => {
    expect(counts.size).toBe(TARGETS.length + Object.keys(COMMANDS).length);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const rows = [...counts.entries()].map(([name, n]) => `| \`${name}\` | ${n} |`);
    const table = [
      START,
      '',
      '| function or command | bad inputs tried |',
      '| --- | ---: |',
      ...rows,
      `| **all ${counts.size}** | **${total}** |`,
      '',
      END,
    ].join('\n');
    const text = fs.readFileSync(DOC, 'utf8');
    const current = text.slice(text.indexOf(START), text.indexOf(END) + END.length);
    if (process.env.UPDATE_TESTING_DOC) fs.writeFileSync(DOC, text.replace(current, table));
    else expect(current, 'run UPDATE_TESTING_DOC=1 npx vitest run test/hardening/bad-inputs.test.ts').toBe(table);
  });
});
