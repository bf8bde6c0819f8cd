#!/usr/bin/env node
// The executable behind `safeguarding-escalation`: runs the command line and sets the exit code.
import { run } from './main.js';

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  },
);
