// From the library's line and column to the editor's offsets. The library (parsePolicyText,
// lintPolicy) finds where a finding is in a YAML or JSON text; this module only turns that place into
// the range the editor marks.
import type { Finding } from './library.js';

/** A place in the text: offsets for the editor, a 1-based line and column for people. */
export interface Place {
  readonly from: number;
  readonly to: number;
  readonly line: number;
  readonly column: number;
}

// A token ends at white space or at the punctuation that closes a value in a YAML or JSON flow.
const TOKEN = /^(?:"(?:[^"\\\n]|\\.)*"?|'[^'\n]*'?|[^\s,\]}]+)/;

/**
 * The range of a finding in `text`: from its line and column to the end of the word or quoted value
 * there (at least one character), or the first character of the text when the finding has no place.
 */
export function placeOf(text: string, finding: Pick<Finding, 'line' | 'column'>): Place {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const line = Math.min(Math.max(finding.line ?? 1, 1), lineStarts.length);
  const start = lineStarts[line - 1]!;
  const lineEnd = line < lineStarts.length ? lineStarts[line]! - 1 : text.length;
  const from = Math.min(start + Math.max((finding.column ?? 1) - 1, 0), lineEnd);
  const token = TOKEN.exec(text.slice(from, lineEnd))?.[0] ?? '';
  const to = Math.min(Math.max(from + token.length, from + 1), text.length);
  return { from, to: Math.max(to, from), line, column: from - start + 1 };
}
