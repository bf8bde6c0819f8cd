import {
  findNodeAtLocation,
  parseTree,
  printParseErrorCode,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import type { Problem } from '../shared/zod.js';

/** The formats a policy file may be written in. */
export type PolicyFormat = 'yaml' | 'json';

/** A problem in a policy file, with where it is: line and column count from 1. */
export interface PositionedProblem extends Problem {
  readonly line?: number;
  readonly column?: number;
}

/** A policy file read as data, with a way back from a path in the data to a place in the text. */
export interface ParsedPolicyText {
  readonly format: PolicyFormat;
  /** The data, or undefined when the text has syntax errors. */
  readonly data: unknown;
  /** Syntax errors, each with its line and column. */
  readonly errors: readonly PositionedProblem[];
  /** Whether the text began with a byte-order mark (ignored, and reported by the linter). */
  readonly byteOrderMark: boolean;
  /** Where a path in the data ('obligations[2].limit.unit') is in the text, 1-based. */
  locate(path: string, options?: { key?: boolean }): { line: number; column: number } | undefined;
}

/** Options for reading a policy file. */
export interface PolicyTextOptions {
  /** 'yaml' or 'json'; by default taken from `file`'s extension, else from the first character. */
  readonly format?: PolicyFormat;
  /** The file's name, for the format and for messages. */
  readonly file?: string;
}

const BOM = '\uFEFF';

/** 'a.b[2].c' as ['a', 'b', 2, 'c']. */
export function pathSegments(path: string): (string | number)[] {
  if (path === '(root)') return [];
  const segments: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]"]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    segments.push(
      match[2] !== undefined ? Number(match[2]) : match[3] !== undefined ? (JSON.parse(match[3]) as string) : match[1]!,
    );
  }
  return segments;
}

function formatOf(text: string, options: PolicyTextOptions): PolicyFormat {
  if (options.format) return options.format;
  if (options.file && /\.json$/i.test(options.file)) return 'json';
  if (options.file && /\.ya?ml$/i.test(options.file)) return 'yaml';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

/**
 * Reads the text of a policy file, YAML or JSON, into data, keeping where each part came from so that
 * every later problem can be reported at its line and column. A byte-order mark is ignored; syntax
 * errors (and, in JSON, comments and trailing commas, which JSON does not allow; brackets nested
 * deeper than any policy nests) come back as problems with what to write instead. Never throws.
 *
 * @example
 * const parsed = parsePolicyText(fs.readFileSync('my-policy.yaml', 'utf8'), { file: 'my-policy.yaml' });
 * parsed.locate('obligations[0].limit.unit'); // { line: 31, column: 28 }
 */
export function parsePolicyText(text: string, options: PolicyTextOptions = {}): ParsedPolicyText {
  if (typeof text !== 'string') return refused('expected the text of a policy file', false);
  if (typeof options !== 'object' || options === null) return refused('expected options { format?, file? }', false);
  const byteOrderMark = text.startsWith(BOM);
  const body = byteOrderMark ? text.slice(1) : text;
  const format = formatOf(body, options);
  const tooDeep = nestedTooDeep(body);
  if (tooDeep !== undefined)
    return refused(
      `brackets nested more than ${MAX_DEPTH} deep: a policy never nests so deep`,
      byteOrderMark,
      format,
      positionOf(lineStarts(body), tooDeep),
    );
  return format === 'json' ? parseJson(body, byteOrderMark) : parseYaml(body, byteOrderMark);
}

// The parsers recurse once per level of nesting: text nested thousands deep would overflow the stack
// (or take seconds). A policy nests a few levels; deeper text is refused before it is parsed.
const MAX_DEPTH = 64;

/**
 * Where brackets first nest more than MAX_DEPTH deep (an offset), or undefined. Quoted text is
 * skipped ("…" with its escapes; '…' where a quote can start a YAML scalar, after a bracket, comma,
 * colon or space, so that the apostrophe in "child's" is not taken for one), and so are comments.
 */
function nestedTooDeep(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 93 || c === 125) {
      if (depth > 0) depth--;
    } else if (c === 34) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if ((c === 39 || c === 35) && startsToken(text, i)) {
      if (c === 35) i = endOfLine(text, i);
      else
        for (i++; i < text.length && !(text.charCodeAt(i) === 39 && text.charCodeAt(i + 1) !== 39); i++)
          if (text.charCodeAt(i) === 39) i++;
    }
  }
  return undefined;
}

/** Whether the character at `i` begins a token: first on its line, or after a space, bracket, comma or colon. */
function startsToken(text: string, i: number): boolean {
  if (i === 0) return true;
  const before = text.charCodeAt(i - 1);
  return (
    before === 10 ||
    before === 13 ||
    before === 32 ||
    before === 9 ||
    before === 91 ||
    before === 123 ||
    before === 44 ||
    before === 58
  );
}

function endOfLine(text: string, i: number): number {
  const end = text.indexOf('\n', i);
  return end < 0 ? text.length : end;
}

/** A text that is not read at all, with the one problem that says why. */
function refused(
  message: string,
  byteOrderMark: boolean,
  format: PolicyFormat = 'yaml',
  at: { line: number; column: number } = { line: 1, column: 1 },
): ParsedPolicyText {
  return {
    format,
    data: undefined,
    errors: [{ path: '(root)', message, ...at }],
    byteOrderMark,
    locate: () => undefined,
  };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionOf(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

// --- YAML ---------------------------------------------------------------------------------------

function parseYaml(text: string, byteOrderMark: boolean): ParsedPolicyText {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const errors: PositionedProblem[] = document.errors.map((error) => {
    const at = lineCounter.linePos(error.pos[0]);
    return { path: '(root)', message: yamlMessage(error.code, error.message), line: at.line, column: at.col };
  });
  const locate = (path: string, options?: { key?: boolean }) => {
    const offset = yamlOffset(document, pathSegments(path), options?.key === true);
    if (offset === undefined) return undefined;
    const at = lineCounter.linePos(offset);
    return { line: at.line, column: at.col };
  };
  if (errors.length === 0) errors.push(...unresolvedAliases(document, lineCounter));
  return { format: 'yaml', data: errors.length ? undefined : document.toJS(), errors, byteOrderMark, locate };
}

/**
 * An alias (`*name`) with no anchor (`&name`) before it: the parser accepts it, and turning the
 * document into data would throw. Most often text that starts with `*`, which must be quoted.
 */
function unresolvedAliases(document: Document, lineCounter: LineCounter): PositionedProblem[] {
  const problems: PositionedProblem[] = [];
  visit(document, {
    Alias(_key, alias) {
      if (alias.resolve(document) !== undefined) return;
      const at = lineCounter.linePos(alias.range?.[0] ?? 0);
      problems.push({
        path: '(root)',
        message: `*${alias.source} refers to an anchor &${alias.source} that is not defined before it: text that starts with * goes in quotes`,
        line: at.line,
        column: at.col,
      });
    },
  });
  return problems;
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const advice: Record<string, string> = {
    DUPLICATE_KEY: 'each key may appear once in a mapping: remove or rename the second one',
    TAB_AS_INDENT: 'indent with spaces, not tabs',
    BAD_INDENT: 'line the item up with the others at its level, using spaces',
    MISSING_CHAR: 'a quote or bracket is not closed',
  };
  return advice[code] ? `${first}: ${advice[code]}` : first;
}

/** The offset of the node a path leads to (its key, with `key`), or of the deepest node on the way. */
function yamlOffset(document: Document, segments: readonly (string | number)[], key: boolean): number | undefined {
  let node: unknown = document.contents;
  let offset = rangeStart(node);
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === segment);
      if (!pair) return offset;
      if (last && (key || pair.value === null)) return rangeStart(pair.key) ?? offset;
      node = pair.value;
      offset = rangeStart(node) ?? rangeStart(pair.key) ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (node === undefined) return offset;
      offset = rangeStart(node) ?? offset;
    } else return offset;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return (node as YamlNode | null)?.range?.[0];
}

// --- JSON ---------------------------------------------------------------------------------------

const JSON_ADVICE: Record<string, string> = {
  InvalidCommentToken: 'JSON has no comments: delete it, or write the policy in YAML, where # starts a comment',
  CommaExpected: 'a comma is missing between two items',
  ColonExpected: 'a colon is missing between a key and its value',
  PropertyNameExpected: 'expected a key in double quotes; a comma after the last item is not allowed in JSON',
  ValueExpected: 'expected a value; a comma after the last item is not allowed in JSON',
  CloseBraceExpected: 'a } is missing',
  CloseBracketExpected: 'a ] is missing',
  EndOfFileExpected: 'there is more after the end of the policy: one JSON value per file',
  InvalidSymbol: 'this is not JSON: keys and text go in double quotes',
  InvalidNumberFormat: 'not a number JSON allows',
  UnexpectedEndOfString: 'text is not closed with a double quote',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'a \\u escape needs four hexadecimal digits',
  InvalidEscapeCharacter: 'not an escape JSON allows: write \\\\ for a backslash',
  InvalidCharacter: 'a character JSON does not allow here (a line break inside text is written \\n)',
};

function parseJson(text: string, byteOrderMark: boolean): ParsedPolicyText {
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const starts = lineStarts(text);
  const errors: PositionedProblem[] = dedupe(parseErrors).map((error) => {
    const code = printParseErrorCode(error.error);
    return { path: '(root)', message: JSON_ADVICE[code] ?? code, ...positionOf(starts, error.offset) };
  });
  if (root && errors.length === 0) for (const problem of duplicateKeys(root, starts)) errors.push(problem);
  const locate = (path: string, options?: { key?: boolean }) => {
    const offset = jsonOffset(root, pathSegments(path), options?.key === true);
    return offset === undefined ? undefined : positionOf(starts, offset);
  };
  return { format: 'json', data: errors.length ? undefined : JSON.parse(text), errors, byteOrderMark, locate };
}

/** One error per place: a trailing comma is reported by jsonc-parser twice at the same offset. */
function dedupe(errors: readonly ParseError[]): ParseError[] {
  const seen = new Set<number>();
  return errors.filter((error) => !seen.has(error.offset) && seen.add(error.offset));
}

function duplicateKeys(node: JsonNode, starts: readonly number[]): PositionedProblem[] {
  const problems: PositionedProblem[] = [];
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const name = property.children?.[0];
      if (!name) continue;
      const key = String(name.value);
      if (seen.has(key)) {
        problems.push({
          path: '(root)',
          message: `duplicate key ${JSON.stringify(key)}: each key may appear once in an object`,
          ...positionOf(starts, name.offset),
        });
      }
      seen.add(key);
    }
  }
  for (const child of node.children ?? []) for (const problem of duplicateKeys(child, starts)) problems.push(problem);
  return problems;
}

function jsonOffset(
  root: JsonNode | undefined,
  segments: readonly (string | number)[],
  key: boolean,
): number | undefined {
  if (!root) return undefined;
  for (let depth = segments.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(root, segments.slice(0, depth) as (string | number)[]);
    if (!node) continue;
    const isKey = key && depth === segments.length && node.parent?.type === 'property';
    return isKey
      ? node.parent!.children![0]!.offset
      : depth < segments.length && node.parent?.type === 'property'
        ? node.parent.offset
        : node.offset;
  }
  return root.offset;
}
