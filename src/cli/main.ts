#!/usr/bin/env node
// The command-line tool. The outermost room: it reads files and prints; nothing imports it.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { lintPolicy, type Finding } from '../lint/lintPolicy.js';
import { policies } from '../../policies/index.js';

const HELP: Record<string, string> = {
  main: `safeguarding-escalation <command> [options]

Commands:
  lint [file or policy id ...]   check policy definitions; exits 1 when any has an error
  help [command]                 show help for a command

Built-in policy ids: ${Object.keys(policies).join(', ')}`,
  lint: `safeguarding-escalation lint [file or policy id ...] [--json]

Checks policy definitions for what the schema cannot see: unreachable stages, stages with no way
out, a cumulative cap shorter than the stage limits it spans (TIMESCALE_CONFLICT), timescales cited
without a quote, clocks that wait for a record nobody is asked to make, and movement rules that
disagree. A file is a JSON policy definition, or a JavaScript module whose default export is one.
With no argument, lints the five built-in policies.

Options:
  --json   print the findings as JSON

Exit codes: 0 no error (warnings and notes may be printed), 1 at least one error, 2 bad usage.`,
};

class UsageError extends Error {}

async function loadTarget(target: string): Promise<{ name: string; definition: unknown }> {
  if (target in policies) return { name: target, definition: policies[target as keyof typeof policies] };
  const file = path.resolve(target);
  if (!fs.existsSync(file)) {
    throw new UsageError(`No policy id or file '${target}' (built-in ids: ${Object.keys(policies).join(', ')})`);
  }
  if (/\.json$/i.test(file)) {
    const text = fs.readFileSync(file, 'utf8');
    try {
      return { name: target, definition: JSON.parse(text) };
    } catch (e) {
      return { name: target, definition: { __notJson: (e as Error).message } };
    }
  }
  if (/\.(m?js|cjs)$/i.test(file)) {
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown; policy?: unknown };
    return { name: target, definition: mod.default ?? mod.policy };
  }
  throw new UsageError(`Cannot read '${target}': give a .json policy definition or a .js module that exports one`);
}

function printFindings(name: string, findings: readonly Finding[], out: (line: string) => void): void {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  out(`${name}: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} note(s)`);
  for (const f of findings) {
    out(`  ${f.severity.padEnd(7)} ${f.code.padEnd(26)} ${f.path}`);
    out(`          ${f.message}`);
    if (f.source) out(`          text: ${f.source}`);
  }
}

async function lint(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  if (values.help) {
    out(HELP.lint!);
    return 0;
  }
  const targets = positionals.length ? positionals : Object.keys(policies);
  const results: { name: string; findings: Finding[] }[] = [];
  for (const t of targets) {
    const { name, definition } = await loadTarget(t);
    const findings =
      typeof definition === 'object' && definition !== null && '__notJson' in definition
        ? [{ severity: 'error' as const, code: 'INVALID_DEFINITION', message: `not JSON: ${String((definition as { __notJson: string }).__notJson)}`, path: '(root)' }]
        : lintPolicy(definition);
    results.push({ name, findings });
  }
  if (values.json) out(JSON.stringify(results, null, 2));
  else results.forEach((r) => printFindings(r.name, r.findings, out));
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** Runs the CLI with arguments; returns the exit code. Lines go to `out` and `err`. */
export async function run(argv: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'lint':
        return await lint(rest, out);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(HELP[rest[0] ?? 'main'] ?? HELP.main!);
        return 0;
      default:
        err(`Unknown command '${command}'.\n\n${HELP.main}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      err((e as Error).message);
      return 2;
    }
    throw e;
  }
}

const invoked = process.argv[1] && /cli\.(c?js|ts)$/.test(process.argv[1]);
if (invoked) {
  run(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exitCode = 1;
    },
  );
}
