// Where the command line writes: data to stdout, messages to stderr, and how wide a table may be.
// Commands write through an `Io`, so tests can run them in-process and capture both streams.

/** The command line's two streams and its width. */
export interface Io {
  /** One piece of data, written to stdout with a newline. */
  out(text: string): void;
  /** Data written to stdout exactly as given (a CSV file with its own line endings). */
  write(text: string): void;
  /** A message for the person at the terminal (progress, what was written, an error), to stderr. */
  err(text: string): void;
  /** The width a table must fit: the terminal's, at most 100 columns. */
  readonly columns: number;
}

/** The most columns a table uses, even on a wider terminal: lines stay readable. */
export const MAX_COLUMNS = 100;

/** The process's own streams. `COLUMNS` in the environment overrides the terminal's width. */
export function processIo(): Io {
  const fromEnv = Number(process.env.COLUMNS);
  const terminal = process.stdout.isTTY ? process.stdout.columns : undefined;
  return {
    out: (text) => void process.stdout.write(`${text}\n`),
    write: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(`${text}\n`),
    columns: Math.min(MAX_COLUMNS, fromEnv > 0 ? fromEnv : (terminal ?? MAX_COLUMNS)),
  };
}
