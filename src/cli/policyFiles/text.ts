// A policy written as YAML or JSON: read as text, so that `loadPolicy` and `lintPolicy` place every
// problem, syntax errors included, by line and column.
import fs from 'node:fs';
import type { PolicyFileLoader } from './loader.js';

export const textLoader: PolicyFileLoader = {
  extensions: ['.yaml', '.yml', '.json'],
  describe: 'a YAML or JSON policy file',
  load: (file, shown) => ({ input: fs.readFileSync(file, 'utf8'), options: { file: shown } }),
};
