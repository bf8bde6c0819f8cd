// Every kind of policy file the command line reads. To read another kind, add a module beside these
// that exports a `PolicyFileLoader`, and list it here.
import { javascriptLoader } from './javascript.js';
import type { PolicyFileLoader } from './loader.js';
import { textLoader } from './text.js';

export type { PolicyFileLoader, PolicyInput } from './loader.js';

export const policyFileLoaders: readonly PolicyFileLoader[] = [textLoader, javascriptLoader];
