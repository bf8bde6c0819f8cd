import * as z from 'zod/mini';

/**
 * A record keyed by the host's own names. zod leaves a key named `__proto__` out of what it returns
 * (so that nothing can set a prototype), which would drop the host's data without a word: such a
 * key is refused instead.
 */
export const ownRecord = <K extends z.core.$ZodRecordKey, T extends z.ZodMiniType>(key: K, value: T) =>
  z.pipe(
    z
      .unknown()
      .check(
        z.refine(
          (input) => typeof input !== 'object' || input === null || !Object.hasOwn(input, '__proto__'),
          'a key may not be named "__proto__"',
        ),
      ),
    z.record(key, value),
  );
