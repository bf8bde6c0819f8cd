// Every command, in the order the help lists them. To add a command, add a module beside these that
// exports a `CommandModule`, and list it here.
import type { CommandModule } from './command.js';
import { diffCommand } from './diff.js';
import { docsCommand } from './docs.js';
import { exportCommand } from './export.js';
import { initCommand } from './init.js';
import { lintCommand } from './lint.js';
import { reportCommand } from './report.js';
import { schemaCommand } from './schema.js';
import { statusCommand } from './status.js';
import { timelineCommand } from './timeline.js';

export const commands: readonly CommandModule[] = [
  timelineCommand,
  statusCommand,
  lintCommand,
  diffCommand,
  reportCommand,
  docsCommand,
  initCommand,
  exportCommand,
  schemaCommand,
];
