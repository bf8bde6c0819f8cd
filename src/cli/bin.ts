#!/usr/bin/env node
// The executable behind `safeguarding-escalation`: runs the command line and sets the exit code.
import { run } from './main.js';

// A reader that stops early (`report --csv | head`) closes the pipe: that is not an error, so the
// tool stops quietly instead of crashing with EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 3;
  },
);
