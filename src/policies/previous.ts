import type { MigrationPlan } from '../escalation/migrationPlan.js';
import type { Policy } from '../policy/define.js';
import { builtInPolicy } from './builtIn.js';
import type { PolicyDefinition } from '../policy/schema.js';
import { policies, type PolicyId } from './index.js';
import barnsleyV4 from './previous/barnsley-v4.generated.js';
import derbyDerbyshire1 from './previous/derby-derbyshire-1.generated.js';
import devonWebPageUndated from './previous/devon-web-page-undated.generated.js';
import somersetMarch2013Review from './previous/somerset-march-2013-review.generated.js';
import suffolk8 from './previous/suffolk-8.generated.js';

// The definitions earlier versions of the package shipped, kept so that the escalations hosts stored
// under them restore and run as they did, and the plans that move those escalations to the current
// definitions. A module of its own, of plain named exports with nothing done at import: a bundle
// that does not use them leaves them out.

/** The definition of each policy that version 0.1.0 of the package shipped, compiled from policies/previous/. */
const definitions: Readonly<Record<PolicyId, PolicyDefinition>> = {
  'derby-derbyshire': derbyDerbyshire1,
  somerset: somersetMarch2013Review,
  suffolk: suffolk8,
  devon: devonWebPageUndated,
  barnsley: barnsleyV4,
};

// Made the first time it is read, as `policies` are, and taken as checked as they are (see `builtInPolicy`).
const previous = (id: PolicyId): Policy => builtInPolicy(definitions[id]);

/**
 * The five policies as version 0.1.0 of the package defined them, keyed by id (Suffolk "8", Barnsley
 * "V4", Derby and Derbyshire "1", Somerset "March 2013 review", Devon "web page (undated)"), each
 * checked when the package was built. Escalations started under 0.1 name these versions: restore them under these
 * (or `shippedPolicies`), and move them to the current definitions with `migrateEscalation` and
 * `upgradePlans`. Read-only.
 *
 * @example
 * const e = restoreEscalation(previousPolicies.suffolk, row.json); // a case stored by 0.1, version "8"
 */
export const previousPolicies: Readonly<Record<PolicyId, Policy>> = {
  get 'derby-derbyshire'() {
    return previous('derby-derbyshire');
  },
  get somerset() {
    return previous('somerset');
  },
  get suffolk() {
    return previous('suffolk');
  },
  get devon() {
    return previous('devon');
  },
  get barnsley() {
    return previous('barnsley');
  },
};

const isPolicyId = (id: string): id is PolicyId => Object.prototype.hasOwnProperty.call(definitions, id);

/**
 * A registry of every version of the five policies the package has shipped: the current ones
 * (`policies`) and those of version 0.1.0 (`previousPolicies`). Pass it where a policy is taken, and
 * each escalation runs under the version it names, whichever version of the package started it.
 * Each version was checked when the package was built.
 *
 * @example
 * const e = restoreEscalation(shippedPolicies, row.json); // a case stored by 0.1 or by this version
 * getStatus(shippedPolicies, e, now);
 */
export const shippedPolicies: {
  /** The version of a shipped policy, or undefined when the package never shipped it. */
  get(id: string, version: string): Policy | undefined;
  /** Every version the package has shipped, current and previous. */
  readonly policies: readonly Policy[];
} = {
  get(id: string, version: string): Policy | undefined {
    if (!isPolicyId(id)) return undefined;
    if (definitions[id].version === version) return previous(id);
    const current = policies[id];
    return current.version === version ? current : undefined;
  },
  get policies(): readonly Policy[] {
    return (Object.keys(definitions) as PolicyId[]).flatMap((id) => [policies[id], previous(id)]);
  },
};

/**
 * For each policy, the plan that moves an escalation from its 0.1.0 definition (`previousPolicies`) to
 * its current one (`policies`), for `migrateEscalation`: worked out from `diffPolicies` of the two, and
 * checked on every open case of a corpus of cases 0.1 stored. Deadlines keep their dates, except:
 * - Suffolk: the Stage 5 notice has no date of its own in "8 r2" (0.1 gave it 0 working days): its
 *   date is dropped; it stays owed. The Stage 5 cap keeps 0.1's date, counted from the raising, which
 *   is never later than "8 r2"'s count from the Stage 1 discussion: a migration keeps a clock's anchor.
 * - Barnsley: a progress update that 0.1 moved on round by round while nobody sent one is counted again
 *   from the last update, so it is owed from the round first missed, with the rounds missed since (the
 *   one due date a plan brings forward). The two notices "V4 r2" adds after a resolution start in
 *   cases already resolved.
 * - Derby and Derbyshire: the template owed at Stage 3 becomes the template owed on reaching Stage 3 or
 *   4 (`template-on-escalation`), due the same day; one made earlier counts.
 * - Devon: the feedback owed to the raising professionals at Stage 5 becomes feedback owed after a
 *   resolution at Stage 5: a case already resolved there owes it now, an open one when it is resolved.
 *
 * @example
 * const { escalation } = migrateEscalation(e, {
 *   from: shippedPolicies, to: policies.suffolk.version, plan: upgradePlans.suffolk,
 *   at: now, by: { role: 'Business Manager' }, reason: 'Open cases follow the revised definition',
 * });
 */
export const upgradePlans: Readonly<Record<PolicyId, MigrationPlan>> = {
  suffolk: {
    deadlines: 'keep-date',
    duties: { 'stage-5-via-representative': { deadline: 'recount' } },
  },
  barnsley: {
    deadlines: 'keep-date',
    duties: { 'progress-updates': { deadline: 'recount' } },
    start: { 'representative-told-of-resolution': 'anchor', 'partnership-manager-told-of-resolution': 'anchor' },
  },
  'derby-derbyshire': {
    deadlines: 'keep-date',
    duties: {
      'template-at-stage-3': {
        end: 'Version "1 r2" asks for the template on reaching Stage 3 or 4 (template-on-escalation), which starts in its place unless one was made earlier',
      },
    },
    start: { 'template-on-escalation': 'anchor' },
  },
  somerset: { deadlines: 'keep-date' },
  devon: {
    deadlines: 'keep-date',
    duties: {
      'feedback-to-raiser': {
        end: 'Version "web page (undated) r2" owes the feedback after a resolution at Stage 5, and starts it then',
      },
    },
    start: { 'feedback-to-raiser': 'anchor' },
  },
};
