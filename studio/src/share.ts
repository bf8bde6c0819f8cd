// The studio's state in the URL hash, compressed with the browser's own CompressionStream
// (deflate-raw, in Chromium and Firefox) and written as base64url: a link carries the policy text and
// the simulated case's events, so an author can send it to a colleague. No server is involved.
import * as z from 'zod/mini';
import { DIVISIONS, type EscalationEvent } from './library.js';
import type { PolicyFormat } from './policyText.js';

/** What a link carries. */
export interface SharedState {
  readonly v: 1;
  readonly format: PolicyFormat;
  readonly text: string;
  readonly timeline: { readonly raisedOn: string; readonly division: string; readonly closures: readonly string[] };
  readonly case: SimulatedCase | null;
}

/** A simulated case, as the events that made it. */
export interface SimulatedCase {
  readonly raisedAt: string;
  readonly startStage?: string;
  /** The risk to the child recorded when the case is raised. */
  readonly risk?: string;
  /** The reason given for starting above the first stage, where a rule asks for one. */
  readonly reason?: string;
  readonly events: readonly EscalationEvent[];
  /** The simulated clock. */
  readonly now: string;
}

const PREFIX = 'v1.';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The state as a URL hash (without the '#'). */
export async function encodeState(state: SharedState): Promise<string> {
  const compressed = await pipe(new TextEncoder().encode(JSON.stringify(state)), new CompressionStream('deflate-raw'));
  return PREFIX + toBase64Url(compressed);
}

/** The state a hash carries, or null for an empty hash. Throws when the hash is not one of ours. */
export async function decodeState(hash: string): Promise<SharedState | null> {
  const body = hash.replace(/^#/, '');
  if (body === '') return null;
  if (!body.startsWith(PREFIX)) throw new Error('the link is not a policy studio link (it should start with #v1.)');
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(
      await pipe(fromBase64Url(body.slice(PREFIX.length)), new DecompressionStream('deflate-raw')),
    );
  } catch {
    throw new Error('the link is damaged (it could not be decompressed: was it cut short when it was copied?)');
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error('the link is damaged (its content is not JSON)');
  }
  return readSharedState(data);
}

// What a link may hold. A link comes from anyone (it is pasted, mailed, edited by hand), so its content
// is checked before the studio reads any of it: each field of the type the studio uses it as, within
// sizes a real link has. What the events and dates mean is the library's to judge when the case is
// replayed (a refusal is shown with its code), but nothing of the wrong type reaches the page's code.
const MAX_TEXT = 2_000_000;
const MAX_EVENTS = 2_000;
const line = z.string().check(z.maxLength(1_000));
const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD'));
const instant = z.string().check(
  z.maxLength(40),
  z.refine((value) => !Number.isNaN(Date.parse(value)), 'an ISO instant'),
);
const event = z.looseObject({ type: line, at: instant });
const sharedStateSchema = z.strictObject({
  v: z.literal(1),
  format: z.enum(['yaml', 'json']),
  text: z.string().check(z.maxLength(MAX_TEXT)),
  timeline: z.strictObject({
    raisedOn: date,
    division: z.enum(['', ...DIVISIONS]),
    closures: z.array(date).check(z.maxLength(1_000)),
  }),
  case: z.nullable(
    z.strictObject({
      raisedAt: instant,
      startStage: z.optional(line),
      risk: z.optional(line),
      reason: z.optional(line),
      events: z.array(event).check(z.maxLength(MAX_EVENTS)),
      now: instant,
    }),
  ),
});

/**
 * The state a link's content holds, checked: every field of its type (a date, an instant, a division,
 * the events as objects with a type and an instant). Throws an Error saying what is wrong, where.
 *
 * @example
 * readSharedState(JSON.parse(json)).text; // the policy text the link carries
 */
export function readSharedState(data: unknown): SharedState {
  if (
    typeof data !== 'object' ||
    data === null ||
    (data as { v?: unknown }).v !== 1 ||
    typeof (data as { text?: unknown }).text !== 'string'
  )
    throw new Error('the link holds no policy');
  const parsed = z.safeParse(sharedStateSchema, data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'its content';
    throw new Error(`the link is damaged (${where}: ${issue.message})`);
  }
  return parsed.data as SharedState;
}
