// The policy editor: CodeMirror 6 in YAML or JSON, with the JSON Schema's completion, hover and
// validation (codemirror-json-schema) and the library's findings at their line as you type.
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { indentWithTab } from '@codemirror/commands';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { jsonSchema } from 'codemirror-json-schema';
import { yamlSchema } from 'codemirror-json-schema/yaml';
import type { PolicyFormat } from './policyText.js';
import { policyJsonSchema } from './schema.js';

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
}

// Text only, no colour needed: each diagnostic carries its source and severity in words.
const schemaFor = (format: PolicyFormat): Extension =>
  format === 'yaml' ? yamlSchema(policyJsonSchema as never) : jsonSchema(policyJsonSchema as never);

/** Creates the editor in `parent`. `analyse` runs after each pause in typing (300 ms). */
export function createEditor(parent: HTMLElement, text: string, format: PolicyFormat, analyse: Analyse): PolicyEditor {
  const language = new Compartment();
  let current = format;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        // Tab indents, as authors expect in YAML; Escape then Tab leaves the editor (CodeMirror's rule).
        keymap.of([indentWithTab]),
        language.of(schemaFor(format)),
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
        effects: language.reconfigure(schemaFor(nextFormat)),
      });
    },
    reveal(from, to = from) {
      view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
      view.focus();
    },
  };
}
