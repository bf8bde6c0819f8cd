// Stands in for codemirror-json-schema's Markdown renderer (see scripts/build.mjs): the schema's
// descriptions are plain sentences, shown escaped, a paragraph each.
const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Renders a description as HTML: escaped, inline or as paragraphs. */
export function renderMarkdown(markdown: string, inline = true): string {
  const text = escape(markdown).replace(/`([^`]+)`/g, '<code>$1</code>');
  if (inline) return text;
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join('');
}
