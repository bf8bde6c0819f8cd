// The code is formatted by Prettier (.prettierrc.json: lines of 120 at most); `npm run format` fixes
// what this finds.
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const FOLDERS = ['src', 'test', 'scripts', 'bench', 'studio', 'examples'];
const SKIP = new Set(['node_modules', 'dist', '.tmp', 'site', 'data']);

function* codeFiles(folder: string): Generator<string> {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) yield* codeFiles(file);
    } else if (/\.(ts|mts|mjs|js)$/.test(entry.name)) yield file;
  }
}

describe('formatting', () => {
  it('leaves every source, test and script file as Prettier writes it', async () => {
    const ignorePath = path.join(ROOT, '.prettierignore');
    const unformatted: string[] = [];
    let checked = 0;
    for (const folder of FOLDERS) {
      for (const file of codeFiles(path.join(ROOT, folder))) {
        if ((await prettier.getFileInfo(file, { ignorePath })).ignored) continue;
        const options = await prettier.resolveConfig(file);
        checked++;
        if (!(await prettier.check(fs.readFileSync(file, 'utf8'), { ...options, filepath: file })))
          unformatted.push(path.relative(ROOT, file));
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(unformatted, 'run npm run format').toEqual([]);
  });
});
