// npm run bench: every figure is a ratio against a named peer measured in the same run.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { addBusinessDays } from 'date-fns/addBusinessDays';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import Holidays from 'date-holidays';
import * as esbuild from 'esbuild';
import { Bench } from 'tinybench';
import * as pkg from 'safeguarding-escalation';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = [];
const report = (name, ratio, peer, note = '') => results.push({ name, ratio, peer, note });

// 1. addWorkingDays on ISO strings against date-fns addBusinessDays on Dates (which ignores holidays).
{
  const cal = pkg.ukCalendar('england-and-wales');
  const starts = Array.from({ length: 1024 }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
  const dates = starts.map((s) => parseISO(s));
  const hd = new Holidays('GB', 'ENG');
  let sink = 0;
  // Each task runs a batch of calls over the same 1024 start dates, so the harness's own timing of
  // each task call (tens of nanoseconds) does not swamp the faster functions.
  const BATCH = 1024;
  const bench = new Bench({ time: 1000, warmupTime: 300 });
  bench
    .add('addWorkingDays (ISO string in and out)', () => { for (let i = 0; i < BATCH; i++) sink += cal.addWorkingDays(starts[i], 10).length; })
    .add('date-fns addBusinessDays (Date in and out)', () => { for (let i = 0; i < BATCH; i++) sink += addBusinessDays(dates[i], 10).getTime() & 1; })
    .add('date-fns addBusinessDays (ISO string in, Date out)', () => { for (let i = 0; i < BATCH; i++) sink += addBusinessDays(starts[i], 10).getTime() & 1; })
    .add('date-fns addBusinessDays (ISO string in and out)', () => { for (let i = 0; i < BATCH; i++) sink += format(addBusinessDays(parseISO(starts[i]), 10), 'yyyy-MM-dd').length; })
    .add('day-by-day loop over date-holidays isHoliday', () => {
      for (let i = 0; i < 8; i++) {
        let d = dates[i * 128];
        for (let left = 10; left > 0; ) {
          d = new Date(d.getTime() + 86_400_000);
          const w = d.getUTCDay();
          if (w !== 0 && w !== 6 && !hd.isHoliday(d)) left--;
        }
        sink += d.getTime() & 1;
      }
    });
  await bench.run();
  const perCall = { 'day-by-day loop over date-holidays isHoliday': 8 };
  const hz = Object.fromEntries(bench.tasks.map((t) => [t.name, t.result.throughput.mean * (perCall[t.name] ?? BATCH)]));
  console.table(bench.tasks.map((t) => ({ task: t.name, 'calls/s': Math.round(hz[t.name]).toLocaleString('en-GB') })));
  const ours = hz['addWorkingDays (ISO string in and out)'];
  report('addWorkingDays(ISO, 10) vs date-fns addBusinessDays(Date, 10)', ours / hz['date-fns addBusinessDays (Date in and out)'], 'date-fns addBusinessDays', 'times faster; goal ≥ 10');
  report('addWorkingDays(ISO, 10) vs date-fns addBusinessDays(ISO, 10) on the same strings', ours / hz['date-fns addBusinessDays (ISO string in, Date out)'], 'date-fns addBusinessDays', 'times faster; goal ≥ 10');
  report('addWorkingDays(ISO, 10) vs date-fns on ISO strings (parseISO + format)', ours / hz['date-fns addBusinessDays (ISO string in and out)'], 'date-fns parseISO/addBusinessDays/format', 'times faster');
  report('date-fns addBusinessDays vs a loop over date-holidays isHoliday', hz['date-fns addBusinessDays (Date in and out)'] / hz['day-by-day loop over date-holidays isHoliday'], 'date-holidays isHoliday loop', 'times faster (for scale)');
  if (sink === 42) console.log('');
}

// 2. What a browser app imports to run escalations, bundled, minified, tree-shaken and gzipped.
{
  const wanted = ['startEscalation', 'applyEvent', 'getStatus', 'restoreEscalation', 'policies', 'ukCalendar', 'govUkCalendar', 'londonDate', 'endOfLondonDay'];
  const present = wanted.filter((name) => name in pkg);
  const missing = wanted.filter((name) => !(name in pkg));
  const size = async (code) => {
    const out = await esbuild.build({
      stdin: { contents: code, resolveDir: root, loader: 'js' }, bundle: true, minify: true, treeShaking: true,
      format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
    });
    return gzipSync(out.outputFiles[0].contents, { level: 9 }).length;
  };
  const ours = await size(`import { ${present.join(', ')} } from 'safeguarding-escalation';\nconsole.log(${present.join(', ')});\n`);
  const theirs = await size(`import Holidays from 'date-holidays';\nconsole.log(new Holidays('GB', 'ENG').isHoliday(new Date()));\n`);
  report(`browser bundle of { ${present.join(', ')} }`, ours / 1024, 'KB gzipped', `goal ≤ 60 KB${missing.length ? `; not yet in the package: ${missing.join(', ')}` : ''}`);
  report('that bundle vs the date-holidays runtime alone', ours / theirs, `date-holidays (${(theirs / 1024).toFixed(0)} KB gzipped)`, 'of its size');
}

// 3. Node start-up: import the package and compute one deadline, against importing date-holidays
//    and asking it one question. Fresh processes, alternated, median of each.
{
  const run = (code) => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
    return Number(out.trim());
  };
  const oursCode = `const t0 = performance.now(); const m = await import('safeguarding-escalation'); m.endOfLondonDay(m.ukCalendar('england-and-wales').addWorkingDays('2024-12-19', 10)); console.log(performance.now() - t0);`;
  const theirsCode = `const t0 = performance.now(); const { default: H } = await import('date-holidays'); new H('GB', 'ENG').isHoliday(new Date('2024-12-25T12:00:00Z')); console.log(performance.now() - t0);`;
  const a = [], b = [];
  for (let k = 0; k < 15; k++) { a.push(run(oursCode)); b.push(run(theirsCode)); }
  const median = (xs) => xs.sort((x, y) => x - y)[xs.length >> 1];
  report('import + one deadline vs import date-holidays + one question', median(a) / median(b), `date-holidays (${median(b).toFixed(1)} ms; ours ${median(a).toFixed(1)} ms)`, 'of its time; goal ≤ 0.75');
}

// 4. The engine: getStatus against JSON.parse of the same escalation; applyEvent beside XState's own
//    pure transition on the compiled machine.
if (!pkg.policies) console.log('(engine benchmark skipped: no built-in policies yet)');
else {
  const policy = pkg.policies['derby-derbyshire'];
  let e = pkg.startEscalation(policy, { id: 'B-1', raisedAt: '2024-12-19T10:00:00Z' });
  e = pkg.applyEvent(policy, e, { type: 'RECORD', at: '2024-12-19T15:00:00Z', record: { kind: 'discussion', summary: 'Spoke by phone' } });
  e = pkg.applyEvent(policy, e, { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' });
  e = pkg.applyEvent(policy, e, { type: 'RECORD', at: '2024-12-23T10:00:00Z', record: { kind: 'meeting', summary: 'Managers met' } });
  e = pkg.applyEvent(policy, e, { type: 'RECORD', at: '2024-12-24T10:00:00Z', record: { kind: 'notification', to: 'partnership manager' } });
  e = pkg.applyEvent(policy, e, { type: 'ESCALATE', at: '2024-12-27T10:00:00Z' });
  e = pkg.applyEvent(policy, e, { type: 'RECORD', at: '2024-12-27T11:00:00Z', record: { kind: 'form', form: 'escalation-template', summary: 'Template sent to senior managers' } });
  const json = JSON.stringify(e);
  const now = '2025-01-06T09:00:00.000Z';
  const { transition } = await import('xstate');
  const machine = pkg.createPolicyMachine(policy);
  const snapshot = machine.resolveState({ value: 'stage-1', context: undefined });
  const fresh = pkg.startEscalation(policy, { id: 'B-2', raisedAt: '2024-12-19T10:00:00Z' });
  let sink = 0;
  const bench = new Bench({ time: 1000, warmupTime: 300 });
  bench
    .add('JSON.parse of the escalation', () => { sink += JSON.parse(json).history.length; })
    .add('getStatus', () => { sink += pkg.getStatus(policy, e, now).deadlines.length; })
    .add('applyEvent (ESCALATE)', () => { sink += pkg.applyEvent(policy, fresh, { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' }).history.length; })
    .add('XState transition (ESCALATE)', () => { sink += transition(machine, snapshot, { type: 'ESCALATE' })[1].length; });
  await bench.run();
  const hz = Object.fromEntries(bench.tasks.map((t) => [t.name, t.result.throughput.mean]));
  console.table(bench.tasks.map((t) => ({ task: t.name, 'calls/s': Math.round(hz[t.name]).toLocaleString('en-GB') })));
  report(`getStatus vs JSON.parse of the same escalation (${(json.length / 1024).toFixed(1)} KB, ${e.history.length} history entries)`, hz['JSON.parse of the escalation'] / hz.getStatus, 'JSON.parse', 'of its time; goal ≤ 0.5');
  report('applyEvent vs XState transition on the compiled machine', hz['XState transition (ESCALATE)'] / hz['applyEvent (ESCALATE)'], 'xstate transition', 'times its time (validation, timers, history included)');
  if (sink === 42) console.log('');
}

// 5. Oversight: summarising 100,000 escalations against parsing their JSON. A seeded synthetic year of
//    2,000 escalations, repeated under new references to make 100,000.
{
  const { syntheticYear } = await import('../scripts/synthetic-year.mjs');
  const year = syntheticYear({ seed: 7, count: 2000 });
  const texts = [];
  for (let i = 0; i < 100_000; i++) {
    const e = year[i % year.length];
    texts.push(JSON.stringify({ ...e, id: `${e.id}-${i}` }));
  }
  const json = `[${texts.join(',')}]`;
  texts.length = 0;
  const time = (fn) => {
    const t0 = performance.now();
    const out = fn();
    return [performance.now() - t0, out];
  };
  const parses = [];
  const sums = [];
  let parsed;
  for (let k = 0; k < 3; k++) {
    const [tp, p] = time(() => JSON.parse(json));
    parses.push(tp);
    parsed = p;
    const [ts] = time(() => pkg.summarise(parsed, { from: '2025-01-01', to: '2025-12-31', now: '2026-01-05T09:00:00Z' }));
    sums.push(ts);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  report(`summarise 100,000 escalations (${(json.length / 1e6).toFixed(0)} MB of JSON)`, median(sums) / median(parses), `JSON.parse of their JSON (${median(parses).toFixed(0)} ms; summarise ${median(sums).toFixed(0)} ms)`, 'of its time; goal ≤ 1');
}

// 6. History length: a case open for years (Barnsley, Stage One extended for years, a progress update to
//    the Partnership Manager every tenth fact, notes in between). The cost of one call at 1,000 and
//    10,000 history entries as a ratio to its cost at 10; restoring from the stored string as a ratio to
//    JSON.parse of the same string. Goal (issue 17): within 2x of the 10-entry cost.
{
  const policy = pkg.policies.barnsley;
  const HALF_DAY = 43_200_000;
  const longCase = (entries) => {
    let e = pkg.startEscalation(policy, { id: 'LONG', raisedAt: '2021-01-04T09:00:00Z' });
    e = pkg.applyEvent(policy, e, { type: 'ESCALATE', at: '2021-01-04T10:00:00Z' });
    e = pkg.applyEvent(policy, e, { type: 'EXTEND', at: '2021-01-04T11:00:00Z', obligation: 'stage-1-resolution', to: '2035-01-05', reason: 'A long case', agreedBy: 'Both leads' });
    let t = Date.parse('2021-01-05T09:00:00Z');
    for (let i = 0; e.history.length < entries; i++, t += HALF_DAY) {
      const record = i % 10 === 0 ? { kind: 'notification', to: 'partnership manager' } : { kind: 'note', summary: `note ${i}` };
      e = pkg.applyEvent(policy, e, { type: 'RECORD', id: `n-${i}`, at: new Date(t).toISOString(), record });
    }
    return { e, now: new Date(t).toISOString(), late: new Date(t - HALF_DAY - 3_600_000).toISOString() };
  };
  const perCall = {};
  const sizes = [10, 1_000, 10_000];
  let sink = 0;
  for (const size of sizes) {
    const { e, now, late } = longCase(size);
    const json = JSON.stringify(e);
    const bench = new Bench({ time: 500, warmupTime: 100 });
    bench
      .add('applyEvent (a note)', () => { sink += pkg.applyEvent(policy, e, { type: 'RECORD', id: 'next', at: now, record: { kind: 'note' } }).history.length; })
      .add('applyEvent (a note learned late)', () => { sink += pkg.applyEvent(policy, e, { type: 'RECORD', id: 'late', at: late, record: { kind: 'note' } }).history.length; })
      .add('getStatus', () => { sink += pkg.getStatus(policy, e, now).deadlines.length; })
      .add('restoreEscalation (string)', () => { sink += pkg.restoreEscalation(policy, json).history.length; })
      .add('JSON.parse (same string)', () => { sink += JSON.parse(json).history.length; });
    await bench.run();
    perCall[size] = Object.fromEntries(bench.tasks.map((t) => [t.name, t.result.latency.mean]));
    console.table(bench.tasks.map((t) => ({ entries: e.history.length, obligations: e.obligations.length, KB: Math.round(json.length / 1024), task: t.name, 'µs/call': (t.result.latency.mean * 1000).toFixed(1) })));
  }
  for (const size of sizes.slice(1)) {
    for (const task of ['applyEvent (a note)', 'applyEvent (a note learned late)', 'getStatus']) {
      report(`history length: ${task} at ${size.toLocaleString('en-GB')} entries`, perCall[size][task] / perCall[10][task], `the same call at 10 entries`, 'times its cost; goal ≤ 2');
    }
  }
  for (const size of sizes) {
    report(`history length: restoreEscalation(string) at ${size.toLocaleString('en-GB')} entries`, perCall[size]['restoreEscalation (string)'] / perCall[size]['JSON.parse (same string)'], 'JSON.parse of the same string', 'of its time');
  }
  if (sink === 42) console.log('');
}

console.log('');
for (const r of results) console.log(`${r.ratio.toFixed(r.ratio < 10 ? 2 : 0).padStart(8)}  ${r.name}  [peer: ${r.peer}] ${r.note}`);
