// What the studio says when something goes wrong: the error's own message, in one line of reasonable
// length. Never String(error): an object thrown without a prototype makes String() throw in its turn
// (inside the handler that was to report it), and any other object says only "[object Object]".

/** Longest message shown; a longer one is cut, saying so. */
const MAX_LENGTH = 500;

/**
 * An error in words for the page: an Error's message (with its code, for the library's coded errors),
 * a thrown string as it is, anything else as "an unexpected problem". Never throws.
 *
 * @example
 * errorText(new Error('the link is not a policy studio link')); // 'the link is not a policy studio link'
 */
export function errorText(error: unknown): string {
  let text: string;
  try {
    if (error instanceof Error) {
      const code = (error as { code?: unknown }).code;
      const message = typeof error.message === 'string' && error.message.trim() !== '' ? error.message : error.name;
      text = typeof code === 'string' && code !== '' && !message.startsWith(code) ? `${message} (${code})` : message;
    } else if (typeof error === 'string' && error.trim() !== '') text = error;
    else text = 'an unexpected problem';
  } catch {
    text = 'an unexpected problem'; // a getter on the error that throws
  }
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH)}… (cut)` : line;
}
