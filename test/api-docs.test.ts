// The API reference: TypeDoc documents every export, with no warning, and every exported function,
// class and value shows an example.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Reflection {
  name: string;
  kind: number;
  children?: Reflection[];
  signatures?: { comment?: { blockTags?: { tag: string }[] } }[];
  comment?: { summary?: unknown[]; blockTags?: { tag: string }[] };
}

it('documents every export, with an example for each function, class and value', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sge-api-'));
  const out = path.join(dir, 'api.json');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--json', out, '--out', path.join(dir, 'html')], { cwd: root, encoding: 'utf8' });
  expect(r.stdout + r.stderr).not.toMatch(/warning|error/i);
  expect(r.status).toBe(0);
  const project = JSON.parse(fs.readFileSync(out, 'utf8')) as Reflection;
  const missing: string[] = [];
  const FUNCTION = 64;
  const CLASS = 128;
  const VARIABLE = 32;
  for (const mod of project.children ?? []) {
    for (const item of mod.children ?? []) {
      const tags = item.kind === FUNCTION ? item.signatures?.flatMap((s) => s.comment?.blockTags ?? []) : item.comment?.blockTags;
      if ((item.kind === FUNCTION || item.kind === CLASS || item.kind === VARIABLE) && !tags?.some((t) => t.tag === '@example')) missing.push(`${mod.name}.${item.name}`);
    }
  }
  expect(missing).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);
