// The "See" pane: the state diagram (Mermaid, loaded on first use as its own chunk), the stage table
// and the timeline of every deadline for a raise date, division and closure days.
import { errorText } from './errorText.js';
import { byId, formatDate, h } from './dom.js';
import {
  bankHolidaysBetween,
  calendarFor,
  londonMorning,
  stageTable,
  stateDiagram,
  worstCase,
  type Division,
  type Policy,
} from './library.js';

type Mermaid = (typeof import('mermaid'))['default'];
let mermaidLoading: Promise<Mermaid> | undefined;
let diagramRun = 0;
let lastDiagram = '';

function loadMermaid(): Promise<Mermaid> {
  mermaidLoading ??= import('mermaid').then(({ default: mermaid }) => {
    // strict: labels are the author's text; no HTML in them, no clicks, no scripts.
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      htmlLabels: false,
      flowchart: { htmlLabels: false },
      theme: 'neutral',
      fontFamily: 'system-ui, sans-serif',
    });
    return mermaid;
  });
  return mermaidLoading;
}

/** Draws the policy's state diagram; a newer call wins over one still drawing. */
export async function showDiagram(policy: Policy): Promise<void> {
  const source = stateDiagram(policy);
  byId('diagram-source').textContent = source;
  if (source === lastDiagram) return;
  const run = ++diagramRun;
  const target = byId('diagram-svg');
  target.setAttribute('aria-busy', 'true');
  try {
    const mermaid = await loadMermaid();
    const { svg } = await mermaid.render(`state-diagram-${run}`, source);
    if (run !== diagramRun) return;
    target.innerHTML = svg; // Mermaid's own output, rendered with securityLevel 'strict'
    // Fitted to the pane, or at its natural size (scrolling) for reading the labels: see setupDiagramZoom.
    const drawn = target.querySelector('svg');
    const width = drawn?.viewBox.baseVal?.width;
    if (drawn && width) drawn.dataset.naturalWidth = String(Math.round(width));
    applyZoom();
    lastDiagram = source;
    target.dataset.rendered = String(run);
  } catch (error) {
    if (run === diagramRun) target.replaceChildren(h('p', {}, `The diagram could not be drawn: ${errorText(error)}`));
  } finally {
    if (run === diagramRun) target.removeAttribute('aria-busy');
  }
}

let fullSize = false;

function applyZoom(): void {
  const drawn = byId('diagram-svg').querySelector('svg');
  if (!drawn) return;
  drawn.style.maxWidth = fullSize ? 'none' : '100%';
  drawn.style.width = fullSize ? `${drawn.dataset.naturalWidth ?? ''}px` : '100%';
}

/** The diagram's zoom button: fitted to the pane, or at full size. */
export function setupDiagramZoom(): void {
  const button = byId<HTMLButtonElement>('diagram-zoom');
  button.addEventListener('click', () => {
    fullSize = !fullSize;
    button.setAttribute('aria-pressed', String(fullSize));
    applyZoom();
  });
}

/** Fills the stage table. */
export function showStageTable(policy: Policy): void {
  const rows = stageTable(policy);
  byId('stage-table').replaceChildren(
    h('caption', { className: 'visually-hidden' }, 'Stages, who takes part, and their timescales'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Stage'),
        h('th', { scope: 'col' }, 'Who'),
        h('th', { scope: 'col' }, 'Timescales'),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          { 'data-stage': row.id },
          h('th', { scope: 'row' }, `${row.number}. ${row.title}`, h('div', { className: 'cite' }, row.citation)),
          h(
            'td',
            {},
            h(
              'ul',
              {},
              row.participants.map((p) => h('li', {}, p)),
            ),
          ),
          h(
            'td',
            {},
            row.timescales.length
              ? h(
                  'ul',
                  {},
                  row.timescales.map((t) =>
                    h(
                      'li',
                      {},
                      h('strong', {}, t.limit),
                      ` (${t.strength}): ${t.label}`,
                      h('div', { className: 'cite' }, t.citation),
                    ),
                  ),
                )
              : 'No timescale',
          ),
        ),
      ),
    ),
  );
}

/** What the timeline is drawn for. */
export interface TimelineSettings {
  readonly raisedOn: string;
  readonly division: Division;
  readonly closures: readonly string[];
}

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Fills the timeline table: one row a day from the raising to the last deadline. */
export function showTimeline(policy: Policy, settings: TimelineSettings): void {
  const calendar = calendarFor(settings.division, settings.closures);
  const { stages, deadlines } = worstCase(policy, londonMorning(settings.raisedOn), calendar);
  const last = [settings.raisedOn, ...deadlines.map((d) => d.dueDate), ...stages.map((s) => s.reachedOn)]
    .sort()
    .at(-1)!;
  const end = addDays(last, 1);
  const holidays = bankHolidaysBetween(calendar, settings.raisedOn, end);
  const closures = new Set(settings.closures);
  const rows: HTMLTableRowElement[] = [];
  for (let date = settings.raisedOn; date <= end; date = addDays(date, 1)) {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    const kind = holidays.has(date)
      ? { className: 'holiday', words: `Bank holiday: ${holidays.get(date)}` }
      : closures.has(date)
        ? { className: 'closure', words: 'Closure day' }
        : weekday === 0 || weekday === 6
          ? { className: 'weekend', words: 'Weekend' }
          : {
              className: 'working',
              words:
                date === settings.raisedOn
                  ? 'Working day (raised)'
                  : `Working day ${calendar.workingDaysBetween(settings.raisedOn, date)}`,
            };
    const due = deadlines.filter((d) => d.dueDate === date);
    const reached = stages.filter((s) => s.reachedOn === date);
    rows.push(
      h(
        'tr',
        { className: `${kind.className}${due.length ? ' deadline' : ''}`, 'data-date': date },
        h('th', { scope: 'row' }, formatDate(date)),
        h('td', { className: 'day-kind' }, kind.words),
        h(
          'td',
          {},
          reached.map((s) =>
            h(
              'div',
              {},
              `Stage ${s.number} reached at the latest`,
              s.governedBy.length ? h('span', { className: 'cite' }, ` (${s.governedBy.join(', ')})`) : null,
            ),
          ),
        ),
        h(
          'td',
          {},
          due.map((d) =>
            h(
              'div',
              { 'data-rule': d.rule },
              h('strong', {}, 'Due: '),
              d.label,
              d.strength === 'guidance' ? ' (guidance)' : '',
              h('div', { className: 'cite' }, d.citation),
            ),
          ),
        ),
      ),
    );
  }
  byId('timeline').replaceChildren(
    h(
      'caption',
      { className: 'visually-hidden' },
      `Every deadline of a case raised on ${formatDate(settings.raisedOn)}, day by day`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Date'),
        h('th', { scope: 'col' }, 'Day'),
        h('th', { scope: 'col' }, 'Stage'),
        h('th', { scope: 'col' }, 'Deadlines'),
      ),
    ),
    h('tbody', {}, rows),
  );
}
