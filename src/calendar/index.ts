export { ukCalendar, type BankHoliday, type CalendarOptions, type WorkingDayCalendar } from './calendar.js';
export { govUkCalendar, govUkFeedSchema, type GovUkCalendarOptions, type GovUkFeed } from './govuk.js';
export { londonDate, endOfLondonDay } from './london.js';
export { isIsoDate, type InstantInput, type IsoDate } from './dates.js';
export { DIVISIONS, type Division } from './divisions.js';
export { CalendarError, type CalendarErrorCode } from './errors.js';
