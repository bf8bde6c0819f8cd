import { closest, distance } from 'fastest-levenshtein';

/**
 * " (did you mean 'unit'?)" when one of the known words is close to what was written, else ''.
 * Close means at most a third of the word's letters differ, so 'divison' finds 'division' and
 * 'stage' finds nothing in ['raised', 'record'].
 */
export function didYouMean(written: string, known: readonly string[]): string {
  const best = closestWord(written, known);
  return best === undefined ? '' : ` (did you mean ${JSON.stringify(best)}?)`;
}

/** The known word closest to what was written, when it is close enough to suggest. */
export function closestWord(written: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  // A word cut short ('imminent' for 'imminent-risk') is as clear a slip as a misspelling.
  const extended = written.length >= 4 ? known.filter((word) => word.startsWith(written)) : [];
  if (extended.length === 1) return extended[0];
  const best = closest(written, [...known]);
  const allowed = Math.max(1, Math.floor(Math.max(written.length, best.length) / 3));
  return best !== written && distance(written, best) <= allowed ? best : undefined;
}
