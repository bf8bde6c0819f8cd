// npm run bench: every figure is a ratio against a named peer measured in the same run. One function
// per group of rows; each adds its rows with `report`, and the table is printed at the end.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { addBusinessDays } from 'date-fns/addBusinessDays';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import Holidays from 'date-holidays';
import * as esbuild from 'esbuild';
import { Bench } from 'tinybench';
import { createActor, transition } from 'xstate';
import * as pkg from 'safeguarding-escalation';
import { benchCorpus } from './corpus.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = [];
const report = (name, ratio, peer, note = '') => results.push({ name, ratio, peer, note });
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
let sink = 0;

/** Milliseconds of CPU this process has used: unlike the clock, it does not count time another process had the CPU. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Times tasks that each make one whole pass over their data, in interleaved rounds (so that a noisy
 * neighbour slows every task alike), in CPU time, and gives the median milliseconds per pass of each.
 */
function timePasses(tasks, { rounds = 9, minMs = 150 } = {}) {
  const samples = Object.fromEntries(Object.keys(tasks).map((name) => [name, []]));
  for (const task of Object.values(tasks)) for (let k = 0; k < 3; k++) task();
  for (let round = 0; round < rounds; round++) {
    for (const [name, task] of Object.entries(tasks)) {
      let passes = 0;
      const t0 = cpuMs();
      let elapsed;
      do {
        task();
        passes++;
        elapsed = cpuMs() - t0;
      } while (elapsed < minMs);
      samples[name].push(elapsed / passes);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, median(xs)]));
}

const us = (ms, n) => `${((ms * 1000) / n).toFixed(1)} µs`;

// --- 1. The calendar: addWorkingDays on ISO strings against date-fns addBusinessDays --------------

async function calendarRows() {
  const cal = pkg.ukCalendar('england-and-wales');
  const starts = Array.from({ length: 1024 }, (_, i) =>
    new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
  );
  const dates = starts.map((s) => parseISO(s));
  const hd = new Holidays('GB', 'ENG');
  // Each task runs a batch of calls over the same 1024 start dates, so the harness's own timing of
  // each task call (tens of nanoseconds) does not swamp the faster functions.
  const BATCH = 1024;
  const bench = new Bench({ time: 1000, warmupTime: 300 });
  bench
    .add('addWorkingDays (ISO string in and out)', () => {
      for (let i = 0; i < BATCH; i++) sink += cal.addWorkingDays(starts[i], 10).length;
    })
    .add('date-fns addBusinessDays (Date in and out)', () => {
      for (let i = 0; i < BATCH; i++) sink += addBusinessDays(dates[i], 10).getTime() & 1;
    })
    .add('date-fns addBusinessDays (ISO string in, Date out)', () => {
      for (let i = 0; i < BATCH; i++) sink += addBusinessDays(starts[i], 10).getTime() & 1;
    })
    .add('date-fns addBusinessDays (ISO string in and out)', () => {
      for (let i = 0; i < BATCH; i++) sink += format(addBusinessDays(parseISO(starts[i]), 10), 'yyyy-MM-dd').length;
    })
    .add('day-by-day loop over date-holidays isHoliday', () => {
      for (let i = 0; i < 8; i++) {
        let d = dates[i * 128];
        for (let left = 10; left > 0;) {
          d = new Date(d.getTime() + 86_400_000);
          const w = d.getUTCDay();
          if (w !== 0 && w !== 6 && !hd.isHoliday(d)) left--;
        }
        sink += d.getTime() & 1;
      }
    });
  await bench.run();
  const perCall = { 'day-by-day loop over date-holidays isHoliday': 8 };
  const hz = Object.fromEntries(
    bench.tasks.map((t) => [t.name, t.result.throughput.mean * (perCall[t.name] ?? BATCH)]),
  );
  const ours = hz['addWorkingDays (ISO string in and out)'];
  report(
    'addWorkingDays(ISO, 10) vs date-fns addBusinessDays(Date, 10)',
    ours / hz['date-fns addBusinessDays (Date in and out)'],
    'date-fns addBusinessDays',
    'times faster; goal ≥ 10',
  );
  report(
    'addWorkingDays(ISO, 10) vs date-fns addBusinessDays(ISO, 10) on the same strings',
    ours / hz['date-fns addBusinessDays (ISO string in, Date out)'],
    'date-fns addBusinessDays',
    'times faster; goal ≥ 10',
  );
  report(
    'addWorkingDays(ISO, 10) vs date-fns on ISO strings (parseISO + format)',
    ours / hz['date-fns addBusinessDays (ISO string in and out)'],
    'date-fns parseISO/addBusinessDays/format',
    'times faster',
  );
  report(
    'date-fns addBusinessDays vs a loop over date-holidays isHoliday',
    hz['date-fns addBusinessDays (Date in and out)'] / hz['day-by-day loop over date-holidays isHoliday'],
    'date-holidays isHoliday loop',
    'times faster (for scale)',
  );
}

// --- 2. What a browser app downloads: esbuild, minified, tree-shaken, gzipped ----------------------

/** The gzipped size in bytes of a browser bundle of `code`, resolved from the package root. */
async function bundleSize(code) {
  const out = await esbuild.build({
    stdin: { contents: code, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(out.outputFiles[0].contents, { level: 9 }).length;
}

const importing = (names, from = 'safeguarding-escalation') =>
  `import { ${names.join(', ')} } from '${from}';\nconsole.log(${names.join(', ')});\n`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function bundleRows() {
  const theirs = await bundleSize(
    `import Holidays from 'date-holidays';\nconsole.log(new Holidays('GB', 'ENG').isHoliday(new Date()));\n`,
  );
  const peer = `date-holidays runtime (${kb(theirs)} gzipped)`;
  const engine = ['startEscalation', 'applyEvent', 'getStatus', 'restoreEscalation', 'ukCalendar'];
  const six = await bundleSize(importing([...engine, 'policies']));
  report(
    `browser bundle of { ${[...engine, 'policies'].join(', ')} } (${kb(six)})`,
    six / theirs,
    peer,
    'of its size; goal ≤ 40 KB',
  );
  const exported = Object.keys(pkg.policies);
  const withoutPolicies = await bundleSize(importing(engine));
  const fiveShare = six - withoutPolicies;
  for (const id of exported) {
    const name = id.replace(/-(\w)/g, (_, c) => c.toUpperCase());
    const one = await bundleSize(
      `${importing(engine)}import { ${name} } from 'safeguarding-escalation/policies/${id}';\nconsole.log(${name});\n`,
    ).catch(() => NaN);
    report(
      `the same front end with only ${id}'s policy (${kb(one)}; its share ${kb(one - withoutPolicies)})`,
      (one - withoutPolicies) / fiveShare,
      `the five policies' share (${kb(fiveShare)})`,
      'of it; goal ≤ 0.2',
    );
  }
  const calendarOnly = await bundleSize(importing(['ukCalendar']));
  report(`ukCalendar alone (${kb(calendarOnly)})`, calendarOnly / theirs, peer, 'of its size; goal ≤ 6 KB');
  for (const entry of ['safeguarding-escalation', 'safeguarding-escalation/testing']) {
    const whole = await bundleSize(`import * as all from '${entry}';\nconsole.log(all);\n`);
    report(`every export of ${entry} (${kb(whole)})`, whole / theirs, peer, 'of its size');
  }
}

// --- 3. Node start-up: import and one deadline, fresh processes, alternated ----------------------

async function coldStartRows() {
  // Each child reports the CPU it used from just before the import to the answer (on a shared machine
  // the clock also counts other processes' turns), and the clock time beside it.
  const run = (code) =>
    execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' })
      .trim()
      .split(' ')
      .map(Number);
  const timed = (body) =>
    `const c0 = process.cpuUsage(); const t0 = performance.now(); ${body} const c = process.cpuUsage(c0); console.log((c.user + c.system) / 1000, performance.now() - t0);`;
  const oursCode = timed(
    `const m = await import('safeguarding-escalation'); m.endOfLondonDay(m.ukCalendar('england-and-wales').addWorkingDays('2024-12-19', 10));`,
  );
  const theirsCode = timed(
    `const { default: H } = await import('date-holidays'); new H('GB', 'ENG').isHoliday(new Date('2024-12-25T12:00:00Z'));`,
  );
  const a = [];
  const b = [];
  for (let k = 0; k < 15; k++) {
    a.push(run(oursCode));
    b.push(run(theirsCode));
  }
  const cpu = (runs) => median(runs.map((r) => r[0]));
  const clock = (runs) => median(runs.map((r) => r[1]));
  report(
    'import + one deadline vs import date-holidays + one question (CPU time)',
    cpu(a) / cpu(b),
    `date-holidays (${cpu(b).toFixed(1)} ms; ours ${cpu(a).toFixed(1)} ms)`,
    'of its time; goal ≤ 0.4',
  );
  report(
    'the same, by the clock',
    clock(a) / clock(b),
    `date-holidays (${clock(b).toFixed(1)} ms; ours ${clock(a).toFixed(1)} ms)`,
    'of its time',
  );
}

// --- The corpus: several thousand stored escalations, and the events that made them ---------------

function corpusOf() {
  const t0 = performance.now();
  const corpus = benchCorpus(pkg, { seed: 18, count: 3000 });
  const { cases } = corpus;
  const events = cases.reduce((n, c) => n + c.events.length, 0);
  const bytes = cases.reduce((n, c) => n + c.json.length, 0);
  const open = cases.filter((c) => c.escalation.status === 'open').length;
  console.log(
    `corpus: ${cases.length} escalations (${open} open), ${events} events, ${(bytes / 1e6).toFixed(1)} MB of JSON, made in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return corpus;
}

/** Each event of the corpus with the escalation before it, replayed from the start. */
function stepsOf(corpus, limit = Infinity) {
  const steps = [];
  for (const c of corpus.cases) {
    const policy = pkg.policies[c.policyId];
    let e = pkg.startEscalation(policy, c.start);
    for (const event of c.events) {
      steps.push({ policy, machine: pkg.createPolicyMachine(policy), before: e, event });
      e = pkg.applyEvent(policy, e, event);
      if (steps.length >= limit) return steps;
    }
  }
  return steps;
}

/** The event as the derived machine takes it: movement events with their target, reason and the recorded risk. */
function machineEvent(event, before) {
  if (!['ESCALATE', 'EXPEDITE', 'RESOLVE', 'WITHDRAW'].includes(event.type)) return { type: event.type };
  return {
    type: event.type,
    ...(event.to ? { to: event.to } : {}),
    ...(event.reason ? { reason: event.reason } : {}),
    risk: before.risk,
  };
}

// --- 4. The nightly sweep: restore each stored string and ask its status ------------------------

function sweepRows(corpus) {
  const rows = corpus.cases.map((c) => ({ policy: pkg.policies[c.policyId], json: c.json, escalation: c.escalation }));
  const { now } = corpus;
  const t = timePasses({
    'JSON.parse': () => {
      for (const row of rows) sink += JSON.parse(row.json).history.length;
    },
    sweep: () => {
      for (const row of rows)
        sink += pkg.getStatus(row.policy, pkg.restoreEscalation(row.policy, row.json), now).deadlines.length;
    },
    getStatus: () => {
      for (const row of rows) sink += pkg.getStatus(row.policy, row.escalation, now).deadlines.length;
    },
  });
  const n = rows.length;
  report(
    `sweep: restoreEscalation + getStatus from the stored string (${us(t.sweep, n)} a case)`,
    t.sweep / t['JSON.parse'],
    `JSON.parse of the same strings (${us(t['JSON.parse'], n)})`,
    'of its time; goal ≤ 1.5',
  );
  report(
    `getStatus on the escalation in memory (${us(t.getStatus, n)})`,
    t.getStatus / t['JSON.parse'],
    'JSON.parse of its string',
    'of its time',
  );
}

// --- 5. The host's event path: stored string to stored string ------------------------------------

function eventPathRows(corpus) {
  const steps = stepsOf(corpus, 6000).map((step) => {
    const json = JSON.stringify(step.before);
    const snapshot = createActor(step.machine, {
      snapshot: step.machine.resolveState({ value: step.before.state, context: undefined }),
    }).getPersistedSnapshot();
    return {
      ...step,
      json,
      machineEvent: machineEvent(step.event, step.before),
      // What a host keeps when it runs the machine as an actor: its persisted snapshot, bare or
      // carrying the case's data in its context.
      bare: JSON.stringify(snapshot),
      carrying: JSON.stringify({ ...snapshot, context: JSON.parse(json) }),
    };
  });
  const actorPath = (stored, step) => {
    const actor = createActor(step.machine, { snapshot: JSON.parse(stored) });
    actor.start();
    actor.send(step.machineEvent);
    const out = JSON.stringify(actor.getPersistedSnapshot());
    actor.stop();
    return out.length;
  };
  const t = timePasses({
    ours: () => {
      for (const step of steps) {
        try {
          sink += JSON.stringify(
            pkg.applyEvent(step.policy, pkg.restoreEscalation(step.policy, step.json), step.event),
          ).length;
        } catch {
          sink++; // none: every step was taken when the corpus was made
        }
      }
    },
    'actor carrying the case': () => {
      for (const step of steps) sink += actorPath(step.carrying, step);
    },
    'bare actor': () => {
      for (const step of steps) sink += actorPath(step.bare, step);
    },
  });
  const n = steps.length;
  report(
    `event path: restoreEscalation + applyEvent + JSON.stringify, stored string to stored string (${us(t.ours, n)} an event)`,
    t.ours / t['actor carrying the case'],
    `XState actor, its persisted snapshot carrying the case's JSON: parse, createActor, send, getPersistedSnapshot, stringify (${us(t['actor carrying the case'], n)})`,
    'of its time; goal ≤ 2',
  );
  report(
    'the same',
    t.ours / t['bare actor'],
    `the same XState actor path with a bare snapshot (state only, ${us(t['bare actor'], n)})`,
    'of its time (for scale)',
  );
}

// --- 6. applyEvent on the corpus' events, in memory, against XState's transition ------------------

function replayRows(corpus) {
  const steps = stepsOf(corpus).map((step) => ({
    ...step,
    machineEvent: machineEvent(step.event, step.before),
    snapshot: step.machine.resolveState({ value: step.before.state, context: undefined }),
  }));
  const t = timePasses({
    applyEvent: () => {
      for (const step of steps) sink += pkg.applyEvent(step.policy, step.before, step.event).history.length;
    },
    transition: () => {
      for (const step of steps) sink += transition(step.machine, step.snapshot, step.machineEvent)[1].length;
    },
  });
  const n = steps.length;
  const mix = {};
  for (const step of steps) mix[step.event.type] = (mix[step.event.type] ?? 0) + 1;
  console.log(
    `replayed mix: ${Object.entries(mix)
      .map(([type, count]) => `${type} ${count}`)
      .join(', ')}`,
  );
  report(
    `applyEvent on the corpus' ${n} events, replayed (${us(t.applyEvent, n)} an event)`,
    t.applyEvent / t.transition,
    `XState transition(machine, snapshot, event) on the same events (${us(t.transition, n)})`,
    'of its time; goal ≤ 1.5',
  );
}

// --- 7. A long case: 5,000 obligations, against a small case ------------------------------------

function largeCaseRows() {
  const policy = pkg.policies.barnsley;
  // Progress reported to the Partnership Manager every two hours for over a year: each update meets
  // the running reminder and starts the next round.
  const update = (ms) => ({
    type: 'RECORD',
    id: `update-${ms}`,
    at: new Date(ms).toISOString(),
    record: { kind: 'notification', to: 'partnership-manager' },
  });
  const grow = (updates) => {
    let e = pkg.startEscalation(policy, { id: `LONG-${updates}`, raisedAt: '2024-01-08T09:00:00Z' });
    e = pkg.applyEvent(policy, e, { type: 'ESCALATE', at: '2024-01-08T09:30:00Z' }); // to Stage 1, where updates are owed
    let t = Date.parse('2024-01-08T10:00:00Z');
    for (let i = 0; i < updates; i++, t += 2 * 3_600_000) e = pkg.applyEvent(policy, e, update(t));
    return { e, next: update(t), now: new Date(t - 3_600_000).toISOString() };
  };
  const small = grow(3);
  const large = grow(5000);
  const t = timePasses({
    'getStatus small': () => {
      for (let i = 0; i < 200; i++) sink += pkg.getStatus(policy, small.e, small.now).deadlines.length;
    },
    'getStatus large': () => {
      for (let i = 0; i < 200; i++) sink += pkg.getStatus(policy, large.e, large.now).deadlines.length;
    },
    'applyEvent small': () => {
      for (let i = 0; i < 200; i++) sink += pkg.applyEvent(policy, small.e, small.next).history.length;
    },
    'applyEvent large': () => {
      for (let i = 0; i < 200; i++) sink += pkg.applyEvent(policy, large.e, large.next).history.length;
    },
  });
  const shape = (x) => `${x.e.obligations.length} obligations, ${x.e.history.length} history entries`;
  report(
    `getStatus on a case of ${shape(large)} (${us(t['getStatus large'], 200)})`,
    t['getStatus large'] / t['getStatus small'],
    `getStatus on a case of ${shape(small)} (${us(t['getStatus small'], 200)})`,
    'of its time; goal ≤ 2',
  );
  report(
    `applyEvent on that case (${us(t['applyEvent large'], 200)})`,
    t['applyEvent large'] / t['applyEvent small'],
    `applyEvent on the small case (${us(t['applyEvent small'], 200)})`,
    'of its time; goal ≤ 2',
  );
}

// --- 8. Oversight: summarise over rows streamed from storage -------------------------------------

function summariseRows(corpus) {
  // The corpus ten times over, as a register read row by row: each row parsed as it comes.
  const rows = [];
  for (let k = 0; k < 10; k++) for (const c of corpus.cases) rows.push(c.json);
  const options = { from: '2025-03-01', to: '2026-02-28', now: corpus.now };
  function* streamed() {
    for (const row of rows) yield JSON.parse(row);
  }
  const t = timePasses(
    {
      parse: () => {
        for (const row of rows) sink += JSON.parse(row).history.length;
      },
      summarise: () => {
        sink += pkg.summarise(streamed(), options).raised;
      },
    },
    { rounds: 5, minMs: 0 },
  );
  report(
    `summarise over ${rows.length.toLocaleString('en-GB')} streamed rows, parsing each (${t.summarise.toFixed(0)} ms)`,
    t.summarise / t.parse,
    `JSON.parse of the rows alone (${t.parse.toFixed(0)} ms)`,
    'of its time (1 + summarise’s own share)',
  );
}

// --- 9. History length: a case open for years (Barnsley, Stage One extended for years, a progress update to
//    the Partnership Manager every tenth fact, notes in between). The cost of one call at 1,000 and
//    10,000 history entries as a ratio to its cost at 10; restoring from the stored string as a ratio to
//    JSON.parse of the same string. Goal (issue 17): within 2x of the 10-entry cost.
async function historyLengthRows() {
  const policy = pkg.policies.barnsley;
  const HALF_DAY = 43_200_000;
  const longCase = (entries) => {
    let e = pkg.startEscalation(policy, { id: 'LONG', raisedAt: '2021-01-04T09:00:00Z' });
    e = pkg.applyEvent(policy, e, { type: 'ESCALATE', at: '2021-01-04T10:00:00Z' });
    e = pkg.applyEvent(policy, e, {
      type: 'EXTEND',
      at: '2021-01-04T11:00:00Z',
      obligation: 'stage-1-resolution',
      to: '2035-01-05',
      reason: 'A long case',
      agreedBy: 'Both leads',
    });
    let t = Date.parse('2021-01-05T09:00:00Z');
    for (let i = 0; e.history.length < entries; i++, t += HALF_DAY) {
      const record =
        i % 10 === 0 ? { kind: 'notification', to: 'partnership manager' } : { kind: 'note', summary: `note ${i}` };
      e = pkg.applyEvent(policy, e, { type: 'RECORD', id: `n-${i}`, at: new Date(t).toISOString(), record });
    }
    return { e, now: new Date(t).toISOString(), late: new Date(t - HALF_DAY - 3_600_000).toISOString() };
  };
  const perCall = {};
  const sizes = [10, 1_000, 10_000];
  for (const size of sizes) {
    const { e, now, late } = longCase(size);
    const json = JSON.stringify(e);
    const bench = new Bench({ time: 500, warmupTime: 100 });
    bench
      .add('applyEvent (a note)', () => {
        sink += pkg.applyEvent(policy, e, { type: 'RECORD', id: 'next', at: now, record: { kind: 'note' } }).history
          .length;
      })
      .add('applyEvent (a note learned late)', () => {
        sink += pkg.applyEvent(policy, e, { type: 'RECORD', id: 'late', at: late, record: { kind: 'note' } }).history
          .length;
      })
      .add('getStatus', () => {
        sink += pkg.getStatus(policy, e, now).deadlines.length;
      })
      .add('restoreEscalation (string)', () => {
        sink += pkg.restoreEscalation(policy, json).history.length;
      })
      .add('JSON.parse (same string)', () => {
        sink += JSON.parse(json).history.length;
      });
    await bench.run();
    perCall[size] = Object.fromEntries(bench.tasks.map((t) => [t.name, t.result.latency.mean]));
    console.table(
      bench.tasks.map((t) => ({
        entries: e.history.length,
        obligations: e.obligations.length,
        KB: Math.round(json.length / 1024),
        task: t.name,
        'µs/call': (t.result.latency.mean * 1000).toFixed(1),
      })),
    );
  }
  for (const size of sizes.slice(1)) {
    for (const task of ['applyEvent (a note)', 'applyEvent (a note learned late)', 'getStatus']) {
      report(
        `history length: ${task} at ${size.toLocaleString('en-GB')} entries`,
        perCall[size][task] / perCall[10][task],
        `the same call at 10 entries`,
        'times its cost; goal ≤ 2',
      );
    }
  }
  for (const size of sizes) {
    report(
      `history length: restoreEscalation(string) at ${size.toLocaleString('en-GB')} entries`,
      perCall[size]['restoreEscalation (string)'] / perCall[size]['JSON.parse (same string)'],
      'JSON.parse of the same string',
      'of its time',
    );
  }
  if (sink === 42) console.log('');
}

// BENCH=sweep,replay npm run bench runs only those groups.
const only = process.env.BENCH?.split(',');
const wanted = (group) => !only || only.includes(group);
if (wanted('calendar')) await calendarRows();
if (wanted('bundle')) await bundleRows();
if (wanted('cold')) await coldStartRows();
const corpus = ['sweep', 'event', 'replay', 'summarise'].some(wanted) ? corpusOf() : undefined;
if (wanted('sweep')) sweepRows(corpus);
if (wanted('event')) eventPathRows(corpus);
if (wanted('replay')) replayRows(corpus);
if (wanted('large')) largeCaseRows();
if (wanted('summarise')) summariseRows(corpus);
if (wanted('history')) await historyLengthRows();

if (sink === 42) console.log('');
console.log('');
for (const r of results)
  console.log(`${r.ratio.toFixed(r.ratio < 10 ? 2 : 0).padStart(8)}  ${r.name}  [peer: ${r.peer}] ${r.note}`);
