// diffPolicies and renderPolicyDiff: a semantic diff of two versions of a policy, keyed by ids, each
// change told as a rule change or a wording change.
import { describe, expect, it } from 'vitest';
import {
  definePolicy,
  diffPolicies,
  policies,
  renderPolicyDiff,
  type PolicyChange,
  type PolicyDefinition,
  type Policy,
} from '../../src/index.js';
import { riverside } from '../fixtures/policies.js';
import { pairs, revisions } from '../fixtures/versions/index.js';

const brief = (c: PolicyChange) => [c.kind, c.area, c.id, c.field ?? null, c.rule];

/** A copy of a policy's definition to change (loosely typed, as a YAML file is), then check as a new version. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Draft = any;
function revise(policy: Policy, change: (draft: Draft) => void): Policy {
  const draft: Draft = JSON.parse(JSON.stringify(policy));
  change(draft);
  return definePolicy(draft as PolicyDefinition);
}

describe('diffPolicies on the Suffolk revision (version 9, a fixture)', () => {
  const diff = diffPolicies(policies.suffolk, revisions.suffolk);

  it('finds the changed limit, the new duty and the reworded citation, and the version and source fields', () => {
    expect(diff.before).toEqual({ id: 'suffolk', version: '8 r2' });
    expect(diff.after).toEqual({ id: 'suffolk', version: '9' });
    expect(diff.changes.map(brief)).toEqual([
      ['changed', 'policy', 'version', 'version', false],
      ['changed', 'source', 'version', 'version', false],
      ['changed', 'source', 'date', 'date', false],
      ['changed', 'source', 'issued', 'issued', false],
      ['added', 'recipient', 'business-manager', null, false],
      ['added', 'obligation', 'tracker-notice', null, true],
      ['changed', 'obligation', 'stage-2-manager', 'limit.value', true],
      ['changed', 'obligation', 'stage-2-manager', 'citation.quote', false],
    ]);
    expect(diff.ruleChanges).toBe(2);
    expect(diff.textChanges).toBe(6);
  });

  it("says each change in the policy author's words", () => {
    const limit = diff.changes.find((c) => c.field === 'limit.value');
    expect(limit).toMatchObject({
      before: 1,
      after: 2,
      summary: "Stage 2's limit changed from 1 working day to 2 working days",
    });
    expect(diff.changes.find((c) => c.kind === 'added' && c.area === 'obligation')?.summary).toBe(
      'New duty: “Tell the Business Manager that the escalation has reached Stage 3, for the tracker” (notification, within 1 working day of the first of Stage 3, 4 or 5 beginning; guidance)',
    );
    expect(diff.changes.find((c) => c.field === 'citation.quote')).toMatchObject({
      summary: "The quote cited for Stage 2's deadline reworded",
      before: expect.stringContaining('no longer than one working day later'),
      after: expect.stringContaining('no longer than two working days later'),
    });
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
  });
});

describe('diffPolicies on the other revisions', () => {
  it('finds no change between a policy and itself, or a copy of it with its lists reordered', () => {
    for (const { before } of pairs) expect(diffPolicies(before, before).changes).toEqual([]);
    const reordered = revise(policies.barnsley, (d) => {
      d.obligations.reverse();
      d.recipients.reverse();
      d.movement.reverse();
    });
    expect(diffPolicies(policies.barnsley, reordered).changes).toEqual([]);
  });

  it('Derby and Derbyshire 2: a duty removed, a limit changed and a start forbidden', () => {
    const rules = diffPolicies(policies['derby-derbyshire'], revisions['derby-derbyshire']).changes.filter(
      (c) => c.rule,
    );
    expect(rules.map(brief)).toEqual([
      ['removed', 'obligation', 'template-update-stage-3', null, true],
      ['changed', 'obligation', 'stage-2-resolution', 'limit.value', true],
      ['removed', 'movement', 'raised->stage-4', null, true],
    ]);
    expect(rules[2]!.summary).toBe(
      'Starting at Stage 4 is no longer allowed (it needed an imminent risk to the child (rule start-imminent))',
    );
  });

  it('Somerset 2025: a stage removed, the moves that went to it gone and the new ones to Stage 4 found from the ladders', () => {
    const diff = diffPolicies(policies.somerset, revisions.somerset);
    expect(diff.changes.filter((c) => c.area === 'stage').map(brief)).toEqual([
      ['removed', 'stage', 'stage-5', null, true],
      ['changed', 'stage', 'stage-4', 'title', false],
      ['changed', 'stage', 'stage-4', 'participants', false],
      ['changed', 'stage', 'stage-4', 'summary', false],
      ['changed', 'stage', 'stage-4', 'citation.quote', false],
    ]);
    expect(diff.changes.filter((c) => c.area === 'movement').map((c) => [c.kind, c.id])).toEqual([
      ['removed', 'stage-1->stage-5'],
      ['removed', 'stage-2->stage-5'],
      ['removed', 'stage-3->stage-5'],
      ['removed', 'stage-4->stage-5'],
      ['added', 'stage-1->stage-4'],
      ['added', 'stage-2->stage-4'],
    ]);
    expect(diff.changes.find((c) => c.id === 'stage-4->stage-5')?.summary).toBe(
      'Escalating from Stage 4 to Stage 5 is no longer allowed (it was always allowed)',
    );
  });

  it('Devon 2025-10: a timescale where there was none, a strength, and a start that needs another risk', () => {
    const diff = diffPolicies(policies.devon, revisions.devon);
    expect(diff.changes.find((c) => c.id === 'report-to-pdg')).toMatchObject({
      field: 'limit',
      after: { value: 5, unit: 'working-days' },
      rule: true,
    });
    expect(diff.changes.find((c) => c.id === 'report-to-pdg')).not.toHaveProperty('before');
    expect(diff.changes.find((c) => c.id === 'log-with-pdg-chair' && c.field === 'strength')).toMatchObject({
      before: 'guidance',
      after: 'maximum',
      rule: true,
    });
    expect(diff.changes.find((c) => c.id === 'raised->stage-2')).toMatchObject({
      kind: 'changed',
      field: 'requires',
      before: [{ rule: 'start-by-risk', kind: 'start', requires: 'immediate-harm' }],
      after: [{ rule: 'start-by-risk', kind: 'start', requires: 'significant-risk' }],
      summary:
        'Starting at Stage 2 now needs significant concerns for the child (rule start-by-risk); it needed a risk of immediate harm',
    });
  });

  it('Barnsley V5: the progress updates every 10 working days, and Stage 0 retitled as wording only', () => {
    const diff = diffPolicies(policies.barnsley, revisions.barnsley);
    expect(diff.changes.filter((c) => c.id === 'progress-updates').map(brief)).toEqual([
      ['changed', 'obligation', 'progress-updates', 'limit.value', true],
      ['changed', 'obligation', 'progress-updates', 'every', true],
      ['changed', 'obligation', 'progress-updates', 'citation.quote', false],
    ]);
    expect(diff.changes.find((c) => c.id === 'stage-0')).toMatchObject({
      field: 'title',
      rule: false,
      summary:
        'Stage 0 retitled from “Professional to Professional (best practice)” to “Practitioner to practitioner (best practice)”',
    });
  });
});

describe('what counts as a rule change', () => {
  it('every field of a duty: what the engine decides by is a rule, what people read is wording', () => {
    const after = revise(riverside, (d) => {
      d.version = '2';
      const [first, second, third] = d.obligations;
      first.limit = { value: 3, unit: 'calendar-days' };
      first.label = 'Resolve it between the practitioners';
      first.citation = { ref: 'Stage 1', quote: 'within 3 days' };
      second.strength = 'maximum';
      second.anchor = { on: 'stage-entered', stages: ['stage-2'], once: true };
      second.who = 'Managers';
      third.meet = { by: 'resolution' };
      third.survivesWithdrawal = true;
      third.imminentRisk = { notApplicable: true };
      d.obligations.find((o: { id: string }) => o.id === 'manager-updates').every = { value: 10, unit: 'working-days' };
    });
    const diff = diffPolicies(riverside, after);
    expect(diff.changes.map(brief)).toEqual([
      ['changed', 'policy', 'version', 'version', false],
      ['changed', 'obligation', 'stage-1-resolution', 'limit.value', true],
      ['changed', 'obligation', 'stage-1-resolution', 'limit.unit', true],
      ['changed', 'obligation', 'stage-1-resolution', 'label', false],
      ['changed', 'obligation', 'stage-1-resolution', 'citation.quote', false],
      ['changed', 'obligation', 'stage-2-resolution', 'strength', true],
      ['changed', 'obligation', 'stage-2-resolution', 'anchor', true],
      ['changed', 'obligation', 'stage-2-resolution', 'who', false],
      ['changed', 'obligation', 'stage-3-resolution', 'meet', true],
      ['changed', 'obligation', 'stage-3-resolution', 'imminentRisk', true],
      ['changed', 'obligation', 'stage-3-resolution', 'survivesWithdrawal', true],
      ['changed', 'obligation', 'manager-updates', 'every', true],
    ]);
    expect(diff.changes[1]!.summary).toBe("Stage 1's limit changed from 2 working days to 3 calendar days");
    expect(diff.changes.find((c) => c.field === 'anchor')?.summary).toBe(
      "Stage 2's clock now counts from the first of Stage 2 beginning (was Stage 2 beginning)",
    );
  });

  it('stages, recipients, flags, forms, routes and the division', () => {
    const after = revise(riverside, (d) => {
      d.version = '2';
      d.division = 'scotland';
      d.stages[1].title = 'Team managers';
      d.stages.push({
        id: 'stage-4',
        number: 4,
        title: 'Directors',
        participants: [{ role: 'Director' }],
        citation: { ref: 'Stage 4' },
      });
      d.recipients[0].aliases = ['the partnership manager'];
      d.flags = [{ id: 'serious', title: 'A serious concern', citation: { ref: '5' } }];
      d.forms[0].fields.push({ name: 'Outcome sought' });
      d.routes = [
        {
          id: 'board',
          title: 'The board',
          kind: 'hand-off',
          summary: 'Passed to the board.',
          handOff: { onEntering: ['stage-4'], to: 'The board' },
          citation: { ref: '6' },
        },
      ];
    });
    const diff = diffPolicies(riverside, after);
    expect(diff.changes.map(brief)).toEqual([
      ['changed', 'policy', 'version', 'version', false],
      ['changed', 'policy', 'division', 'division', true],
      ['added', 'stage', 'stage-4', null, true],
      ['changed', 'stage', 'stage-2', 'title', false],
      ['changed', 'recipient', 'partnership-manager', 'aliases', true],
      ['added', 'flag', 'serious', null, true],
      ['added', 'movement', 'stage-3->stage-4', null, true],
      ['changed', 'form', 'escalation-template', 'fields', false],
      ['added', 'route', 'board', null, true],
    ]);
    expect(diff.changes.find((c) => c.area === 'recipient')?.summary).toBe(
      'Other names of “Partnership Manager”: added “the partnership manager”; removed “partnership manager”',
    );
    expect(diff.changes.find((c) => c.area === 'form')?.summary).toBe(
      'The fields of form “Escalation template” changed: added “Outcome sought”',
    );
  });

  it('compares the moves the ladders allow, not the movement rules as written', () => {
    // Allowing the jump from stage-2 too changes nothing: stage-3 is stage-2's next stage anyway.
    const wider = revise(riverside, (d) => {
      d.movement[0].from = ['stage-1', 'stage-2'];
      d.movement[0].quote = 'only where there are imminent concerns may a stage be expedited';
    });
    expect(diffPolicies(riverside, wider).changes.map(brief)).toEqual([
      ['changed', 'movement', 'expedite-imminent', 'quote', false],
    ]);
    // Asking for a significant risk instead changes the jump's requirement.
    const looser = revise(riverside, (d) => {
      d.movement[0].requires = 'significant-risk';
    });
    expect(diffPolicies(riverside, looser).changes.map(brief)).toEqual([
      ['changed', 'movement', 'stage-1->stage-3', 'requires', true],
    ]);
    // A rule whose kind turns from expedite to skip records the jump another way.
    const skip = revise(riverside, (d) => {
      d.movement[0].kind = 'skip';
    });
    expect(diffPolicies(riverside, skip).changes.map(brief)).toEqual([
      ['changed', 'movement', 'stage-1->stage-3', 'requires', true],
    ]);
  });

  it('matches an interpretation whose issue was reworded, and counts interpretations as wording', () => {
    const base = revise(riverside, (d) => {
      d.interpretations = [
        {
          issue: 'The text gives no timescale for the written confirmation.',
          reading: '5 working days.',
          reason: 'As the other stages.',
        },
        { issue: 'Whether a notice by email counts.', reading: 'It does.', reason: 'The text says "in writing".' },
      ];
    });
    const later = revise(base, (d) => {
      d.interpretations[0].issue = 'The text gives no number of days for the written confirmation.';
      d.interpretations[1].reading = 'It does, to the address the text gives.';
      d.interpretations.push({
        issue: 'What a withdrawal ends.',
        reading: 'Everything but the records.',
        reason: 'The tracker needs them.',
      });
    });
    expect(diffPolicies(base, later).changes.map(brief)).toEqual([
      ['changed', 'interpretation', '0', 'issue', false],
      ['changed', 'interpretation', '1', 'reading', false],
      ['added', 'interpretation', '2', null, false],
    ]);
  });

  it('refuses what is not a policy, with every problem', () => {
    expect(() => diffPolicies(riverside, { id: 'riverside' } as unknown as Policy)).toThrow(/stages/);
  });
});

describe('renderPolicyDiff', () => {
  it('puts the changes for cases first, then the wording with the words before and after', () => {
    const markdown = renderPolicyDiff(diffPolicies(policies.suffolk, revisions.suffolk));
    expect(markdown).toContain('### suffolk: version 8 r2 → version 9');
    expect(markdown).toContain(
      '2 changes to what the engine does (dates, moves, duties); 6 changes to the wording only.',
    );
    const cases = markdown.indexOf('#### What changes for cases');
    const wording = markdown.indexOf('#### Wording only');
    expect(cases).toBeGreaterThan(0);
    expect(wording).toBeGreaterThan(cases);
    expect(
      markdown.indexOf("- **Duty**: Stage 2's limit changed from 1 working day to 2 working days"),
    ).toBeGreaterThan(cases);
    expect(markdown).toContain(
      '  - now: “preferably on the same day as the Stage 1 discussion or meeting and no longer than two working days later”',
    );
  });

  it('says when there is no difference', () => {
    expect(renderPolicyDiff(diffPolicies(policies.devon, policies.devon))).toBe(
      '### devon: version web page (undated) r2 → version web page (undated) r2\n\nNo differences.\n',
    );
  });
});
