// The studio's state in the URL hash, compressed with the browser's own CompressionStream
// (deflate-raw, in Chromium and Firefox) and written as base64url: a link carries the policy text and
// the simulated case's events, so an author can send it to a colleague. No server is involved.
import type { EscalationEvent } from './library.js';
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
  const json = new TextDecoder().decode(
    await pipe(fromBase64Url(body.slice(PREFIX.length)), new DecompressionStream('deflate-raw')),
  );
  const state = JSON.parse(json) as SharedState;
  if (state.v !== 1 || typeof state.text !== 'string') throw new Error('the link holds no policy');
  return state;
}
