// A policy text parsed, and the one place that maps a finding's path (`obligations[3].limit.value`)
// to a line and column in that text. YAML and JSON both go through the `yaml` package's Document,
// whose nodes carry their source ranges (JSON is YAML 1.2's flow style); JSON is also checked with
// JSON.parse, which is stricter.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { PolicyFormat } from './policyText.js';

/** A place in the text: offsets for the editor, a 1-based line and column for people. */
export interface Place {
  readonly from: number;
  readonly to: number;
  readonly line: number;
  readonly column: number;
}

/** A syntax error in the text. */
export interface SyntaxProblem extends Place {
  readonly message: string;
}

/** A policy text, parsed. */
export interface ParsedText {
  readonly format: PolicyFormat;
  /** The data, or undefined when the text does not parse. */
  readonly data: unknown;
  readonly syntax: readonly SyntaxProblem[];
  /** Where a finding path points in the text. */
  locate(path: string): Place;
}

/** Parses a policy text in its format. */
export function parsePolicyText(text: string, format: PolicyFormat): ParsedText {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const place = (from: number, to: number): Place => {
    const { line, col } = lines.linePos(from);
    return { from, to: Math.max(to, from), line, column: col };
  };
  const syntax: SyntaxProblem[] = doc.errors.map((e) => ({
    ...place(e.pos[0], e.pos[1]),
    message: e.message.split('\n')[0]!,
  }));
  let data: unknown;
  if (format === 'json') {
    try {
      data = JSON.parse(text);
    } catch (error) {
      if (syntax.length === 0)
        syntax.push({ ...jsonErrorPlace(text, error, place), message: `Not valid JSON: ${(error as Error).message}` });
    }
  } else if (syntax.length === 0) {
    data = doc.toJS({ maxAliasCount: 100 });
  }
  return { format, data: syntax.length ? undefined : data, syntax, locate: (path) => locate(doc, path, text, place) };
}

function jsonErrorPlace(text: string, error: unknown, place: (from: number, to: number) => Place): Place {
  const message = error instanceof Error ? error.message : '';
  const at = /position (\d+)/.exec(message);
  const offset = at ? Math.min(Number(at[1]), text.length) : text.length;
  return place(offset, Math.min(offset + 1, text.length));
}

/** `obligations[3].limit.value` → ['obligations', 3, 'limit', 'value']. */
export function pathSegments(path: string): (string | number)[] {
  if (path === '(root)' || path === '') return [];
  const segments: (string | number)[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    if (match[1]) segments.push(match[1]);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

/**
 * The deepest node on the path that the text has. A scalar is marked itself; a collection is marked
 * by the key that holds it (its line is where an author looks), and a missing key by its parent's.
 */
function locate(doc: Document, path: string, text: string, place: (from: number, to: number) => Place): Place {
  let node: unknown = doc.contents;
  let holder: Pair | undefined;
  for (const segment of pathSegments(path)) {
    let next: Pair | Node | undefined;
    if (isMap(node)) next = node.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === String(segment));
    else if (isSeq(node) && typeof segment === 'number') next = node.items[segment] as Node | undefined;
    if (!next) break;
    if (isPair(next)) {
      holder = next;
      node = next.value;
    } else {
      holder = undefined;
      node = next;
    }
  }
  const key = holder?.key as Node | undefined;
  const target = isScalar(node) && node.range ? node : key?.range ? key : (node as Node | undefined);
  const range = target?.range;
  if (!range) return place(0, Math.min(text.length, 1));
  // A collection's range runs to its last line; its first line is enough to mark.
  const newline = text.indexOf('\n', range[0]);
  const end = isScalar(target) ? range[1] : Math.min(range[1], newline < 0 ? text.length : newline);
  return place(range[0], end);
}
