// The command line's `status` on a case stored by 0.1 (the built tool, as a user runs it: npm test
// builds first): it runs under the 0.1 definition the case names, and gives 0.1's answers.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpus, statusRecord } from './corpus.js';

const root = new URL('../..', import.meta.url).pathname;
const cli = path.join(root, 'dist', 'node', 'cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sge-upgrade-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('status, on a case 0.1 stored', () => {
  it('runs under the 0.1 definition the case names, and gives 0.1’s answers', () => {
    const stored = corpus('barnsley').find(
      (c) => c.escalation.status === 'open' && c.statuses.some((s) => s.deadlines.some((d) => d.endsWith('overdue'))),
    )!;
    const file = path.join(dir, `${stored.case}.json`);
    fs.writeFileSync(file, JSON.stringify(stored.escalation));
    const recorded = stored.statuses.at(-1)!;
    const r = spawnSync(process.execPath, [cli, 'status', file, '--at', recorded.at, '--json'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { policy: string };
    expect(out.policy).toBe('barnsley');
    expect(statusRecord(recorded.at, out)).toEqual(recorded);
  });
});
