// Before any test: the examples' own dependencies, installed with `npm ci` in each example's folder
// when they are missing (`npm test` does this before the type-check too; this covers a bare `vitest`).
// An install that fails fails the run, naming the command to run by hand.
// @ts-expect-error: a plain ES module script, without declarations
import { installExamples } from '../../scripts/install-examples.mjs';

export default async function setup(): Promise<void> {
  await installExamples();
}
