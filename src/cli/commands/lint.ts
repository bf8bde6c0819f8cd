// `lint`: checks policy definitions for what the schema cannot see.
import type { Command } from 'commander';
import { lintPolicy, type Finding } from '../../lint/lintPolicy.js';
import { EXIT, EXIT_CODES_HELP } from '../exitCodes.js';
import type { Io } from '../io.js';
import { builtInIds, readPolicyInput, POLICY_ARGUMENT_HELP } from '../policySource.js';
import { wrap } from '../table.js';
import { action, helpAfter, type CliContext, type CommandModule } from './command.js';

export const lintCommand: CommandModule = {
  register(program, context) {
    const command: Command = program
      .command('lint')
      .summary('check policy definitions; exits 1 when any has an error')
      .description(
        'Checks policy definitions for what the schema cannot see: unreachable stages, stages with no way out, a cumulative cap shorter than the stage limits it spans (TIMESCALE_CONFLICT), timescales cited without a quote, clocks that wait for a record nobody is asked to make, and movement rules that disagree. With no policy, lints the built-in ones.',
      )
      .argument('[policy...]', POLICY_ARGUMENT_HELP)
      .option('--json', 'print the findings as JSON')
      .addHelpText('after', helpAfter(['lint', 'lint my-policy.json', 'lint my-policy.json --json'], EXIT_CODES_HELP))
      .action(
        action(
          context,
          () => command,
          (targets: string[], options: { json?: boolean }) => lint(context, targets, options),
        ),
      );
  },
};

async function lint(context: CliContext, targets: string[], options: { json?: boolean }): Promise<number> {
  const results: { name: string; findings: Finding[] }[] = [];
  for (const name of targets.length ? targets : builtInIds) {
    // A file that cannot be read as a policy (a syntax error) is a finding like any other, with its
    // line and column: the rest are still linted.
    const { input, options: textOptions } = await readPolicyInput(name);
    const findings = lintPolicy(input, textOptions);
    results.push({ name, findings });
  }
  if (options.json) context.io.out(JSON.stringify(results, null, 2));
  else for (const r of results) printFindings(r.name, r.findings, context.io);
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT.invalid : EXIT.ok;
}

function printFindings(name: string, findings: readonly Finding[], io: Io): void {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  io.out(`${name}: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} note(s)`);
  for (const f of findings) {
    io.out(
      `  ${f.severity.padEnd(7)} ${f.code.padEnd(26)} ${f.line !== undefined ? `${name}:${f.line}:${f.column ?? 1} ` : ''}${f.path}`,
    );
    io.out(wrap(f.message, io.columns, '          '));
    if (f.source) io.out(wrap(`text: ${f.source}`, io.columns, '          '));
  }
}
