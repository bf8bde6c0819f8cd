// The policy studio: edit a policy, see it, try a case on it, compare it, share it by its link.
import { errorText } from './errorText.js';
import type { Diagnostic } from '@codemirror/lint';
import { showComparison } from './compare.js';
import { placeOf } from './document.js';
import { byId, formatDate, h } from './dom.js';
import { createEditor, type PolicyEditor } from './editor.js';
import {
  calendarFor,
  checkPolicyText,
  DIVISIONS,
  policyOn,
  schemaFor,
  SHIPPED_POLICY_IDS,
  type Checked,
  type Division,
  type Policy,
  type PolicyFormat,
} from './library.js';
import { shippedPolicyText } from './policyText.js';
import { setupDiagramZoom, showDiagram, showStageTable, showTimeline } from './see.js';
import { decodeState, encodeState, type SharedState, type SimulatedCase } from './share.js';
import { prepareStartForm, showSimulation, startFromForm } from './simulate.js';
import { parse, stringify } from 'yaml';

const DEFAULT_POLICY = 'suffolk';

interface Settings {
  raisedOn: string;
  /** '' for the policy's own division. */
  division: string;
  closures: string[];
}

let editor: PolicyEditor;
/** The schema the editor starts with, from the first analysis. */
let firstSchema: Record<string, unknown> | undefined;
let settings: Settings;
let simulated: SimulatedCase | null = null;
let checked: Checked = { format: 'yaml', data: undefined, policy: null, findings: [] };
/** The text as it was when it was opened (a shipped policy, a file or a link): what Compare starts from. */
let opened: { text: string; format: PolicyFormat; description: string } = {
  text: '',
  format: 'yaml',
  description: 'the text as it was when opened',
};
/** The ids the editor's schema lists for completion, as one key: the schema changes when they do. */
let schemaKey = '';
/** The last policy without errors, which the views keep showing while the text has errors. */
let shown: Policy | null = null;
let firstRender = true;

// --- Start-up ----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const year = new Date().getFullYear();
  let initial: SharedState | null = null;
  try {
    initial = await decodeState(location.hash);
  } catch (error) {
    notify(`The link could not be opened (${errorText(error)}): showing the ${DEFAULT_POLICY} policy instead.`);
  }
  settings = initial
    ? {
        raisedOn: initial.timeline.raisedOn,
        division: initial.timeline.division,
        closures: [...initial.timeline.closures],
      }
    : { raisedOn: beforeChristmas(year), division: '', closures: [] };
  simulated = initial?.case ?? null;
  const format: PolicyFormat = initial?.format ?? 'yaml';
  setupToolbar(format, initial ? '' : DEFAULT_POLICY);
  setupTabs();
  setupDiagramZoom();
  setupTimelineControls();
  setupSimulationControls();
  setupCompareControls();
  const text = initial?.text ?? shippedPolicyText(DEFAULT_POLICY, format);
  setOpened(text, format, initial ? 'the text as the link opened it' : `the ${DEFAULT_POLICY} policy as opened`);
  // The first render does not wait for the linter's pause, and the editor starts with the schema of
  // the policy it opens (the published schema only when the text has errors).
  analyse(text, format);
  editor = createEditor(byId('editor'), text, format, firstSchema ?? schemaFor(), analyse);
  // The skip link focuses the editor itself (following "#editor" would replace the studio's link).
  document.querySelector('.skip')?.addEventListener('click', (event) => {
    event.preventDefault();
    editor.view.focus();
  });
  window.addEventListener('hashchange', () => void reloadFromHash());
}

async function reloadFromHash(): Promise<void> {
  if (location.hash.slice(1) === lastHash) return;
  try {
    const state = await decodeState(location.hash);
    if (!state) return;
    settings = {
      raisedOn: state.timeline.raisedOn,
      division: state.timeline.division,
      closures: [...state.timeline.closures],
    };
    simulated = state.case;
    setFormatRadio(state.format);
    syncTimelineControls();
    setOpened(state.text, state.format, 'the text as the link opened it');
    editor.load(state.text, state.format);
  } catch (error) {
    notify(`The link could not be opened: ${errorText(error)}`);
  }
}

// --- Analysis: runs after each pause in typing -------------------------------------------------

let analysed: { text: string; format: PolicyFormat; diagnostics: Diagnostic[] } | undefined;

function analyse(text: string, format: PolicyFormat): Diagnostic[] {
  // The page analyses the first text at once; the editor's linter then asks again for the same text.
  if (analysed?.text === text && analysed.format === format) return analysed.diagnostics;
  checked = checkPolicyText(text, format);
  // The library gives each finding its line and column; the editor marks the word there.
  const diagnostics: Diagnostic[] = checked.findings.map((finding) => {
    const place = placeOf(text, finding);
    return {
      from: place.from,
      to: place.to,
      severity: finding.severity,
      source: finding.code,
      message: finding.message,
    };
  });
  showFindings(text, checked);
  if (checked.policy) useSchemaOf(checked.policy);
  setTimeout(refreshViews, 0);
  analysed = { text, format, diagnostics };
  return diagnostics;
}

/** Completion lists the policy's own stage, form, recipient and flag ids, once the policy is valid. */
function useSchemaOf(policy: Policy): void {
  const ids = (list: readonly { id: string }[] | undefined) => (list ?? []).map((item) => item.id).join(',');
  const key = [policy.stages, policy.forms, policy.recipients, policy.flags].map(ids).join('|');
  if (key === schemaKey) return;
  schemaKey = key;
  // The first analysis runs before the editor exists: it gives the schema the editor starts with.
  const current = editor as PolicyEditor | undefined;
  if (current) current.setSchema(schemaFor(policy));
  else firstSchema = schemaFor(policy);
}

function showFindings(text: string, result: Checked): void {
  const items = result.findings.map((finding) => ({ ...finding, place: placeOf(text, finding) }));
  const count = (severity: string) => items.filter((i) => i.severity === severity).length;
  byId('findings-count').textContent = items.length
    ? `(${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s))`
    : '(none)';
  byId('findings').replaceChildren(
    ...items.map((item) =>
      h(
        'li',
        { 'data-code': item.code, 'data-line': item.place.line, 'data-severity': item.severity },
        h(
          'button',
          { type: 'button', onclick: () => editor.reveal(item.place.from, item.place.to) },
          `Line ${item.place.line}:${item.place.column}`,
          // The name starts with the words shown (WCAG 2.5.3) and says what the button does.
          h('span', { className: 'visually-hidden' }, `: go to line ${item.place.line}, column ${item.place.column}`),
        ),
        ' ',
        h('span', { className: `severity severity-${item.severity}` }, item.severity),
        ` ${item.code}: ${item.message}`,
        item.source ? h('div', { className: 'cite' }, `The policy says: ${item.source}`) : null,
      ),
    ),
  );
}

/** The policy the views show: the checked policy, on the division the timeline asks for. */
function viewPolicy(): Policy | null {
  const policy = checked.policy;
  if (!policy) return null;
  if (!settings.division || settings.division === policy.division) return policy;
  return policyOn(checked.data, settings.division as Division);
}

function refreshViews(): void {
  const policy = viewPolicy();
  if (policy) shown = policy;
  byId('pane-see').dataset.stale = policy ? 'false' : 'true';
  const stale = byId('pane-see').querySelector('.stale-note');
  if (!policy && !stale)
    byId('pane-see').prepend(
      h(
        'p',
        { className: 'stale-note', role: 'status' },
        'The policy has errors: the views show its last version without errors.',
      ),
    );
  if (policy && stale) stale.remove();
  if (shown) {
    showStageTable(shown);
    showTimeline(shown, { raisedOn: settings.raisedOn, division: shown.division, closures: settings.closures });
    void showDiagram(shown);
  }
  syncDivisionLabel();
  prepareStartForm(checked.policy);
  showSimulation(simulationHost(checked.policy), simulated);
  refreshComparison();
  if (firstRender) {
    firstRender = false;
    performance.mark('studio-first-render');
    document.documentElement.dataset.ready = 'true';
  }
  scheduleHash();
}

function simulationHost(policy: Policy | null) {
  return {
    policy,
    calendar: policy ? calendarFor(policy.division, settings.closures) : null,
    change(next: SimulatedCase | null) {
      simulated = next;
      showSimulation(simulationHost(policy), simulated);
      scheduleHash();
    },
  };
}

// --- The link ----------------------------------------------------------------------------------

let hashTimer: ReturnType<typeof setTimeout> | undefined;
let lastHash = '';

function currentState(): SharedState {
  return {
    v: 1,
    format: editor.format(),
    text: editor.text(),
    timeline: { raisedOn: settings.raisedOn, division: settings.division, closures: settings.closures },
    case: simulated,
  };
}

function scheduleHash(): void {
  clearTimeout(hashTimer);
  hashTimer = setTimeout(() => void writeHash(), 400);
}

async function writeHash(): Promise<string> {
  const hash = await encodeState(currentState());
  lastHash = hash;
  history.replaceState(null, '', `#${hash}`);
  document.documentElement.dataset.hashLength = String(hash.length);
  return hash;
}

// --- Toolbar: shipped policies, format, open, save, download, link -----------------------------

function setupToolbar(format: PolicyFormat, selected: string): void {
  const shipped = byId<HTMLSelectElement>('shipped');
  shipped.replaceChildren(
    h('option', { value: '' }, 'your own policy'),
    ...SHIPPED_POLICY_IDS.map((id) => h('option', { value: id }, id)),
  );
  shipped.value = selected;
  shipped.addEventListener('change', () => {
    if (!shipped.value) return;
    simulated = null;
    const text = shippedPolicyText(shipped.value, editor.format());
    setOpened(text, editor.format(), `the ${shipped.value} policy as opened`);
    editor.load(text, editor.format());
    notify(`Loaded the shipped ${shipped.value} policy.`);
  });
  setFormatRadio(format);
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="format"]')) {
    radio.addEventListener('change', () => switchFormat(radio.value as PolicyFormat));
  }
  byId<HTMLInputElement>('open').addEventListener('change', async (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    const nextFormat: PolicyFormat = /\.json$/i.test(file.name) ? 'json' : 'yaml';
    setFormatRadio(nextFormat);
    shipped.value = '';
    simulated = null;
    const text = await file.text();
    setOpened(text, nextFormat, `${file.name} as opened`);
    editor.load(text, nextFormat);
    notify(`Opened ${file.name}.`);
  });
  byId('download').addEventListener('click', () => download());
  byId('save').addEventListener('click', () => void save());
  byId('copy-link').addEventListener('click', async () => {
    const hash = await writeHash();
    const url = `${location.origin}${location.pathname}#${hash}`;
    try {
      await navigator.clipboard.writeText(url);
      notify(`Link copied (${url.length} characters): it holds the policy and the simulated case.`);
    } catch {
      notify('The browser would not copy: the address bar holds the link.');
    }
  });
}

function setFormatRadio(format: PolicyFormat): void {
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="format"]'))
    radio.checked = radio.value === format;
}

function switchFormat(format: PolicyFormat): void {
  if (format === editor.format()) return;
  const current = checkPolicyText(editor.text(), editor.format());
  if (current.data === undefined) {
    setFormatRadio(editor.format());
    notify(`Fix the syntax errors before switching to ${format.toUpperCase()}.`);
    return;
  }
  const text =
    format === 'json' ? `${JSON.stringify(current.data, null, 2)}\n` : stringify(current.data, { lineWidth: 0 });
  editor.load(text, format);
  notify(format === 'json' ? 'Now JSON (YAML comments are not kept).' : 'Now YAML.');
}

function fileName(): string {
  const data = checked.data as { id?: unknown } | undefined;
  const id = typeof data?.id === 'string' && /^[\w-]+$/.test(data.id) ? data.id : 'policy';
  return `${id}.${editor.format()}`;
}

function download(): void {
  const blob = new Blob([editor.text()], { type: editor.format() === 'json' ? 'application/json' : 'text/yaml' });
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: fileName() });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  notify(`Downloaded ${fileName()}.`);
}

type SavePicker = (options: {
  suggestedName: string;
}) => Promise<{ createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }> }>;

async function save(): Promise<void> {
  const picker = (window as unknown as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
  if (!picker) return download(); // Firefox has no save dialog for pages: a download is the save
  try {
    const handle = await picker({ suggestedName: fileName() });
    const writable = await handle.createWritable();
    await writable.write(editor.text());
    await writable.close();
    notify('Saved.');
  } catch (error) {
    if (!(error instanceof Error && error.name === 'AbortError')) notify(`Not saved: ${errorText(error)}`);
  }
}

function notify(message: string): void {
  byId('notice').textContent = message;
}

// --- Tabs (WAI-ARIA tabs: arrow keys move between them) ----------------------------------------

function setupTabs(): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const select = (tab: HTMLButtonElement) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      byId(other.getAttribute('aria-controls')!).hidden = !selected;
    }
    if (tab.id === 'tab-compare') refreshComparison();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      const target =
        event.key === 'Home'
          ? tabs[0]
          : event.key === 'End'
            ? tabs.at(-1)
            : step
              ? tabs[(i + step + tabs.length) % tabs.length]
              : undefined;
      if (!target) return;
      event.preventDefault();
      select(target);
      target.focus();
    });
  });
}

// --- Timeline settings -------------------------------------------------------------------------

function beforeChristmas(year: number): string {
  return calendarFor('england-and-wales').addWorkingDays(`${year}-12-25`, -1);
}

function beforeEaster(year: number, division: Division): string {
  const calendar = calendarFor(division);
  const goodFriday =
    calendar.bankHolidays(year).find((holiday) => holiday.title === 'Good Friday')?.date ?? `${year}-04-01`;
  return calendar.addWorkingDays(goodFriday, -1);
}

function setupTimelineControls(): void {
  const raisedOn = byId<HTMLInputElement>('raised-on');
  const division = byId<HTMLSelectElement>('division');
  division.replaceChildren(
    h('option', { value: '' }, "the policy's own"),
    ...DIVISIONS.map((d) => h('option', { value: d }, d)),
  );
  syncTimelineControls();
  const changed = () => {
    refreshViews();
  };
  raisedOn.addEventListener('change', () => {
    if (!raisedOn.value) return;
    settings.raisedOn = raisedOn.value;
    byId<HTMLInputElement>('sim-raised-on').value = raisedOn.value;
    changed();
  });
  division.addEventListener('change', () => {
    settings.division = division.value;
    changed();
  });
  const year = () => Number(settings.raisedOn.slice(0, 4)) || new Date().getFullYear();
  byId('preset-christmas').addEventListener('click', () => {
    settings.raisedOn = beforeChristmas(year());
    syncTimelineControls();
    changed();
  });
  byId('preset-easter').addEventListener('click', () => {
    settings.raisedOn = beforeEaster(year(), (shown?.division ?? 'england-and-wales') as Division);
    syncTimelineControls();
    changed();
  });
  byId('add-closure').addEventListener('click', () => {
    const date = byId<HTMLInputElement>('closure-date').value;
    if (!date || settings.closures.includes(date)) return;
    settings.closures = [...settings.closures, date].sort();
    syncTimelineControls();
    changed();
  });
}

function syncTimelineControls(): void {
  byId<HTMLInputElement>('raised-on').value = settings.raisedOn;
  byId<HTMLInputElement>('sim-raised-on').value ||= settings.raisedOn;
  byId<HTMLSelectElement>('division').value = settings.division;
  byId('closures').replaceChildren(
    ...settings.closures.map((date) =>
      h(
        'li',
        {},
        `Closed ${formatDate(date)} `,
        h(
          'button',
          {
            type: 'button',
            'aria-label': `Remove the closure day ${formatDate(date)}`,
            onclick: () => {
              settings.closures = settings.closures.filter((d) => d !== date);
              syncTimelineControls();
              refreshViews();
            },
          },
          '✕',
        ),
      ),
    ),
  );
}

function syncDivisionLabel(): void {
  const own = byId<HTMLSelectElement>('division').options[0];
  if (own && checked.policy) own.textContent = `the policy's own (${checked.policy.division})`;
}

// --- Compare -----------------------------------------------------------------------------------

const OPENED = 'opened';

function setOpened(text: string, format: PolicyFormat, description: string): void {
  opened = { text, format, description };
  const option = document.querySelector<HTMLOptionElement>(`#compare-with option[value="${OPENED}"]`);
  if (option) option.textContent = description;
}

function setupCompareControls(): void {
  const select = byId<HTMLSelectElement>('compare-with');
  select.replaceChildren(
    h('option', { value: OPENED }, opened.description),
    ...SHIPPED_POLICY_IDS.map((id) => h('option', { value: id }, `the shipped ${id} policy`)),
  );
  select.addEventListener('change', refreshComparison);
}

/** The policy the Compare pane starts from, read with the same library calls as the editor's (kept until it changes). */
let baselineCache: { key: string; baseline: { description: string; policy: Policy | null } } | undefined;
function baseline(): { description: string; policy: Policy | null } {
  const chosen = byId<HTMLSelectElement>('compare-with').value || OPENED;
  const key = chosen === OPENED ? `${OPENED}\u0000${opened.format}\u0000${opened.text}` : chosen;
  if (baselineCache?.key !== key) {
    baselineCache = {
      key,
      baseline:
        chosen === OPENED
          ? { description: opened.description, policy: checkPolicyText(opened.text, opened.format).policy }
          : { description: `the shipped ${chosen} policy`, policy: policyOn(parse(shippedPolicyText(chosen))) },
    };
  }
  return baselineCache.baseline;
}

function refreshComparison(): void {
  if (byId('pane-compare').hidden) return; // drawn when its tab is shown
  showComparison(checked.policy, baseline());
}

function setupSimulationControls(): void {
  byId<HTMLInputElement>('sim-raised-on').value = settings.raisedOn;
  byId('sim-start').addEventListener('submit', (event) => {
    event.preventDefault();
    simulated = startFromForm();
    refreshViews();
  });
  byId('sim-reset').addEventListener('click', () => {
    simulated = null;
    refreshViews();
  });
}

void main();
