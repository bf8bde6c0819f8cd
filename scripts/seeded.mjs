// What the seeded generators share (the synthetic year, the benchmark's corpus, the replay and upgrade
// corpora): a PRNG whose sequence depends on its seed alone, and the vocabulary of a generated case.

/** mulberry32: a small PRNG whose sequence depends on its seed alone, in every engine. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A seed from a text (FNV-1a), so that each case's sequence depends on its id alone. */
export const seedOf = (text) =>
  [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16_777_619) >>> 0, 2_166_136_261);

/** Choices drawn from a PRNG: a whole number in a range, one of a list, one of `[weight, value]` by weight. */
export function generator(rand) {
  const int = (min, max) => min + Math.floor(rand() * (max - min + 1));
  const pick = (list) => list[int(0, list.length - 1)];
  const weighted = (options) => {
    const total = options.reduce((sum, [w]) => sum + w, 0);
    let r = rand() * total;
    for (const [w, value] of options) if ((r -= w) < 0) return value;
    return options.at(-1)[1];
  };
  return { int, pick, weighted, rand };
}

export const AGENCIES = [
  'Children’s Social Care',
  'Health',
  'Police',
  'Education',
  'Early Help',
  'Probation',
  'Adult Mental Health',
];

/** The natures of a disagreement (the escalation schema's `NATURES`). */
export const NATURES = [
  'referral-decision',
  'assessment',
  'plan-implementation',
  'plan-effectiveness',
  'information-sharing',
  'child-protection-conference',
  'other',
];

/** The policies of a generated year, weighted roughly by how many cases each partnership sees. */
export const WEIGHTS = [
  ['suffolk', 3],
  ['barnsley', 2],
  ['derby-derbyshire', 3],
  ['devon', 2],
  ['somerset', 1],
];
