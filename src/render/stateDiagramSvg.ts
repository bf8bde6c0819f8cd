import { policyArgument, type Policy } from '../policy/define.js';
import { EscalationError } from '../escalation/errors.js';
import { policyMoves, type Move } from '../policy/moves.js';
import { xmlText } from './escape.js';
import { describeRequirement } from './policyMarkdown.js';

// The policy's state diagram drawn as SVG, without a browser: Mermaid lays out its diagrams in one
// (it measures text in the DOM), and a policy author running `docs` should get a picture they can
// open, print or attach anywhere. A general layout engine is not needed here: every policy's diagram
// is the same shape, a ladder of ordered stages with jumps, so this draws it as one. Checked first:
// @viz-js/viz (Graphviz compiled to WebAssembly, no browser) draws it well, but its tarball is 1.9 MB
// (about 5 MB installed, several times this whole package) and it would be installed by every
// case-management system that embeds the library, for one picture that a fixed layout draws in a few
// hundred lines with stable output.
//
// The layout, top to bottom: 'Raised', then each stage in order, one box under the other; ESCALATE
// (and START to the first stage) is the arrow straight down. A jump (START to a later stage, EXPEDITE
// past the next stage) runs down the left side, each in a lane of its own where it would overlap
// another. RESOLVE goes right, to the 'Resolved' bar; WITHDRAW goes left, across the jump lanes, to
// the 'Withdrawn' bar. Every move of `policyMoves` is drawn, each as a group carrying data-event,
// data-from and data-to, with a <title> saying it in words.

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const STAGE_FONT_SIZE = 14;
const LABEL_FONT_SIZE = 11;
/** Widths are estimated, not measured (there is no DOM): an average glyph is about 0.58 em wide. */
const CHAR_WIDTH = 0.58;
const BOX_WIDTH = 340;
const BOX_PADDING = 12;
const LINE_HEIGHT = 18;
const ROW_GAP = 46;
const LANE_GAP = 22;
const BAR_WIDTH = 30;
const MARGIN = 16;
/** Room between the Withdrawn bar and the first lane, for the WITHDRAW labels. */
const WITHDRAW_LABEL_ROOM = 72;
/** Room between the boxes and the Resolved bar, for the RESOLVE labels. */
const RESOLVE_ROOM = 80;

const COLOURS = {
  box: '#f4f6fa',
  border: '#4a5568',
  text: '#1a202c',
  ESCALATE: '#2d3748',
  START: '#2b6cb0',
  EXPEDITE: '#c05621',
  RESOLVE: '#2f855a',
  WITHDRAW: '#718096',
} as const;

/**
 * Text made safe for SVG (or any XML) content and attribute values: &, <, > and both quotes escaped,
 * and each character XML 1.0 does not allow (control characters but tab and the line ends, a lone
 * surrogate, U+FFFE and U+FFFF) replaced with U+FFFD. The same escaping as every SVG this library
 * writes (`xmlText` in src/render/escape.ts).
 *
 * @example
 * escapeXml('Police & <Health>'); // 'Police &amp; &lt;Health&gt;'
 */
export function escapeXml(text: string): string {
  if (typeof text !== 'string') throw new EscalationError('INVALID_ARGUMENT', 'escapeXml: expected text');
  return xmlText(text);
}

/** XML 1.0 allows no control character but tab and the line ends. */
const withoutControlCharacters = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

const textWidth = (text: string, fontSize: number) => text.length * fontSize * CHAR_WIDTH;

/** Words wrapped to lines of at most `max` characters; a word longer than that is cut. */
function wrapWords(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of withoutControlCharacters(text).split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > max) {
      if (line) lines.push(line);
      // Cut between characters, never inside a surrogate pair (half of one is not XML).
      const cut =
        Array.from(rest.slice(0, max + 1))
          .slice(0, -1)
          .join('') || rest.slice(0, max);
      lines.push(cut);
      line = '';
      rest = rest.slice(cut.length);
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= max) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

interface Box {
  readonly state: string;
  readonly lines: readonly string[];
  readonly top: number;
  readonly bottom: number;
}

interface Jump {
  readonly move: Move;
  readonly label: string;
  readonly from: Box;
  readonly to: Box;
  fromY: number;
  toY: number;
  lane: number;
}

/** What a move says in words, for its label and its <title>. */
function moveLabel(move: Move): string {
  return move.rule && move.rule.requires !== 'none'
    ? `${move.event} (${describeRequirement(move.rule.requires)})`
    : move.event;
}

function stateName(policy: Policy, state: string): string {
  if (state === 'raised') return 'Raised';
  if (state === 'resolved') return 'Resolved';
  if (state === 'withdrawn') return 'Withdrawn';
  const stage = policy.stages.find((s) => s.id === state);
  return stage ? `${stage.number}. ${stage.title}` : state;
}

/** The vertical room each end of a jump needs on a box's left edge. */
const PORT_GAP = 9;

/** The boxes of 'raised' and the stages, one under the other, each tall enough for its title and the jumps that meet it. */
function layOutBoxes(policy: Policy, states: readonly string[], jumpEnds: (state: string) => number): Box[] {
  const maxChars = Math.floor((BOX_WIDTH - 2 * BOX_PADDING) / (STAGE_FONT_SIZE * CHAR_WIDTH));
  const boxes: Box[] = [];
  let y = MARGIN;
  for (const state of states) {
    const lines = wrapWords(stateName(policy, state), maxChars);
    const height = Math.max(
      36,
      lines.length * LINE_HEIGHT + 2 * BOX_PADDING - 4,
      (jumpEnds(state) + 1) * PORT_GAP + 24,
    );
    boxes.push({ state, lines, top: y, bottom: y + height });
    y += height + ROW_GAP;
  }
  return boxes;
}

/**
 * Where each jump leaves and enters its boxes' left edges, and its lane. Ports on one edge are spread
 * out, the longer jump outermost (higher where it leaves, lower where it arrives), so that jumps
 * sharing a box do not cross there. Lanes are given shortest jump first, each in the innermost lane
 * where neither its line nor its label meets another's.
 */
function layOutJumps(boxes: readonly Box[], moves: readonly Move[]): Jump[] {
  const boxOf = new Map(boxes.map((box) => [box.state, box] as const));
  const indexOf = (state: string) => boxes.findIndex((box) => box.state === state);
  const jumps: Jump[] = moves
    .filter((move) => boxOf.has(move.to) && indexOf(move.to) > indexOf(move.from) + 1)
    .map((move) => ({
      move,
      label: moveLabel(move),
      from: boxOf.get(move.from)!,
      to: boxOf.get(move.to)!,
      fromY: 0,
      toY: 0,
      lane: 0,
    }));
  const span = (jump: Jump) => indexOf(jump.move.to) - indexOf(jump.move.from);
  for (const box of boxes) {
    const leaving = jumps.filter((j) => j.from === box).sort((a, b) => span(b) - span(a));
    const arriving = jumps.filter((j) => j.to === box).sort((a, b) => span(a) - span(b));
    // The lowest slot is kept for the WITHDRAW line; arrivals above departures.
    const ends = [
      ...arriving.map((jump) => ({ jump, end: 'to' as const })),
      ...leaving.map((jump) => ({ jump, end: 'from' as const })),
    ];
    const first = box.top + 8;
    const last = box.bottom - 16;
    ends.forEach(({ jump, end }, i) => {
      const y = ends.length === 1 ? (box.top + box.bottom) / 2 - 4 : first + ((last - first) * i) / (ends.length - 1);
      if (end === 'from') jump.fromY = y;
      else jump.toY = y;
    });
  }
  const taken: { lane: number; top: number; bottom: number }[] = [];
  for (const jump of [...jumps].sort((a, b) => span(a) - span(b) || a.fromY - b.fromY)) {
    const middle = (jump.fromY + jump.toY) / 2;
    const half = textWidth(jump.label, LABEL_FONT_SIZE) / 2 + 6;
    const top = Math.min(jump.fromY, middle - half) - 4;
    const bottom = Math.max(jump.toY, middle + half) + 4;
    let lane = 1;
    while (taken.some((t) => t.lane === lane && t.top < bottom && top < t.bottom)) lane++;
    jump.lane = lane;
    taken.push({ lane, top, bottom });
  }
  return jumps;
}

/**
 * The policy's state diagram as a standalone SVG document, drawn without a browser: 'Raised', each
 * stage in order, 'Resolved' and 'Withdrawn', and every move the policy allows (`policyMoves`), each
 * labelled with its event and the risk or reason it requires. Every label is escaped for XML. Element
 * ids are prefixed with the policy id, so that several diagrams can sit in one HTML page.
 *
 * @example
 * fs.writeFileSync('suffolk.svg', renderStateDiagramSvg(policies.suffolk));
 */
export function renderStateDiagramSvg(policy: Policy): string {
  policy = policyArgument(policy);
  const moves = policyMoves(policy);
  const states = ['raised', ...policy.stages.map((stage) => stage.id)];
  const isJump = (move: Move) => states.indexOf(move.to) > states.indexOf(move.from) + 1;
  const jumpEnds = (state: string) =>
    moves.filter((move) => isJump(move) && (move.from === state || move.to === state)).length;
  const boxes = layOutBoxes(policy, states, jumpEnds);
  const jumps = layOutJumps(boxes, moves);
  const lanes = Math.max(0, ...jumps.map((j) => j.lane));
  const withdrawnX = MARGIN;
  const laneOrigin = withdrawnX + BAR_WIDTH + WITHDRAW_LABEL_ROOM + lanes * LANE_GAP;
  const boxX = laneOrigin + 14;
  const resolvedX = boxX + BOX_WIDTH + RESOLVE_ROOM;
  const stages = boxes.slice(1);
  const barTop = stages[0]!.top;
  const barBottom = stages.at(-1)!.bottom;
  const width = resolvedX + BAR_WIDTH + MARGIN;
  const height = barBottom + MARGIN;
  const prefix = `se-${policy.id}`;
  const marker = (event: keyof typeof COLOURS) => `url(#${prefix}-arrow-${event})`;
  const boxOf = new Map(boxes.map((box) => [box.state, box] as const));
  const out: string[] = [];
  const title = `${policy.partnership}: ${policy.title}, version ${policy.version}`;

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${prefix}-title" font-family="${escapeXml(FONT)}">`,
    `<title id="${prefix}-title">${escapeXml(`${title}: states and moves`)}</title>`,
    '<defs>',
    ...(['ESCALATE', 'START', 'EXPEDITE', 'RESOLVE', 'WITHDRAW'] as const).map(
      (event) =>
        `<marker id="${prefix}-arrow-${event}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${COLOURS[event]}"/></marker>`,
    ),
    '</defs>',
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  );

  // The two end states, as bars the length of the ladder.
  for (const [state, x] of [
    ['withdrawn', withdrawnX],
    ['resolved', resolvedX],
  ] as const) {
    const middle = (barTop + barBottom) / 2;
    const cx = x + BAR_WIDTH / 2;
    out.push(
      `<g class="state" data-state="${state}">`,
      `<title>${escapeXml(stateName(policy, state))}</title>`,
      `<rect x="${x}" y="${barTop}" width="${BAR_WIDTH}" height="${barBottom - barTop}" rx="6" fill="${state === 'resolved' ? '#e6f4ea' : '#edf0f4'}" stroke="${COLOURS.border}"/>`,
      `<text x="${cx}" y="${middle}" transform="rotate(-90 ${cx} ${middle})" text-anchor="middle" dominant-baseline="central" font-size="${STAGE_FONT_SIZE}" font-weight="600" fill="${COLOURS.text}">${escapeXml(stateName(policy, state))}</text>`,
      '</g>',
    );
  }

  // 'Raised' and the stages.
  for (const box of boxes) {
    const textTop = box.top + (box.bottom - box.top - box.lines.length * LINE_HEIGHT) / 2 + LINE_HEIGHT / 2;
    out.push(
      `<g class="state" data-state="${escapeXml(box.state)}">`,
      `<title>${escapeXml(stateName(policy, box.state))}</title>`,
      `<rect x="${boxX}" y="${box.top}" width="${BOX_WIDTH}" height="${box.bottom - box.top}" rx="${box.state === 'raised' ? 18 : 6}" fill="${COLOURS.box}" stroke="${COLOURS.border}"/>`,
      `<text x="${boxX + BOX_WIDTH / 2}" text-anchor="middle" font-size="${STAGE_FONT_SIZE}" fill="${COLOURS.text}">${box.lines
        .map(
          (line, i) =>
            `<tspan x="${boxX + BOX_WIDTH / 2}" y="${textTop + i * LINE_HEIGHT}" dominant-baseline="central">${escapeXml(line)}</tspan>`,
        )
        .join('')}</text>`,
      '</g>',
    );
  }

  const moveGroup = (move: Move, body: string[]) => [
    `<g class="move" data-event="${move.event}" data-from="${escapeXml(move.from)}" data-to="${escapeXml(move.to)}">`,
    `<title>${escapeXml(`${moveLabel(move)}: ${stateName(policy, move.from)} to ${stateName(policy, move.to)}${move.rule ? `, by movement rule ${move.rule.id}` : ''}`)}</title>`,
    ...body,
    '</g>',
  ];
  const label = (x: number, y: number, text: string, colour: string, anchor = 'start', rotate = false) =>
    // A white halo under the letters keeps a label readable where it crosses another line.
    `<text x="${x}" y="${y}"${rotate ? ` transform="rotate(-90 ${x} ${y})"` : ''} text-anchor="${anchor}" font-size="${LABEL_FONT_SIZE}" fill="${colour}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(text)}</text>`;

  for (const move of moves) {
    const from = boxOf.get(move.from)!;
    const jump = jumps.find((j) => j.move === move);
    const colour = COLOURS[move.event];
    if (jump) {
      const laneX = laneOrigin - (jump.lane - 1) * LANE_GAP;
      const middle = (jump.fromY + jump.toY) / 2;
      out.push(
        ...moveGroup(move, [
          `<path d="M${boxX},${jump.fromY} H${laneX} V${jump.toY} H${boxX}" fill="none" stroke="${colour}" stroke-width="1.6" marker-end="${marker(move.event)}"/>`,
          label(laneX - 4, middle, jump.label, colour, 'middle', true),
        ]),
      );
    } else if (move.event === 'RESOLVE') {
      const y = (from.top + from.bottom) / 2;
      out.push(
        ...moveGroup(move, [
          `<path d="M${boxX + BOX_WIDTH},${y} H${resolvedX}" fill="none" stroke="${colour}" stroke-width="1.4" marker-end="${marker('RESOLVE')}"/>`,
          label(boxX + BOX_WIDTH + 6, y - 5, moveLabel(move), colour),
        ]),
      );
    } else if (move.event === 'WITHDRAW') {
      const y = from.bottom - 6;
      out.push(
        ...moveGroup(move, [
          `<path d="M${boxX},${y} H${withdrawnX + BAR_WIDTH}" fill="none" stroke="${colour}" stroke-width="1.2" stroke-dasharray="4 3" marker-end="${marker('WITHDRAW')}"/>`,
          label(withdrawnX + BAR_WIDTH + 4, y - 5, moveLabel(move), colour),
        ]),
      );
    } else {
      // ESCALATE, or START to the first stage: straight down to the next box.
      const to = boxOf.get(move.to)!;
      const x = boxX + BOX_WIDTH / 2;
      out.push(
        ...moveGroup(move, [
          `<path d="M${x},${from.bottom} V${to.top}" fill="none" stroke="${colour}" stroke-width="1.6" marker-end="${marker(move.event)}"/>`,
          label(x + 6, (from.bottom + to.top) / 2 + 4, moveLabel(move), colour),
        ]),
      );
    }
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
