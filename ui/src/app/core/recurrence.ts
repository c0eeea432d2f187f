import { ApiError } from './errors';

/**
 * What the recurrence editor holds, and the RFC 5545 RRULE it means. The
 * calendar service checks and expands rules (services/calendar); this
 * module only writes them from the editor's choices and reads back the
 * ones it wrote, and turns the server's 400 codes into words next to the
 * right field.
 */

export type Freq = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
export const WEEKDAYS: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
export const WEEKDAY_NAME: Record<Weekday, string> = {
  MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday',
};

export type PresetKey =
  | 'daily'
  | 'every_weekday'
  | 'weekly'
  | 'every_2_weeks_mon_thu'
  | 'monthly'
  | 'monthly_last_friday'
  | 'monthly_last_weekday'
  | 'yearly';

/** The presets the editor offers, with the rule each one is (the calendar service's presets). */
export const PRESETS: { key: PresetKey; label: string; rule: string }[] = [
  { key: 'daily', label: 'Every day', rule: 'FREQ=DAILY' },
  { key: 'every_weekday', label: 'Every weekday (Monday to Friday)', rule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
  { key: 'weekly', label: 'Every week, on the start’s weekday', rule: 'FREQ=WEEKLY' },
  { key: 'every_2_weeks_mon_thu', label: 'Every 2 weeks on Monday and Thursday', rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH' },
  { key: 'monthly', label: 'Every month, on the start’s day', rule: 'FREQ=MONTHLY' },
  { key: 'monthly_last_friday', label: 'Every month on the last Friday', rule: 'FREQ=MONTHLY;BYDAY=-1FR' },
  { key: 'monthly_last_weekday', label: 'Every month on the last weekday', rule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1' },
  { key: 'yearly', label: 'Every year, on the start’s date', rule: 'FREQ=YEARLY' },
];

export type EndKind = 'never' | 'count' | 'until';
/** How a monthly custom rule picks its day: the start's day of the month, or its weekday's place in the month ("the 2nd Tuesday", "the last Friday"). */
export type MonthlyBy = 'day' | 'weekday';

export interface RecurrenceChoice {
  /** `preset`: one of PRESETS; `custom`: the fields below; `after_completion`: every/unit after the last one is done (tasks only). */
  kind: 'preset' | 'custom' | 'after_completion';
  preset: PresetKey;
  freq: Freq;
  interval: number;
  /** Weekly rules: the days (empty: the start's weekday). */
  byDay: Weekday[];
  monthlyBy: MonthlyBy;
  end: EndKind;
  count: number;
  /** "YYYY-MM-DD", the last day included. */
  until: string;
  every: number;
  unit: 'days' | 'weeks';
}

export function defaultChoice(): RecurrenceChoice {
  return { kind: 'preset', preset: 'weekly', freq: 'WEEKLY', interval: 1, byDay: [], monthlyBy: 'day', end: 'never', count: 10, until: '', every: 1, unit: 'weeks' };
}

/** The weekday of a "YYYY-MM-DD…" start. */
export function weekdayOf(start: string): Weekday {
  const d = new Date(Date.UTC(+start.slice(0, 4), +start.slice(5, 7) - 1, +start.slice(8, 10)));
  return WEEKDAYS[(d.getUTCDay() + 6) % 7];
}

/** The start's weekday as its place in the month: "2TU", or "-1FR" when it is the last of the month. */
export function nthWeekdayOf(start: string): string {
  const y = +start.slice(0, 4);
  const m = +start.slice(5, 7);
  const day = +start.slice(8, 10);
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const wd = weekdayOf(start);
  if (day + 7 > daysInMonth) return '-1' + wd;
  return Math.ceil(day / 7) + wd;
}

/**
 * The RRULE of the editor's choices for a series starting at `start`
 * ("YYYY-MM-DDTHH:mm"); null for after-completion (no rule). An end is
 * added to presets too ("every weekday, 10 times").
 */
export function buildRule(c: RecurrenceChoice, start: string): string | null {
  if (c.kind === 'after_completion') return null;
  let parts: string[];
  if (c.kind === 'preset') {
    parts = (PRESETS.find((p) => p.key === c.preset)?.rule ?? 'FREQ=WEEKLY').split(';');
  } else {
    parts = ['FREQ=' + c.freq];
    const interval = Math.trunc(c.interval);
    if (interval > 1) parts.push('INTERVAL=' + interval);
    if (c.freq === 'WEEKLY' && c.byDay.length) {
      parts.push('BYDAY=' + WEEKDAYS.filter((d) => c.byDay.includes(d)).join(','));
    }
    if (c.freq === 'MONTHLY' && c.monthlyBy === 'weekday' && /^\d{4}-\d{2}-\d{2}/.test(start)) {
      parts.push('BYDAY=' + nthWeekdayOf(start));
    }
  }
  if (c.end === 'count') parts.push('COUNT=' + Math.trunc(c.count));
  if (c.end === 'until' && c.until) parts.push('UNTIL=' + c.until.replace(/-/g, ''));
  return parts.join(';');
}

/**
 * The editor's choices for a rule (to edit a recurring meeting): a preset
 * when the rule is one, else the custom fields; null for a rule the
 * editor cannot show (it is then kept as it is unless replaced).
 */
export function parseRule(rule: string, start: string): RecurrenceChoice | null {
  const c = defaultChoice();
  const map = new Map<string, string>();
  for (const part of rule.replace(/^RRULE:/i, '').split(';')) {
    const [k, v] = part.split('=');
    if (k && v !== undefined) map.set(k.toUpperCase(), v.toUpperCase());
  }
  const count = map.get('COUNT');
  const until = map.get('UNTIL');
  if (count) {
    c.end = 'count';
    c.count = +count;
  } else if (until) {
    c.end = 'until';
    c.until = `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`;
  }
  map.delete('COUNT');
  map.delete('UNTIL');
  map.delete('WKST');
  const core = [...map].map(([k, v]) => `${k}=${v}`).join(';');
  const preset = PRESETS.find((p) => p.rule === core);
  if (preset) {
    c.kind = 'preset';
    c.preset = preset.key;
    return c;
  }
  const freq = map.get('FREQ') as Freq | undefined;
  if (!freq || !['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) return null;
  c.kind = 'custom';
  c.freq = freq;
  c.interval = +(map.get('INTERVAL') ?? 1);
  const byDay = map.get('BYDAY');
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY']);
  if ([...map.keys()].some((k) => !known.has(k))) return null;
  if (byDay) {
    if (freq === 'WEEKLY' && byDay.split(',').every((d) => WEEKDAYS.includes(d as Weekday))) {
      c.byDay = byDay.split(',') as Weekday[];
    } else if (freq === 'MONTHLY' && byDay === nthWeekdayOf(start)) {
      c.monthlyBy = 'weekday';
    } else {
      return null;
    }
  }
  return c;
}

/** Where a recurrence error is shown: next to the rule, the end, the start, the zone, or the after-completion interval. */
export type RecurrenceField = 'rule' | 'count' | 'until' | 'start' | 'timezone' | 'every';

/**
 * The calendar service's 400 codes about a recurrence, as a field and a
 * sentence; null for other errors (shown with the form). `series_too_long`
 * names no part: it goes next to the end the user chose.
 */
export function recurrenceError(e: ApiError, end: EndKind = 'count'): { field: RecurrenceField; message: string } | null {
  const reason = typeof e.details['reason'] === 'string' ? ` (${e.details['reason']})` : '';
  switch (e.code) {
    case 'invalid_rrule':
      return { field: 'rule', message: `This repetition is not valid${reason}.` };
    case 'unsupported_rrule':
      return { field: 'rule', message: `This repetition is not supported: hourly and finer, and some rule parts, are not${reason}.` };
    case 'series_empty':
      return { field: 'rule', message: 'This repetition never happens (or not before its end). Change the days or the end.' };
    case 'unknown_preset':
      return { field: 'rule', message: 'Unknown preset: choose another.' };
    case 'invalid_count':
      return { field: 'count', message: 'The number of times must be 1 or more.' };
    case 'series_too_long':
      return { field: end === 'until' ? 'until' : 'count', message: 'Too many occurrences: at most 3,660. Choose an earlier end or fewer times.' };
    case 'end_before_start':
      return { field: 'until', message: 'The end date is before the start.' };
    case 'invalid_start':
      return { field: 'start', message: 'The start is not a valid date and time (1900–2200).' };
    case 'unknown_timezone':
      return { field: 'timezone', message: 'Unknown time zone.' };
    case 'invalid_after_completion':
    case 'invalid_recurrence_mode':
      return { field: 'every', message: 'After completion: 1 to 365 days, or 1 to 52 weeks.' };
  }
  return null;
}
