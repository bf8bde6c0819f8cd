/** A citation as one line of text: `Stage 2: "the words"`, or the reference alone. */
export function citationText(citation: { readonly ref: string; readonly quote?: string | undefined }): string {
  return citation.quote ? `${citation.ref}: "${citation.quote}"` : citation.ref;
}
