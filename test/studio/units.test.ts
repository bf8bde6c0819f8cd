// The studio's modules that do not touch the page, tested in Node: the link's content checked before
// it is read, the shipped policies looked up by their own ids only, the worst case's deadlines in one
// order whatever the collator, and errors reported in words without ever throwing in their turn.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorText } from '../../studio/src/errorText.js';
import { calendarFor, checkPolicyText, worstCase } from '../../studio/src/library.js';
import { shippedPolicyText } from '../../studio/src/policyText.js';
import { decodeState, encodeState, readSharedState, type SharedState } from '../../studio/src/share.js';
import { EscalationError } from '../../src/index.js';

const good: SharedState = {
  v: 1,
  format: 'yaml',
  text: 'id: x\n',
  timeline: { raisedOn: '2024-12-20', division: '', closures: ['2024-12-24'] },
  case: {
    raisedAt: '2024-12-20T10:00:00.000Z',
    events: [{ type: 'ESCALATE', at: '2024-12-23T10:00:00.000Z' }],
    now: '2024-12-30T09:00:00.000Z',
  },
};

/** A link to content of our own making, compressed as the studio compresses it. */
async function linkTo(content: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(content));
  const out = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const compressed = new Uint8Array(await new Response(out).arrayBuffer());
  return `#v1.${Buffer.from(compressed).toString('base64url')}`;
}

describe("a shared link's content", () => {
  it('reads back what the studio wrote', async () => {
    expect(await decodeState(`#${await encodeState(good)}`)).toEqual(good);
    expect(await decodeState('')).toBeNull();
  });

  it.each([
    ['closures that are not a list', { ...good, timeline: { ...good.timeline, closures: 'x' } }, 'timeline.closures'],
    [
      'a raise date that is a number',
      { ...good, timeline: { ...good.timeline, raisedOn: 20241220 } },
      'timeline.raisedOn',
    ],
    [
      'a division the studio does not have',
      { ...good, timeline: { ...good.timeline, division: 'wales' } },
      'timeline.division',
    ],
    ['events that are not a list', { ...good, case: { ...good.case, events: {} } }, 'case.events'],
    ['an event that is not an object', { ...good, case: { ...good.case, events: [null] } }, 'case.events.0'],
    [
      'an event without its instant',
      { ...good, case: { ...good.case, events: [{ type: 'ESCALATE' }] } },
      'case.events.0.at',
    ],
    ['a clock that is not an instant', { ...good, case: { ...good.case, now: 'soon' } }, 'case.now'],
    ['a format the editor has not', { ...good, format: 'xml' }, 'format'],
    ['a field the studio never writes', { ...good, extra: 1 }, 'its content'],
    ['a case that is a string', { ...good, case: 'x' }, 'case'],
  ])('with %s is refused, saying where', async (_what, content, where) => {
    expect(() => readSharedState(JSON.parse(JSON.stringify(content)))).toThrow(`the link is damaged (${where}`);
    await expect(decodeState(await linkTo(content))).rejects.toThrow(where);
  });

  it('that is not ours, cut short or not JSON is refused with a message, not a TypeError', async () => {
    await expect(decodeState('#somewhere')).rejects.toThrow('not a policy studio link');
    const link = await linkTo(good);
    await expect(decodeState(link.slice(0, link.length - 12))).rejects.toThrow('the link is damaged');
    await expect(decodeState(await linkTo(null))).rejects.toThrow('the link holds no policy');
    await expect(decodeState(await linkTo([1, 2]))).rejects.toThrow('the link holds no policy');
  });
});

describe('the shipped policies', () => {
  it('are found by their own ids only', () => {
    expect(shippedPolicyText('suffolk')).toContain('id: suffolk');
    for (const id of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(() => shippedPolicyText(id)).toThrow(`no shipped policy '${id}'`);
  });
});

describe("the worst case's deadlines", () => {
  afterEach(() => vi.restoreAllMocks());

  it('come in date order without a collator, the same under any locale', () => {
    const { policy } = checkPolicyText(shippedPolicyText('suffolk'), 'yaml');
    const calendar = calendarFor(policy!.division);
    const before = worstCase(policy!, '2024-12-20T10:00:00Z', calendar).deadlines;
    vi.spyOn(String.prototype, 'localeCompare').mockImplementation(() => {
      throw new Error('a collator was asked');
    });
    const after = worstCase(policy!, '2024-12-20T10:00:00Z', calendar).deadlines;
    expect(after).toEqual(before);
    expect(after.length).toBeGreaterThan(3);
    const dates = after.map((d) => d.dueDate);
    expect(dates).toEqual([...dates].sort());
  });
});

describe('an error in words', () => {
  it('is its message, with the library’s code', () => {
    expect(errorText(new Error('the link is damaged'))).toBe('the link is damaged');
    expect(errorText(new EscalationError('CLOSED', 'Escalation was resolved'))).toBe(
      'Escalation was resolved (CLOSED)',
    );
    expect(errorText('a thrown string')).toBe('a thrown string');
  });

  it('never throws, whatever was thrown', () => {
    const noPrototype = Object.create(null) as object;
    expect(() => String(noPrototype)).toThrow(TypeError); // what String(error) did
    expect(errorText(noPrototype)).toBe('an unexpected problem');
    expect(errorText(undefined)).toBe('an unexpected problem');
    expect(errorText(Symbol('x'))).toBe('an unexpected problem');
    const hostile = new Error('x');
    Object.defineProperty(hostile, 'message', {
      get() {
        throw new Error('no');
      },
    });
    expect(errorText(hostile)).toBe('an unexpected problem');
  });

  it('is one line of reasonable length', () => {
    expect(errorText(new Error('two\nlines'))).toBe('two lines');
    expect(errorText(new Error('x'.repeat(10_000))).length).toBeLessThan(520);
  });
});
