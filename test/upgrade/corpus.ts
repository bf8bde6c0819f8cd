// Reading the 0.1 corpus (test/upgrade/*.jsonl), for the tests beside this file.
import fs from 'node:fs';
import type { PolicyId } from '../../src/index.js';
// @ts-expect-error: a build script in plain JavaScript, without declarations
import { CORPUS_DIR, instantsOf as instants, statusRecord as record } from '../../scripts/generate-upgrade-corpus.mjs';

/** What the corpus keeps of a status: the stage and status, each dated deadline, every required action. */
export interface StatusRecord {
  readonly at: string;
  readonly stage: string;
  readonly status: string;
  /** `id: due date`, with `, overdue` when it is. */
  readonly deadlines: readonly string[];
  /** The obligation of each required action; `-` for the stage's own "resolve or escalate". */
  readonly actions: readonly string[];
}

/** One case of the corpus: the escalation as 0.1 stored it (format 1), and 0.1's status at each instant. */
export interface CorpusCase {
  readonly case: string;
  readonly escalation: {
    readonly format: number;
    readonly id: string;
    readonly policy: { readonly id: string; readonly version: string };
    readonly status: string;
    readonly stage: string;
    readonly raisedAt: string;
    readonly asOf: string;
    readonly obligations: readonly { readonly status: string; readonly dueAt: string | null }[];
  };
  readonly statuses: readonly StatusRecord[];
}

/** The cases of one policy. */
export function corpus(id: PolicyId): CorpusCase[] {
  return fs
    .readFileSync(`${CORPUS_DIR}${id}.jsonl`, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as CorpusCase);
}

/** The instants a stored case's statuses are recorded at. */
export const instantsOf = (escalation: CorpusCase['escalation']): string[] => instants(escalation) as string[];

/** A status as the corpus keeps it. */
export const statusRecord = (at: string, status: unknown): StatusRecord => record(at, status) as StatusRecord;
