// The state diagram drawn as SVG without a browser: well-formed XML (read by saxes, a conforming
// parser), every state with its title, every move of the policy drawn once, every label escaped.
import fs from 'node:fs';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import {
  definePolicy,
  escapeXml,
  loadPolicy,
  policies,
  policyMoves,
  renderStateDiagramSvg,
  type Policy,
} from '../../src/index.js';

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

/** The SVG read as XML by a conforming parser: throws on anything that is not well-formed. */
function parseXml(xml: string): Element {
  const parser = new SaxesParser({ xmlns: false });
  const stack: Element[] = [{ name: '#document', attributes: {}, children: [], text: '' }];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element: Element = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      children: [],
      text: '',
    };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on('text', (text) => {
    for (const element of stack) element.text += text;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return stack[0]!.children[0]!;
}

function all(element: Element, predicate: (e: Element) => boolean): Element[] {
  return [...(predicate(element) ? [element] : []), ...element.children.flatMap((child) => all(child, predicate))];
}

const riverbank = loadPolicy(fs.readFileSync(new URL('../../docs/examples/riverbank.yaml', import.meta.url), 'utf8'));
const cases: [string, Policy][] = [...Object.values(policies), riverbank].map((p) => [p.id, p]);

describe('renderStateDiagramSvg', () => {
  it.each(cases)('%s: well-formed SVG with every stage, Raised, Resolved and Withdrawn', (_id, policy) => {
    const svg = parseXml(renderStateDiagramSvg(policy));
    expect(svg.name).toBe('svg');
    expect(svg.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    const states = all(svg, (e) => e.name === 'g' && e.attributes.class === 'state');
    expect(states.map((s) => s.attributes['data-state']).sort()).toEqual(
      ['raised', 'resolved', 'withdrawn', ...policy.stages.map((s) => s.id)].sort(),
    );
    for (const stage of policy.stages) {
      const box = states.find((s) => s.attributes['data-state'] === stage.id)!;
      // The title is wrapped over lines; its words, in order, are the stage's.
      const shown = all(box, (e) => e.name === 'tspan')
        .map((t) => t.text)
        .join(' ');
      expect(shown).toBe(`${stage.number}. ${stage.title}`.replace(/\s+/g, ' '));
    }
    expect(renderStateDiagramSvg(policy)).not.toMatch(/NaN|undefined|Infinity/);
  });

  it.each(cases)('%s: draws each move the policy allows exactly once, with an arrow and its event', (_id, policy) => {
    const svg = parseXml(renderStateDiagramSvg(policy));
    const drawn = all(svg, (e) => e.name === 'g' && e.attributes.class === 'move');
    const key = (event: string, from: string, to: string) => `${event} ${from} -> ${to}`;
    expect(
      drawn.map((g) => key(g.attributes['data-event']!, g.attributes['data-from']!, g.attributes['data-to']!)).sort(),
    ).toEqual(
      policyMoves(policy)
        .map((m) => key(m.event, m.from, m.to))
        .sort(),
    );
    for (const g of drawn) {
      const line = all(g, (e) => e.name === 'path')[0]!;
      expect(line.attributes['marker-end']).toMatch(/^url\(#se-[a-z0-9-]+-arrow-[A-Z]+\)$/);
      expect(all(g, (e) => e.name === 'text')[0]!.text).toContain(g.attributes['data-event']);
    }
  });

  it('labels a jump with the risk or reason its rule requires', () => {
    const svg = parseXml(renderStateDiagramSvg(riverbank));
    const jump = all(svg, (e) => e.name === 'g' && e.attributes['data-event'] === 'EXPEDITE')[0]!;
    expect(jump.attributes).toMatchObject({ 'data-from': 'stage-1', 'data-to': 'stage-3' });
    expect(all(jump, (e) => e.name === 'text')[0]!.text).toBe('EXPEDITE (imminent-risk)');
    const somerset = parseXml(renderStateDiagramSvg(policies.somerset));
    const reasons = all(somerset, (e) => e.name === 'g' && e.attributes['data-event'] === 'EXPEDITE');
    expect(reasons.map((g) => all(g, (e) => e.name === 'text')[0]!.text)).toContain(
      "EXPEDITE (reason 'significant-policy-issue')",
    );
  });

  it('escapes every label: a title with markup, quotes, an ampersand and a control character stays text', () => {
    const definition = JSON.parse(JSON.stringify(riverbank)) as {
      partnership: string;
      stages: { title: string }[];
      movement: { requires: unknown }[];
    };
    definition.partnership = 'Riverbank & "Co" <Partnership>';
    definition.stages[0]!.title = 'Talk </text><script>alert(1)</script> & agree';
    definition.stages[1]!.title = "Managers' meeting \u0007 <b>now</b>";
    definition.movement[0]!.requires = { reason: 'policy-issue', description: 'A <policy> issue & more' };
    const policy = definePolicy(definition as never);
    const text = renderStateDiagramSvg(policy);
    const svg = parseXml(text);
    expect(text).not.toContain('<script>');
    expect(all(svg, (e) => e.name === 'script' || e.name === 'b')).toEqual([]);
    const boxes = all(svg, (e) => e.name === 'g' && e.attributes.class === 'state');
    const words = (state: string) =>
      all(
        boxes.find((b) => b.attributes['data-state'] === state)!,
        (e) => e.name === 'tspan',
      )
        .map((t) => t.text)
        .join(' ');
    expect(words('stage-1')).toBe('1. Talk </text><script>alert(1)</script> & agree');
    expect(words('stage-2')).toBe("2. Managers' meeting <b>now</b>");
    expect(all(svg, (e) => e.name === 'title')[0]!.text).toContain('Riverbank & "Co" <Partnership>');
  });

  it('gives each diagram its own element ids, so several can share an HTML page', () => {
    const ids = (policy: Policy) => [...renderStateDiagramSvg(policy).matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    const suffolk = ids(policies.suffolk);
    const devon = ids(policies.devon);
    expect(new Set(suffolk).size).toBe(suffolk.length);
    expect(suffolk.filter((id) => devon.includes(id))).toEqual([]);
  });

  it('is the same drawing every time', () => {
    expect(renderStateDiagramSvg(policies.barnsley)).toBe(renderStateDiagramSvg(policies.barnsley));
  });
});

describe('escapeXml', () => {
  it('escapes the five XML characters and replaces the control characters XML does not allow with U+FFFD', () => {
    expect(escapeXml(`a & b < c > d "e" 'f'\u0001\u001f\tg\n`)).toBe(
      'a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;\uFFFD\uFFFD\tg\n',
    );
  });
});
