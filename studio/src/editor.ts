// The policy editor: CodeMirror 6 in YAML or JSON, with the JSON Schema's completion and hover
// (codemirror-json-schema) and the library's findings at their line as you type.
//
// Only the library checks the text: codemirror-json-schema's own validation (and lang-json's parse
// linter) are left out, so that a schema or syntax error is reported once, in the library's words and
// at the library's line, and so that the per-document schema (which lists this policy's own ids for
// completion) never flags a stage the author has just added.
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, hoverTooltip, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { indentWithTab } from '@codemirror/commands';
import { json, jsonLanguage } from '@codemirror/lang-json';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { jsonCompletion, jsonSchemaHover, stateExtensions, updateSchema } from 'codemirror-json-schema';
import { yamlCompletion, yamlSchemaHover } from 'codemirror-json-schema/yaml';
import type { PolicyFormat } from './library.js';

/** What the editor asks of the page on each change: the diagnostics to show. */
export type Analyse = (text: string, format: PolicyFormat) => Diagnostic[];

/** The policy editor. */
export interface PolicyEditor {
  readonly view: EditorView;
  text(): string;
  format(): PolicyFormat;
  /** Replaces the text (and its format). */
  load(text: string, format: PolicyFormat): void;
  /** Moves the cursor to an offset and focuses the editor. */
  reveal(from: number, to?: number): void;
  /** The schema completion and hover use: the policy's own, once it is valid. */
  setSchema(schema: Record<string, unknown>): void;
}

const languageFor = (format: PolicyFormat): Extension =>
  format === 'yaml'
    ? [yaml(), yamlLanguage.data.of({ autocomplete: yamlCompletion() }), hoverTooltip(yamlSchemaHover())]
    : [json(), jsonLanguage.data.of({ autocomplete: jsonCompletion() }), hoverTooltip(jsonSchemaHover())];

/** Creates the editor in `parent`. `analyse` runs after each pause in typing (300 ms). */
export function createEditor(
  parent: HTMLElement,
  text: string,
  format: PolicyFormat,
  schema: Record<string, unknown>,
  analyse: Analyse,
): PolicyEditor {
  const language = new Compartment();
  let current = format;
  let currentSchema = schema;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        // Tab indents, as authors expect in YAML; Escape then Tab leaves the editor (CodeMirror's rule).
        keymap.of([indentWithTab]),
        language.of(languageFor(format)),
        stateExtensions(schema as never),
        linter((v) => analyse(v.state.doc.toString(), current), { delay: 300 }),
        lintGutter(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': 'Policy text', 'aria-describedby': 'editor-help' }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    format: () => current,
    load(next, nextFormat) {
      current = nextFormat;
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: next },
        effects: language.reconfigure(languageFor(nextFormat)),
      });
    },
    reveal(from, to = from) {
      view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
      view.focus();
    },
    setSchema(next) {
      if (next === currentSchema) return;
      currentSchema = next;
      updateSchema(view, next as never);
    },
  };
}
