import { parseInstant, tryParseCanonicalInstant } from '../calendar/dates.js';

// Instants as the engine stores and reads them.

export const iso = (ms: number): string =>
  ms === lastIsoMs ? lastIso : (lastIso = new Date((lastIsoMs = ms)).toISOString());
let lastIsoMs = NaN;
let lastIso = '';
export const ms = (instant: string): number => {
  const canonical = tryParseCanonicalInstant(instant); // the stored form, read directly
  return canonical === canonical ? canonical : parseInstant(instant);
};
