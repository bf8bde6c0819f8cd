// The documentation site (`npm run docs`): TypeDoc documents every export, with no warning, and every
// exported function, class and value shows an example; then the built site, opened in headless
// Chromium, has its landing page, its guides, its topics and search, and shows the fields of the types.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Reflection {
  name: string;
  kind: number;
  children?: Reflection[];
  signatures?: { comment?: { blockTags?: { tag: string }[] } }[];
  comment?: { summary?: unknown[]; blockTags?: { tag: string }[] };
}

let dir: string;
let typedoc: ReturnType<typeof spawnSync>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sge-api-'));
  typedoc = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'),
      '--json',
      path.join(dir, 'api.json'),
      '--out',
      path.join(dir, 'html'),
    ],
    { cwd: root, encoding: 'utf8' },
  );
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('documents every export, with an example for each function, class and value', () => {
  expect(`${typedoc.stdout}${typedoc.stderr}`).not.toMatch(/warning|error/i);
  expect(typedoc.status).toBe(0);
  const out = path.join(dir, 'api.json');
  const project = JSON.parse(fs.readFileSync(out, 'utf8')) as Reflection;
  const missing: string[] = [];
  const FUNCTION = 64;
  const CLASS = 128;
  const VARIABLE = 32;
  for (const mod of project.children ?? []) {
    for (const item of mod.children ?? []) {
      const tags =
        item.kind === FUNCTION ? item.signatures?.flatMap((s) => s.comment?.blockTags ?? []) : item.comment?.blockTags;
      if (
        (item.kind === FUNCTION || item.kind === CLASS || item.kind === VARIABLE) &&
        !tags?.some((t) => t.tag === '@example')
      )
        missing.push(`${mod.name}.${item.name}`);
    }
  }
  expect(missing).toEqual([]);
});

describe('the documentation site, in a browser', () => {
  let browser: Browser;
  let page: Page;
  const site = (file: string) => `file://${path.join(dir, 'html', file)}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Goes from the main module's page to an export by its link under a topic. */
  async function openFromTopic(topic: string, name: string): Promise<void> {
    await page.goto(site('modules/safeguarding-escalation.html'));
    const section = page.locator('.tsd-panel-group', {
      has: page.locator('summary h2', { hasText: new RegExp(`^${topic}$`) }),
    });
    await section
      .locator('a', { hasText: new RegExp(`^${name}$`) })
      .first()
      .click();
    await page.waitForLoadState();
  }

  /** The names of the fields a type's page lists under its type declaration. */
  async function fieldNames(): Promise<string[]> {
    const names = await page
      .locator('.tsd-type-declaration .tsd-kind-property, .tsd-signature .tsd-kind-property')
      .allInnerTexts();
    return [...new Set(names.map((n) => n.trim()))];
  }

  it('has a landing page that links the guides, and search', async () => {
    await page.goto(site('index.html'));
    await expect(page.locator('h2', { hasText: 'Install' }).count()).resolves.toBe(1);
    for (const guide of ['docs/engine.md', 'docs/working-days.md', 'docs/cli.md']) {
      const href = await page.locator(`a:text-is("${guide}")`).first().getAttribute('href');
      expect(href, guide).toMatch(/^documents\/.+\.html$/);
    }
    await page
      .locator('#tsd-search-trigger')
      .click()
      .catch(() => undefined);
    await page.locator('#tsd-search-input').fill('getStatus');
    await expect
      .poll(() => page.locator('#tsd-search-results li').allInnerTexts())
      .toContainEqual(expect.stringContaining('getStatus'));
  });

  it('groups the exports and guides by topic', async () => {
    await page.goto(site('modules/safeguarding-escalation.html'));
    const topics = await page.locator('.tsd-panel-group > summary h2').allInnerTexts();
    expect(topics.map((t) => t.trim())).toEqual(
      expect.arrayContaining(['Runtime', 'Policies', 'Calendar', 'Authoring', 'Auditing', 'Oversight', 'CLI']),
    );
    expect(topics.map((t) => t.trim())).not.toContain('Other');
  });

  it('shows the fields of Escalation', async () => {
    await openFromTopic('Runtime', 'Escalation');
    expect(page.url()).toMatch(/Escalation\.html$/);
    await expect(page.locator('h1').innerText()).resolves.toContain('Escalation');
    expect(await fieldNames()).toEqual(
      expect.arrayContaining(['id', 'policy', 'raisedAt', 'stage', 'status', 'obligations', 'history', 'asOf']),
    );
    // The field's own description from the schema, not only its name.
    await expect(page.locator('.tsd-type-declaration').innerText()).resolves.toMatch(/asOf/);
  });

  it('shows the fields of EscalationEvent, for each kind of event', async () => {
    await openFromTopic('Runtime', 'EscalationEvent');
    expect(page.url()).toMatch(/EscalationEvent\.html$/);
    expect(await fieldNames()).toEqual(
      expect.arrayContaining(['type', 'at', 'id', 'by', 'to', 'record', 'outcome', 'obligation', 'reason']),
    );
    const signature = await page.locator('.tsd-signature').first().innerText();
    for (const kind of ['ESCALATE', 'EXPEDITE', 'RECORD', 'RESOLVE', 'WITHDRAW', 'EXTEND', 'SET_TIMESCALE', 'RISK'])
      expect(signature).toContain(`"${kind}"`);
  });

  it('shows the fields of Policy, a type computed from the schema', async () => {
    await openFromTopic('Policies', 'Policy');
    expect(await fieldNames()).toEqual(
      expect.arrayContaining([
        'id',
        'partnership',
        'title',
        'version',
        'division',
        'stages',
        'obligations',
        'movement',
      ]),
    );
  });
});
