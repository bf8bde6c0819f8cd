// `npm test` builds first; these check that the built package loads by its own name both ways.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

describe('the built package', () => {
  it('imports by its own name as ESM', async () => {
    const pkg = await import('safeguarding-escalation');
    expect(pkg.ukCalendar().addWorkingDays('2024-12-19', 2)).toBe('2024-12-23');
    expect(pkg.endOfLondonDay('2025-04-28')).toBe('2025-04-28T22:59:59.999Z');
  });

  it('requires by its own name as CommonJS', () => {
    const require = createRequire(import.meta.url);
    const pkg = require('safeguarding-escalation') as typeof import('safeguarding-escalation');
    expect(pkg.ukCalendar('scotland').isWorkingDay('2025-01-02')).toBe(false);
    expect(new pkg.CalendarError('INVALID_DATE', 'x')).toBeInstanceOf(Error);
  });
});
