// Text from a policy or a stored escalation, escaped for the format it is written into: what a person
// or a program reads is the text as it was written, never markup, a link or a broken table.

/**
 * Text for a Markdown table cell or a line of inline Markdown (CommonMark and GitHub's extensions):
 * one line; `|` cannot end the cell; emphasis, code, links, images, HTML and character references
 * cannot start; a bare web address is not turned into a link. The rendered text is the text given.
 */
export function markdownText(text: string): string {
  return (
    text
      .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
      // ASCII punctuation may always be escaped with a backslash (CommonMark 2.4): each of these can
      // start emphasis, code, a link or image, HTML, a strikethrough, or end a table cell.
      .replace(/[\\`*_[\]<>|~]/g, '\\$&')
      // At the start, a heading, a list item or a quotation.
      .replace(/^([#+\-=])/, '\\$1')
      // "&lt;" would be read as "<": written "&amp;lt;" it reads as written.
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
      // GitHub links "https://…" and "www.…" on their own; an escaped colon or dot stops it.
      .replace(/\b(https?|ftp|mailto):/gi, '$1\\:')
      .replace(/\bwww\./gi, 'www\\.')
      // …and an e-mail address, at its @.
      .replace(/@/g, '\\@')
  );
}

/**
 * Text for the words of a Markdown link (`[words](target)`): as `markdownText`, and with its
 * parentheses escaped too, as some renderers read a link inside a link's words even when its brackets
 * are escaped.
 */
export function markdownLinkText(text: string): string {
  return markdownText(text).replace(/[()]/g, '\\$&');
}

/** A path or address for a Markdown link target, `(` `)` and spaces written so that the link holds. */
export function markdownLinkTarget(target: string): string {
  return target.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * Text inside an HTML comment, on one line. HTML allows `--` inside a comment (so a command's
 * `--raised` stays as written, ready to copy); what would end the comment early (`-->`, `--!>`) or
 * open another (`<!--`) has its dashes spaced apart.
 */
export function htmlCommentText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/<!--/g, '<! - -')
    .replace(/-+(?=!?>)/g, (dashes) => dashes.split('').join(' '))
    .replace(/-$/, '- ');
}

/**
 * Text for a Mermaid label (a state name in quotes, a transition label, a Gantt task): one line, with
 * none of the characters Mermaid reads as syntax (quotes, brackets, `:`, `;`, `#` and `%` that start
 * entities, comments and directives, `<` `>` `&` that Mermaid passes on as HTML, backticks that start
 * Markdown strings), each written as a space.
 */
export function mermaidText(text: string): string {
  return text
    .replace(/[:;"#%<>&`{}[\]|\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Characters XML 1.0 does not allow at all: an SVG with one of them is not a document.
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an SVG (XML) element or attribute: escaped, and without characters XML forbids. */
export function xmlText(text: string): string {
  return text
    .replace(XML_ILLEGAL, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
