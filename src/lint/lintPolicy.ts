import { eachStageOnItsOwnWalk } from '../audit/worstCaseTimeline.js';
import { ukCalendar } from '../calendar/calendar.js';
import { londonDate } from '../calendar/london.js';
import { definePolicy, type Policy } from '../policy/define.js';
import { policyMoves } from '../policy/moves.js';
import { PolicyError } from '../policy/errors.js';
import { citationText } from '../policy/citation.js';
import { stageObligations } from '../policy/queries.js';
import { placeProblem } from '../authoring/loadPolicy.js';
import { parsePolicyText, type PolicyTextOptions } from '../authoring/parsePolicyText.js';
import { PLACEHOLDER_PATTERN } from '../authoring/template.js';

/** One thing the linter found. */
export interface Finding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly message: string;
  /** Where in the definition, as a dotted path. */
  readonly path: string;
  /** The policy's own words, where the finding concerns a rule. */
  readonly source?: string;
  /** For a policy given as the text of a file: where the finding is, counting from 1. */
  readonly line?: number;
  readonly column?: number;
}

type Obligation = Policy['obligations'][number];
const kinds = (k: string | readonly string[]) => (typeof k === 'string' ? [k] : [...k]);

/**
 * Checks a policy definition for what the schema cannot see: movement rules that allow no move, a
 * cumulative cap shorter than the stage limits it spans (`TIMESCALE_CONFLICT`, saying which stage
 * loses time), timescales without a quote, clocks that wait for a record nobody is asked to make,
 * and movement rules that disagree. Given the text of a policy file (YAML or JSON), every finding
 * carries its line and column. Never throws: a definition that fails the schema comes back as error
 * findings, one per problem.
 *
 * @example
 * lintPolicy(policies.suffolk).filter((f) => f.code === 'TIMESCALE_CONFLICT');
 * lintPolicy(fs.readFileSync('my-policy.yaml', 'utf8'), { file: 'my-policy.yaml' })[0]; // { line: 12, column: 5, ... }
 */
export function lintPolicy(input: unknown, options: PolicyTextOptions = {}): Finding[] {
  if (typeof input !== 'string') return lintDefinition(input);
  if (typeof options !== 'object' || options === null)
    return [
      { severity: 'error', code: 'INVALID_OPTIONS', message: 'expected options { format?, file? }', path: '(options)' },
    ];
  const parsed = parsePolicyText(input, options);
  const findings: Finding[] = [];
  if (parsed.byteOrderMark) {
    findings.push({
      severity: 'warning',
      code: 'BYTE_ORDER_MARK',
      message: 'The file starts with a byte-order mark, which was ignored: save it as UTF-8 without one',
      path: '(root)',
      line: 1,
      column: 1,
    });
  }
  if (parsed.errors.length)
    return [
      ...findings,
      ...parsed.errors.map((problem): Finding => ({ severity: 'error', code: 'SYNTAX_ERROR', ...problem })),
    ];
  for (const finding of lintDefinition(parsed.data))
    findings.push(finding.line === undefined ? placeProblem(parsed, finding) : finding);
  return findings;
}

/**
 * Every value still holding a placeholder of the template (`<the partnership's name>`), by path, in
 * the order they are written. Walked with a list, not by recursion, and no deeper than a policy ever
 * nests (the schema refuses what is deeper): data nested thousands deep must not overflow the stack.
 */
function placeholders(data: unknown): { path: string; value: string }[] {
  const found: { path: string; value: string }[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: data, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (PLACEHOLDER_PATTERN.test(value.trim())) found.push({ path: path || '(root)', value: value.trim() });
      continue;
    }
    if (value === null || typeof value !== 'object' || depth >= MAX_PLACEHOLDER_DEPTH) continue;
    const children = Array.isArray(value)
      ? value.map((item, index) => ({ value: item as unknown, path: `${path}[${index}]`, depth: depth + 1 }))
      : Object.entries(value).map(([key, item]) => ({
          value: item,
          path: path ? `${path}.${key}` : key,
          depth: depth + 1,
        }));
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return found;
}

// The template's placeholders are at most a few levels down; a policy never nests deeper than this.
const MAX_PLACEHOLDER_DEPTH = 64;

function lintDefinition(input: unknown): Finding[] {
  // A placeholder left from the template is reported as one, not as the wrong kind of value it also
  // is where a number or a date belongs.
  const left = placeholders(input);
  const unfilled: Finding[] = left.map(({ path, value }) => ({
    severity: 'error',
    code: 'PLACEHOLDER',
    message: `Still a placeholder from the template: write ${value.slice(1, -1)} (replacing the angle brackets too)`,
    path,
  }));
  const isUnfilled = (path: string) =>
    left.some((p) => path === p.path || path.startsWith(`${p.path}.`) || path.startsWith(`${p.path}[`));
  let policy: Policy;
  try {
    policy = definePolicy(input as never);
  } catch (e) {
    if (e instanceof PolicyError)
      return [
        ...unfilled,
        ...e.problems
          .filter((p) => !isUnfilled(p.path))
          .map((p): Finding => ({ severity: 'error', code: 'INVALID_DEFINITION', message: p.message, path: p.path })),
      ];
    return [
      ...unfilled,
      {
        severity: 'error',
        code: 'INVALID_DEFINITION',
        message: e instanceof Error ? e.message : String(e),
        path: '(root)',
      },
    ];
  }
  const findings: Finding[] = [...unfilled];
  const add = (f: Finding) => findings.push(f);
  for (const check of [graphChecks, timescaleChecks, citationChecks, recordChecks, movementChecks]) {
    try {
      check(policy, add);
    } catch (e) {
      add({
        severity: 'error',
        code: 'LINT_FAILED',
        message: `The ${check.name} could not finish: ${e instanceof Error ? e.message : String(e)}`,
        path: '(root)',
      });
    }
  }
  return findings;
}

function graphChecks(policy: Policy, add: (f: Finding) => void): void {
  // The ladder is derived from the stages and movement rules, so every stage can be reached by
  // escalating and left by resolving or withdrawing: what remains to check is the rules themselves.
  const moves = policyMoves(policy);
  policy.movement.forEach((rule, index) => {
    if (moves.some((move) => move.rule === rule)) return;
    const why =
      rule.kind === 'start'
        ? `it names only ${rule.to.join(', ')}, where every escalation may start anyway`
        : `none of ${rule.to.join(', ')} is beyond the next stage${rule.from ? ` from ${rule.from.join(', ')}` : ''}, and the next stage is reached by ESCALATE`;
    add({
      severity: 'warning',
      code: 'UNUSED_MOVEMENT_RULE',
      message: `Movement rule ${rule.id} allows no move: ${why}`,
      path: `movement[${index}]`,
      source: rule.quote,
    });
  });
}

function timescaleChecks(policy: Policy, add: (f: Finding) => void): void {
  const caps = policy.obligations.filter(
    (o) => o.kind === 'cap' && o.limit && 'unit' in o.limit && o.meet.by === 'stage-reached',
  );
  if (caps.length === 0) return;
  // A raising date with no bank holiday for weeks, so that working days are the only count.
  // Each move looking only at its own limits: what the stage limits alone add up to.
  const { rows, escalation } = eachStageOnItsOwnWalk(policy, '2025-02-03T10:00:00Z');
  const calendar = ukCalendar(policy.division);
  for (const cap of caps) {
    const limit = cap.limit;
    const meet = cap.meet;
    if (
      !limit ||
      !('unit' in limit) ||
      (limit.unit !== 'working-days' && limit.unit !== 'working-weeks') ||
      meet.by !== 'stage-reached'
    )
      continue;
    const capDays = limit.unit === 'working-weeks' ? limit.value * 5 : limit.value;
    // The cap counts from when the walk started it: the raising, a stage, or a record made as late as
    // its own limit allows (Suffolk's cap counts from the Stage 1 discussion).
    const started = escalation.obligations.find((o) => o.rule === cap.id);
    const endIndex = rows.findIndex((r) => meet.stages.includes(r.stage));
    if (!started || endIndex < 0) continue;
    const from = calendar.workingDaysBetween(rows[0]!.reachedOn, londonDate(started.armedAt));
    const startIndex = Math.max(
      0,
      rows.findLastIndex((r) => r.uncappedWorkingDays <= from),
    );
    const span = rows[endIndex]!.uncappedWorkingDays - from;
    if (span <= capDays) continue;
    const spanned = rows.slice(startIndex + 1, endIndex + 1);
    const loser = spanned.find((r) => r.uncappedWorkingDays - from > capDays)!;
    const parts = spanned.map(
      (r, i) =>
        `${r.governedBy.join('/')} ${r.uncappedWorkingDays - (i === 0 ? from : spanned[i - 1]!.uncappedWorkingDays)}`,
    );
    add({
      severity: 'warning',
      code: 'TIMESCALE_CONFLICT',
      message: `${cap.id} allows ${capDays} working days to reach ${meet.stages.join(' or ')}, but the stage limits it spans add up to ${span} (${parts.join(', ')}). The tighter governs: the allowance for reaching ${loser.stage} (${loser.title}), ${loser.governedBy.join('/')}, is the first cut short, by ${loser.uncappedWorkingDays - from - capDays} working day(s).`,
      path: `obligations[${policy.obligations.indexOf(cap)}]`,
      source: citationText(cap.citation),
    });
  }
}

function citationChecks(policy: Policy, add: (f: Finding) => void): void {
  policy.obligations.forEach((o: Obligation, i) => {
    if (o.limit && !o.citation.quote) {
      add({
        severity: 'warning',
        code: 'CITATION_WITHOUT_QUOTE',
        message: `${o.id} has a timescale cited only as "${o.citation.ref}": quote the words it comes from`,
        path: `obligations[${i}].citation`,
      });
    }
  });
  policy.movement.forEach((m, i) => {
    if (m.quote.length < 12)
      add({
        severity: 'warning',
        code: 'CITATION_WITHOUT_QUOTE',
        message: `Movement rule ${m.id} quotes too little of the text`,
        path: `movement[${i}].quote`,
      });
  });
  policy.stages.forEach((s, i) => {
    const has = stageObligations(policy, s.id).some((o) => o.limit);
    if (!has)
      add({
        severity: 'info',
        code: 'STAGE_WITHOUT_TIMESCALE',
        message: `${s.id} (${s.title}) has no timescale of its own`,
        path: `stages[${i}]`,
      });
  });
}

function recordChecks(policy: Policy, add: (f: Finding) => void): void {
  // Records someone is asked to make: those an obligation is met by, and the policy's forms.
  const asked = new Set<string>();
  for (const o of policy.obligations)
    if (o.meet.by === 'record') for (const k of kinds(o.meet.kind)) asked.add(o.meet.form ? `${k}:${o.meet.form}` : k);
  for (const f of policy.forms ?? []) asked.add(`form:${f.id}`);
  policy.obligations.forEach((o, i) => {
    if ('firstOf' in o.anchor) return; // another of its anchors starts the clock
    const anchor = o.anchor;
    if (anchor.on !== 'record') return;
    const wanted = kinds(anchor.kind).map((k) => (anchor.form ? `${k}:${anchor.form}` : k));
    if (!wanted.some((w) => asked.has(w) || [...asked].some((a) => a.startsWith(`${w}:`)))) {
      add({
        severity: 'warning',
        code: 'UNPRODUCED_RECORD_ANCHOR',
        message: `${o.id} counts from a ${wanted.join(' or ')} record, but no obligation asks anyone to make one: its clock may never start`,
        path: `obligations[${i}].anchor`,
        source: citationText(o.citation),
      });
    }
  });
}

function movementChecks(policy: Policy, add: (f: Finding) => void): void {
  // Two rules for the same move that ask for different risks: the looser one decides.
  const moves = policy.movement.filter((m) => m.kind !== 'start');
  for (let i = 0; i < moves.length; i++) {
    for (let j = i + 1; j < moves.length; j++) {
      const a = moves[i]!;
      const b = moves[j]!;
      const overlapTo = a.to.filter((t) => b.to.includes(t));
      const overlapFrom = !a.from || !b.from || a.from.some((f) => b.from!.includes(f));
      if (overlapTo.length && overlapFrom && a.requires !== b.requires) {
        add({
          severity: 'warning',
          code: 'SKIP_RISK_DISAGREEMENT',
          message: `${a.id} (${a.requires}) and ${b.id} (${b.requires}) both govern moves to ${overlapTo.join(', ')}: the looser one decides`,
          path: `movement[${policy.movement.indexOf(b)}]`,
          source: `${a.quote} / ${b.quote}`,
        });
      }
    }
  }
  // An imminent-risk exemption that no risk rule lets a case act on.
  policy.obligations.forEach((o, i) => {
    if (
      o.imminentRisk &&
      'notApplicable' in o.imminentRisk &&
      !policy.movement.some((m) => typeof m.requires === 'string' && m.requires !== 'none')
    ) {
      add({
        severity: 'warning',
        code: 'SKIP_RISK_DISAGREEMENT',
        message: `${o.id} stops applying at imminent risk, but no movement rule lets a case at imminent risk move faster`,
        path: `obligations[${i}].imminentRisk`,
      });
    }
  });
}
