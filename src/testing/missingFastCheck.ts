/**
 * The error for a missing fast-check: what to install, and why it is not installed for you. Any other
 * failure while loading fast-check is passed on unchanged.
 */
export function missingFastCheck(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const notFound = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
  if (!notFound || !String((error as Error).message).includes('fast-check')) return error;
  return new Error(
    'safeguarding-escalation/testing needs fast-check, which is not installed. Install it beside this package:\n\n    npm install --save-dev fast-check@^4\n\n(It is an optional peer dependency, so that fast-check never reaches a production install.)',
    { cause: error },
  );
}
