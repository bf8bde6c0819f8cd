import { EscalationError } from '../escalation/errors.js';
import { POLICY_SCHEMA_ID } from '../policy/jsonSchema.js';

// The policy file a new partnership starts from: YAML, with the schema line an editor reads, a
// comment on each part, and placeholders (<...>) where the author writes the document's words. Every
// placeholder is an error for `lintPolicy` (PLACEHOLDER) until it is replaced, and once each is, the
// file lints clean: test/authoring/template.test.ts fills one in and runs it.

/**
 * A value left for the author to write: the whole value in angle brackets, such as
 * `<the partnership's name>`. `lintPolicy` reports each one still in a file as a PLACEHOLDER error.
 *
 * @example
 * PLACEHOLDER_PATTERN.test("<the partnership's name>"); // true
 */
export const PLACEHOLDER_PATTERN = /^<[^<>\n]+>$/;

/** Options for `policyTemplate`. */
export interface PolicyTemplateOptions {
  /** The policy's id: lower case letters, digits and single hyphens, such as "riverbank". */
  readonly id: string;
  /** The partnership's name; a placeholder when left out. */
  readonly partnership?: string;
  /**
   * What the first line points the editor at: a path relative to the file (such as
   * `./node_modules/safeguarding-escalation/policies/policy.schema.json`) or a URL. By default the
   * published schema, `POLICY_SCHEMA_ID`.
   */
  readonly schema?: string;
}

/** Text as a YAML double-quoted scalar: JSON's string syntax is YAML's. */
const quoted = (text: string) => JSON.stringify(text);

function stage(number: number, title: string, roles: { role: string; counterpart?: string }[]): string {
  const participants = roles
    .map((r) => `      - role: ${r.role}${r.counterpart ? `\n        counterpart: ${r.counterpart}` : ''}`)
    .join('\n');
  return `  - id: stage-${number}
    number: ${number}
    title: ${title}
    participants:
${participants}
    citation:
      ref: <where the document sets out stage ${number}, such as "Stage ${number}" or "section 4.${number}">
      quote: <the document's words for what happens at stage ${number}>`;
}

function stageDeadline(number: number, meet: string, who: string): string {
  return `  - id: stage-${number}-resolution
    kind: stage
    label: <what must happen at stage ${number}, in a few words, such as "Resolve between the managers">
    who: ${who}
    anchor: { on: stage-entered, stages: [stage-${number}] }
    meet: ${meet}
    limit:
      value: <the number of working days the document gives for stage ${number}>
      unit: working-days
    strength: maximum
    citation:
      ref: <where the document sets this timescale>
      quote: <the document's words that set it>`;
}

/**
 * The text of a new policy file: YAML with the `# yaml-language-server: $schema=...` line (so VS Code
 * and other editors complete and check it), a comment on each part, and `<placeholders>` for the
 * author to replace with the document's words. Three stages with a timescale each; the optional parts
 * (movement rules, recipients, forms, routes, interpretations) are shown as comments to copy. Until
 * every placeholder is replaced `lintPolicy` reports each as a PLACEHOLDER error; then it lints clean.
 *
 * @example
 * fs.writeFileSync('riverbank.yaml', policyTemplate({ id: 'riverbank', partnership: 'Riverbank Safeguarding Children Partnership' }));
 */
export function policyTemplate(options: PolicyTemplateOptions): string {
  templateOptions(options);
  const partnership = options.partnership ? quoted(options.partnership) : "<the partnership's name>";
  const publisher = options.partnership
    ? quoted(options.partnership)
    : '<who published it, as the document names itself>';
  return `# yaml-language-server: $schema=${options.schema ?? POLICY_SCHEMA_ID}

# A safeguarding escalation policy, written as data for safeguarding-escalation.
#
# Replace every <placeholder>, angle brackets and all, with the words of your document; keep its
# own wording for titles and quotes. \`safeguarding-escalation lint <this file>\` lists each
# placeholder still left, with its line, and anything else that is wrong. Lines starting with #
# are comments: keep them, add your own, or delete them. The guide is docs/authoring.md in the
# package.

# How programs and escalations name this policy: lower case letters, digits and hyphens.
id: ${options.id}
# The procedure's title, as the document gives it.
title: <the procedure's title, as the document gives it>
partnership: ${partnership}
# This definition's own version. Every escalation records it: raise it whenever you change a rule.
# In quotes, so that it stays text ("1.10" would otherwise become the number 1.1).
version: "1"

# The document this file encodes. Its dates tell readers whether it is still the current version:
# \`timeline\` and \`docs\` warn when its review date has passed, when it was issued before the 2019
# safeguarding partnership arrangements, and when it has no issue date.
source:
  document: <the document's title>
  publisher: ${publisher}
  # The document's own version label. Put a number in quotes: "3".
  version: <the document's version, such as "3" or "V4">
  # When this version was issued, and when the document says it will be reviewed: "YYYY-MM".
  issued: <when this version was issued, written "YYYY-MM" in quotes>
  reviewDue: <when the document says it will be reviewed, written "YYYY-MM" in quotes>
  # The date as the document words it.
  date: <the document's date, in its own words>
  # Where it is published, and anything a reader should know about its currency (delete if none):
  # url: https://www.example.org/procedures/escalation
  # notes: Replaces the 2021 version.

# Whose bank holidays count when working days are counted: england-and-wales, scotland or
# northern-ireland.
division: england-and-wales

# The stages, in order. A case may always move up to the next stage (ESCALATE), be resolved, or be
# withdrawn; jumping further needs a movement rule below. Ids are "stage-" and the number the
# document gives (use stage-0 for a step it puts before Stage 1). Add or remove stages to match it.
stages:
${stage(1, "<stage 1's title, as the document gives it>", [
  { role: '<who raises the concern>', counterpart: '<who they talk to in the other agency>' },
])}

${stage(2, "<stage 2's title>", [{ role: '<who takes part at stage 2, such as "Team manager">' }])}

${stage(3, "<stage 3's title>", [{ role: '<who takes part at stage 3, such as "Head of service">' }])}

# Every timescale and duty the document sets. Each says what starts its clock (anchor), what meets
# it (meet), how long it allows (limit: working-days, working-weeks, calendar-days or hours), and
# whether it is a maximum or guidance that may be extended (strength). Optional, where the text says:
#   imminentRisk: { limit: { value: 24, unit: hours } }   a shorter limit when a child is at imminent risk
#   survivesWithdrawal: true                               still owed after the case is withdrawn
obligations:
${stageDeadline(1, '{ by: stage-exit }', '<who must act at stage 1>')}

${stageDeadline(2, '{ by: stage-exit }', '<who must act at stage 2>')}

${stageDeadline(3, '{ by: resolution }', '<who must act at stage 3>')}

# When a case may start above stage 1 or jump past the next stage, in the document's words. None:
# the stages run in order. An example, to copy and fill in:
#   - id: imminent-risk
#     kind: expedite                 # start, expedite or skip
#     to: [stage-3]
#     requires: imminent-risk        # none, imminent-risk, significant-risk or immediate-harm
#     quote: <the document's words that allow it>
#     citation: { ref: <where> }
movement: []

# Optional parts, to copy and fill in where the document has them:
#
# recipients:                        # who must be told or answered; obligations name them in \`to\`
#   - id: partnership-manager
#     title: <who, as the document names them>
#     addresses: [ <their mailbox> ]
#
# forms:                             # the forms the document asks for
#   - id: escalation-form
#     title: <the form's title>
#     fields:
#       - name: <a field on the form>
#     citation: { ref: <where> }
#
# routes:                            # routes beside the ladder: separate-route, hand-off or note
#   - id: complaints
#     title: <the route's title>
#     kind: separate-route
#     summary: <what it is, in a sentence>
#     citation: { ref: <where> }
#
# interpretations:                   # where the text is silent or contradicts itself
#   - issue: <what the text leaves open>
#     reading: <the reading this file takes>
#     reason: <why>
`;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The options, checked before any of them is written into the file: the id as the schema wants it,
 * and no line break in the schema line (it would end the line and start YAML of its own). The
 * partnership's name is written as a quoted YAML string, so any text is safe there.
 */
function templateOptions(options: unknown): asserts options is PolicyTemplateOptions {
  const refuse = (message: string) => {
    throw new EscalationError('INVALID_ARGUMENT', `policyTemplate: ${message}`);
  };
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    refuse("expected options such as { id: 'riverbank' }");
  const { id, partnership, schema } = options as Record<string, unknown>;
  if (typeof id !== 'string' || !ID.test(id))
    refuse('options.id must be lower case letters, digits and single hyphens, such as "riverbank"');
  if (partnership !== undefined && (typeof partnership !== 'string' || partnership.trim() === ''))
    refuse("options.partnership must be the partnership's name, as text");
  if (schema !== undefined && (typeof schema !== 'string' || schema.trim() === '' || /[\r\n\u2028\u2029]/.test(schema)))
    refuse('options.schema must be a path or a URL on one line');
}
