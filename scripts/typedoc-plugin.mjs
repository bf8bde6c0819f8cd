// The documentation site's own TypeDoc plugin (typedoc.json loads it after typedoc-plugin-zod, which
// expands the `z.infer<typeof schema>` types). It does two things TypeDoc's options cannot:
//
// 1. Files each export under a topic (Runtime, Policies, Calendar, Authoring, Auditing, Oversight)
//    by the folder it is written in, and each guide under its topic by its file name, so the source
//    needs no @category tag on every export and a new export lands under its folder's topic. The
//    guides are moved into the main module, so that a topic lists its guide beside its exports, and
//    named by their first heading.
// 2. Shows the fields of the types that are computed from another type rather than written out
//    (`Policy` is `DeepReadonly<...>` of the schema's type, `HistoryEntry` an intersection), as
//    typedoc-plugin-zod does for `z.infer`: the page lists each field instead of the type expression.
import path from 'node:path';
import { CommentTag, Converter, IntrinsicType, ReflectionKind, TypeScript as ts } from 'typedoc';

/** Topics by the source folder or file of an export, first match wins. */
const TOPIC_BY_SOURCE = [
  [/(^|\/)policies\//, 'Policies'],
  [/\/src\/escalation\//, 'Runtime'],
  [/\/src\/render\/renderTimeline\.ts$/, 'Runtime'],
  [/\/src\/versions\/migrate[^/]*\.ts$/, 'Runtime'],
  [/\/src\/versions\//, 'Authoring'],
  [/\/src\/calendar\//, 'Calendar'],
  [/\/src\/(policy|machine|render|shared|authoring)\//, 'Authoring'],
  [/\/src\/(audit|lint|testing)\//, 'Auditing'],
  [/\/src\/oversight\//, 'Oversight'],
];

/** Exports filed apart from their folder: the policy type belongs with the policies. */
const TOPIC_BY_NAME = { Policy: 'Policies', PolicyId: 'Policies' };

/** Guides (docs/*.md) by file name. */
const TOPIC_BY_GUIDE = {
  'engine.md': 'Runtime',
  'integration.md': 'Runtime',
  'authoring.md': 'Authoring',
  'studio.md': 'Authoring',
  'working-days.md': 'Calendar',
  'auditing.md': 'Auditing',
  'testing.md': 'Auditing',
  'oversight.md': 'Oversight',
  'cli.md': 'CLI',
  'authoring.md': 'Authoring',
  'studio.md': 'Authoring',
};

/** Guides in a folder of their own, by folder. */
const TOPIC_BY_GUIDE_FOLDER = { policies: 'Policies' };

/** Type aliases computed from another type, shown with their fields: by name, and every `DeepReadonly<...>`. */
const EXPAND = new Set(['Policy', 'HistoryEntry']);
const EXPAND_WRAPPERS = new Set(['DeepReadonly']);

/** The two entry points, named as a user imports them. */
const MODULE_NAMES = { index: 'safeguarding-escalation', testing: 'safeguarding-escalation/testing' };

/** @param {import('typedoc').Application} app */
export function load(app) {
  /** @type {Map<import('typedoc').Reflection, string>} */
  const topics = new Map();

  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (reflection.kindOf(ReflectionKind.Module)) {
      reflection.name = MODULE_NAMES[reflection.name] ?? reflection.name;
      return;
    }
    if (!reflection.parent?.kindOf(ReflectionKind.Module)) return;
    const file = context.getSymbolFromReflection(reflection)?.getDeclarations()?.[0]?.getSourceFile().fileName ?? '';
    const topic =
      TOPIC_BY_NAME[reflection.name] ??
      TOPIC_BY_SOURCE.find(([pattern]) => pattern.test(file.split(path.sep).join('/')))?.[1];
    if (topic) topics.set(reflection, topic);
    if (reflection.kindOf(ReflectionKind.TypeAlias)) {
      // In TypeDoc 0.28 a type alias's type is converted later: look at it once that is done.
      context.converter.deferConversion(() => {
        const type = reflection.type;
        if (EXPAND.has(reflection.name) || (type?.type === 'reference' && EXPAND_WRAPPERS.has(type.name)))
          expand(context, reflection);
      });
    }
  });

  app.converter.on(Converter.EVENT_CREATE_DOCUMENT, (_context, document) => {
    const file = document.project.files.getReflectionPath?.(document) ?? '';
    const folder = path.basename(path.dirname(file));
    const topic = TOPIC_BY_GUIDE_FOLDER[folder] ?? TOPIC_BY_GUIDE[path.basename(file)];
    if (topic && !('category' in document.frontmatter)) document.frontmatter.category = topic;
    const text = document.content.map((part) => part.text).join('');
    const heading = /^# (.+)$/m.exec(text)?.[1];
    if (heading && !('title' in document.frontmatter)) document.name = heading.trim();
  });

  // Before TypeDoc sorts the exports into categories (at the end of resolving, priority -200).
  app.converter.on(
    Converter.EVENT_RESOLVE_BEGIN,
    (context) => {
      const project = context.project;
      const main = project.children?.find((child) => child.name === MODULE_NAMES.index);
      for (const document of [...(project.documents ?? [])]) {
        if (!main) break;
        project.removeChild(document);
        document.parent = main;
        main.addChild(document);
      }
      for (const [reflection, topic] of topics) {
        const comment = reflection.comment ?? reflection.signatures?.[0]?.comment;
        if (!comment || comment.blockTags.some((t) => t.tag === '@category')) continue;
        comment.blockTags.push(new CommentTag('@category', [{ kind: 'text', text: topic }]));
      }
      topics.clear();
    },
    100,
  );
}

/** Replaces a type alias's type expression by the object type it resolves to. */
function expand(context, reflection) {
  const declaration = context.getSymbolFromReflection(reflection)?.getDeclarations()?.find(ts.isTypeAliasDeclaration);
  if (!declaration) return;
  const type = context.getTypeAtLocation(declaration);
  reflection.type = type
    ? context.converter.convertType(context.withScope(reflection), type)
    : new IntrinsicType('unknown');
}
