// A JavaScript module whose default export (or `policy` export) is a policy definition.
import { pathToFileURL } from 'node:url';
import type { PolicyFileLoader } from './loader.js';

export const javascriptLoader: PolicyFileLoader = {
  extensions: ['.js', '.mjs', '.cjs'],
  describe: 'a JavaScript module whose default export is a definition',
  async load(file) {
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown; policy?: unknown };
    return { input: mod.default ?? mod.policy, options: {} };
  },
};
