import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The history is a discriminated union by `type` and a derived machine's guards and actions are typed,
// so nothing in src/ needs to cast a history entry, an event inside one, or a guard's or an action's
// params: a cast there would hide a rename from the compiler.
const SRC = new URL('../src/', import.meta.url);
const files = (fs.readdirSync(SRC, { recursive: true }) as string[]).filter(
  (file) => file.endsWith('.ts') && !file.endsWith('.generated.ts'),
);
const CASTS = [
  /\.(event|params|history|deadlines|record)\)?\s+as\s+(?!const\b)/,
  /\bas\s+(unknown\s+as\s+)?(HistoryEntry|\{\s*type:\s*string|\{\s*(rule|route|to|outcome)\??:)/,
];

describe('src/', () => {
  it('casts no history entry, event, guard params or action params', () => {
    const found: string[] = [];
    for (const file of files) {
      fs.readFileSync(new URL(file, SRC), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (CASTS.some((cast) => cast.test(line)))
            found.push(`${path.join('src', file)}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('would catch such a cast', () => {
    expect(CASTS.some((cast) => cast.test('const t = (h.event as { type: string }).type;'))).toBe(true);
    expect(CASTS.some((cast) => cast.test('const { rule } = t.guard.params as { rule: string };'))).toBe(true);
  });
});
