// Output a person or a spreadsheet reads is escaped for its format: text from a policy or a case
// comes out as the text it is, never as markup, a link, a formula or a broken table.
import { marked } from 'marked';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  definePolicy,
  diffPolicies,
  policyCurrency,
  renderPolicyDiff,
  renderStateDiagramSvg,
  renderAnnualReport,
  renderPoliciesOverview,
  renderPolicyMarkdown,
  renderStateDiagram,
  renderTimeline,
  renderWorstCaseTable,
  stackedBarChart,
  startEscalation,
  trackerCsv,
  type PolicyDefinition,
} from '../../src/index.js';
import { riverside } from '../fixtures/policies.js';

/** Text that breaks each format when it is not escaped. */
const NASTY = [
  'a | b',
  'line\nbreak',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '![img](https://evil.example/x.png)',
  'see https://evil.example/ or www.evil.example',
  'mail me@evil.example',
  '*em* _u_ `code` ~~gone~~',
  '&lt;b&gt; &#60;',
  '# heading',
  '- item',
  '"quoted" [bracketed] {braced} #hash; colon: 50% %%{init}%%',
  'back\\slash\\',
  "=cmd|' /C calc'!A0",
  '+1+1',
  '-2+3',
  '@SUM(1+1)',
  '\tTab',
  '\rReturn',
  'comma, "quote"',
  'semi;=1+1',
];

/** The HTML a GitHub-flavoured Markdown renderer makes. */
const html = (markdown: string) => marked.parse(markdown, { gfm: true, async: false }) as string;
const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of every cell of every table in some HTML, row by row. */
function tables(markup: string): string[][][] {
  return [...markup.matchAll(/<table>([\s\S]*?)<\/table>/g)].map(([, table]) =>
    [...table!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
      [...row!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, c]) => decode(c!)),
    ),
  );
}

/** Riverside with these texts in every place a policy's text is written. */
function policyWith(texts: readonly string[]) {
  const d = JSON.parse(JSON.stringify(riverside)) as PolicyDefinition & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  let i = 0;
  const next = () => texts[i++ % texts.length]!.trim() || 'x';
  d.version = 'nasty';
  d.title = next();
  d.partnership = next();
  d.source.document = next();
  d.source.publisher = next();
  d.source.version = next();
  d.source.date = next();
  d.source.notes = next();
  d.source.url = next();
  for (const stage of d.stages) {
    stage.title = `${stage.title} ${next()}`;
    stage.citation.quote = next();
    for (const p of stage.participants) p.role = next();
  }
  for (const o of d.obligations) {
    o.label = next();
    o.who = next();
    o.citation.quote = next();
  }
  for (const m of d.movement) m.quote = `${m.quote} ${next()}`;
  for (const r of d.recipients!) ((r.title = next()), (r.aliases = [next()]), (r.addresses = [next()]));
  for (const f of d.forms!)
    ((f.title = next()), (f.when = next()), (f.fields = [{ name: next(), description: next() }]));
  d.routes = [
    {
      id: 'r',
      title: next(),
      kind: 'hand-off',
      summary: next(),
      handOff: { onEntering: ['stage-3'], to: next() },
      citation: { ref: next() },
    },
  ];
  d.interpretations = [{ issue: next(), reading: next(), reason: next() }];
  return definePolicy(d);
}
const nastyPolicy = () => policyWith(NASTY);
/** The same places filled with plain words: what the structure must be. */
const PLAIN = NASTY.map((_, i) => `text${i}`);

/**
 * How many of each element some HTML has: escaping means the text given changes none of it. Inside
 * an HTML comment nothing is an element (the generated line names the command and the file, escaped
 * so that the comment cannot end early): comments are counted, not read.
 */
function structure(markup: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const _ of markup.matchAll(/<!--[\s\S]*?-->/g)) counts['#comment'] = (counts['#comment'] ?? 0) + 1;
  for (const [, tag] of markup.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g))
    counts[tag!.toLowerCase()] = (counts[tag!.toLowerCase()] ?? 0) + 1;
  return counts;
}

describe('Markdown', () => {
  it('renderPolicyMarkdown: the text changes no element of the page, every table keeps its columns, and the text reads as written', () => {
    const nasty = nastyPolicy();
    const plain = policyWith(PLAIN);
    // The options an author's `docs` passes: the command, the file, the drawing beside the page, a title.
    const options = (texts: readonly string[]) => ({
      generatedBy: `${texts[0]} --> ${texts[2]}`,
      from: texts[1]!,
      diagramFile: `${texts[4]}.svg`,
      asOf: '2025-06-01',
    });
    const pairs = [
      [renderPolicyMarkdown(nasty, options(NASTY)), renderPolicyMarkdown(plain, options(PLAIN))],
      [
        renderPoliciesOverview([nasty], { ...options(NASTY), title: NASTY[2]! }),
        renderPoliciesOverview([plain], { ...options(PLAIN), title: PLAIN[2]! }),
      ],
      [renderWorstCaseTable([nasty]), renderWorstCaseTable([plain])],
    ];
    // The currency warnings quote the source's words (its publisher, its date in words): escaped too.
    expect(policyCurrency(nasty).length).toBeGreaterThan(0);
    for (const [markdown, expected] of pairs) {
      const rendered = html(markdown!);
      expect(structure(rendered)).toEqual(structure(html(expected!)));
      for (const table of tables(rendered)) for (const row of table) expect(row.length).toBe(table[0]!.length);
    }
    const text = decode(html(renderPolicyMarkdown(nasty)));
    for (const t of [
      '[click](javascript:alert(1))',
      '<script>alert(1)</script>',
      '*em* _u_ `code` ~~gone~~',
      'me@evil.example',
    ])
      expect(text).toContain(t);
  });

  it('renderPolicyDiff: the policies’ words in the summaries change no element, and read as written', () => {
    // The plain words fit in the summaries, so the words before and after are not repeated below them:
    // the bullets differ in number, not in kind. Every element is one the renderer writes, one list
    // item per bullet it writes, one bold area name per change.
    const diff = diffPolicies(riverside, nastyPolicy());
    const nasty = renderPolicyDiff(diff);
    const rendered = html(nasty);
    const counts = structure(rendered);
    expect(Object.keys(counts).sort()).toEqual(
      Object.keys(structure(html(renderPolicyDiff(diffPolicies(riverside, policyWith(PLAIN)))))).sort(),
    );
    expect(counts.li).toBe(nasty.split('\n').filter((line) => /^\s*- /.test(line)).length);
    expect(counts.strong).toBe(diff.changes.length);
    expect(rendered).not.toMatch(/<(script|img|a|em|code|del)\b/i);
    expect(decode(rendered)).toContain('<script>alert(1)</script>');
  });

  it('renderAnnualReport: agency names, references and learning come out as text, in their cells', () => {
    const report = (texts: readonly string[]) => {
      const cases = texts.map((text, i) => {
        let e = startEscalation(riverside, {
          id: `${text} ${i}`,
          raisedAt: '2025-03-03T10:00:00Z',
          concern: { agencyRaising: text.trim() || 'x', agencyConcerned: `${text.trim() || 'x'} 2` },
        });
        e = applyEvent(riverside, e, {
          type: 'RECORD',
          at: '2025-03-03T11:00:00Z',
          record: { kind: 'learning', summary: text.trim() || 'x' },
        });
        return e;
      });
      const title = `Report ${texts[0]} ${texts[2]}`;
      return renderAnnualReport(cases, {
        from: '2025-01-01',
        to: '2025-12-31',
        now: '2026-01-05T09:00:00Z',
        includeText: ['learning'],
        title,
        chartPath: 'charts (2025)',
        generatedBy: 'a --> b',
      }).markdown;
    };
    const markdown = report(NASTY);
    const rendered = html(markdown);
    expect(structure(rendered)).toEqual(structure(html(report(PLAIN))));
    expect(markdown.match(/<!--/g)).toHaveLength(markdown.match(/-->/g)!.length);
    expect(rendered).toContain('src="charts%20%282025%29/escalations-by-quarter.svg"');
    for (const table of tables(rendered)) for (const row of table) expect(row.length).toBe(table[0]!.length);
    const agencies = tables(rendered).find((table) => table[0]![0] === 'agency raising')!;
    expect(
      agencies
        .slice(1)
        .map((row) => row[0])
        .sort(),
    ).toEqual(NASTY.map((t) => t.trim().replace(/\s+/g, ' ')).sort());
  });
});

describe('Mermaid', () => {
  const labelSyntax = /[:;"#%<>&`{}[\]|\\]/;

  it('renderStateDiagram: one line per state and move, labels without Mermaid syntax', () => {
    const policy = nastyPolicy();
    const diagram = renderStateDiagram(policy);
    const states = diagram.split('\n').filter((line) => line.startsWith('  state "'));
    expect(states).toHaveLength(policy.stages.length + 3);
    for (const line of states) {
      const label = /^ {2}state "(.*)" as [a-z_0-9]+$/.exec(line)![1]!;
      expect(label).not.toMatch(labelSyntax);
    }
    for (const line of diagram.split('\n').filter((l) => l.includes('-->') && l.includes(' : ')))
      expect(line.split(' : ')[1]).not.toMatch(labelSyntax);
  });

  it('renderTimeline: task names and the title without Mermaid syntax', () => {
    const policy = nastyPolicy();
    let e = startEscalation(policy, { id: 'Case "1": #x; <b>', raisedAt: '2025-03-03T10:00:00Z' });
    e = applyEvent(policy, e, { type: 'ESCALATE', at: '2025-03-04T10:00:00Z' });
    const chart = renderTimeline(policy, e, '2025-03-10T10:00:00Z');
    for (const line of chart.split('\n').slice(1)) {
      const name = line.trim().startsWith('title ')
        ? line.trim().slice(6)
        : line.includes(' :')
          ? line.slice(0, line.lastIndexOf(' :')).trim()
          : '';
      expect(name).not.toMatch(labelSyntax);
    }
  });
});

/** RFC 4180 rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\r' && text[i + 1] === '\n') (row.push(field), rows.push(row), (row = []), (field = ''), i++);
    else field += c;
  }
  return rows;
}

describe('CSV', () => {
  it('trackerCsv: every row has every column; no cell starts a formula (OWASP); the text survives', () => {
    const cases = NASTY.map((text, i) =>
      startEscalation(riverside, {
        id: `${text.trim() || 'x'}#${i}`,
        raisedAt: '2025-03-03T10:00:00Z',
        concern: { agencyRaising: text.trim() || 'x', agencyConcerned: text },
      }),
    );
    const csv = trackerCsv([...cases, { id: '=HYPERLINK("http://evil")' }], { now: '2025-03-05T09:00:00Z' });
    const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
    expect(rows).toHaveLength(cases.length + 2);
    for (const row of rows) {
      expect(row).toHaveLength(12);
      for (const cell of row) if (!/^-?\d+$/.test(cell)) expect(cell).not.toMatch(/^[=+\-@\t\r]/); // a number of our own is a number
    }
    // A semicolon, the separator in some locales, is always inside quotes.
    for (const line of csv.split('\r\n')) expect(line.replace(/"(?:[^"]|"")*"/g, '')).not.toContain(';');
    const agencies = rows.slice(1, -1).map((row) => row[5]!.replace(/^'(?=[=+\-@\t\r])/, ''));
    expect(agencies).toEqual(NASTY.map((t) => t.trim() || 'x'));
    expect(rows.at(-1)![0]).toBe(`'=HYPERLINK("http://evil")`);
  });
});

/** The element names and the text of an SVG, read by a conforming XML parser (throws when it is not well-formed). */
function readSvg(xml: string): { names: Record<string, number>; text: string } {
  const parser = new SaxesParser({ xmlns: false });
  const names: Record<string, number> = {};
  let text = '';
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => void (names[tag.name] = (names[tag.name] ?? 0) + 1));
  parser.on('text', (t) => void (text += t));
  parser.write(xml).close();
  return { names, text };
}

describe('SVG', () => {
  it('renderStateDiagramSvg: well-formed, the same elements as for plain words, the text as written', () => {
    const nasty = renderStateDiagramSvg(
      policyWith([...NASTY, 'Q2 \u0000\u0008\uD800 lone', '\uD83D\uDE00'.repeat(40)]),
    );
    const plain = renderStateDiagramSvg(policyWith([...PLAIN, 'plain', 'plain']));
    expect(nasty).not.toMatch(
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
    );
    // Longer words wrap into more lines (tspan); every other element is the same.
    const withoutLines = (names: Record<string, number>) => ({ ...names, tspan: 0 });
    const read = readSvg(nasty);
    expect(withoutLines(read.names)).toEqual(withoutLines(readSvg(plain).names));
    for (const text of ['a | b', '*em* _u_ `code` ~~gone~~', "=cmd|' /C calc'!A0", '- item'])
      expect(read.text).toContain(text);
    const markup = readSvg(renderStateDiagramSvg(policyWith(['<script>alert(1)</script> & "it\'s"'])));
    expect(markup.names.script).toBeUndefined();
    expect(markup.text).toContain('<script>alert(1)</script> & "it\'s"');
  });

  it('stackedBarChart: text is escaped, characters XML forbids are replaced, nothing but its own elements', () => {
    const svg = stackedBarChart(
      '<script>alert(1)</script> & "title"',
      ['<b>Q1</b>', 'Q2 \u0000\u0008\uD800'],
      [{ name: "O'Brien & <i>Co</i>", values: [1, 2] }],
      { width: 500 },
    );
    expect(svg).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDFFF]/);
    const elements = new Set([...svg.matchAll(/<\/?([a-zA-Z]+)/g)].map((m) => m[1]));
    expect([...elements].sort()).toEqual(['rect', 'svg', 'text', 'title', 'line'].sort());
    expect(svg.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toContain('&');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;title&quot;');
  });

  it('stackedBarChart: refuses values that are not counts, and draws at most a few lines for any count', () => {
    for (const values of [[Infinity], [NaN], [-1], ['3' as never], [1e300]]) {
      expect(() => stackedBarChart('t', ['a'], [{ name: 's', values }])).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
    const svg = stackedBarChart('t', ['a'], [{ name: 's', values: [Number.MAX_SAFE_INTEGER] }]);
    expect(svg.match(/<line /g)!.length).toBeLessThanOrEqual(12);
  });
});

describe('an HTML comment', () => {
  it('keeps a command line as written and never ends or opens a comment early', async () => {
    const { htmlCommentText } = await import('../../src/render/escape.js');
    expect(htmlCommentText('docs my.yaml --raised 2026-04-02')).toBe('docs my.yaml --raised 2026-04-02');
    for (const text of ['a --> b', 'a --!> b', 'a <!-- b', 'ends with -', 'x\n-->']) {
      const comment = `<!-- ${htmlCommentText(text)} -->`;
      const rendered = marked.parse(`${comment}\n\nafter`) as string;
      expect(rendered.trim().endsWith('<p>after</p>')).toBe(true);
      expect(comment.slice(4, -3)).not.toMatch(/-->|--!>|<!--/);
    }
  });
});
