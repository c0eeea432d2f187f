import { instantToWall, wallToInstant } from './time';

/**
 * The calendar's pure logic: the days a month or a week view shows, the
 * instants that bound them in the user's zone, which entries fall on which
 * day, and the new due date of a task dragged to another day. Days are
 * "YYYY-MM-DD" dates of the user's zone; the arithmetic on them is done on
 * UTC dates, so it knows nothing of DST, and only the conversion of a day's
 * midnight to an instant (wallToInstant) does.
 */

/** One entry of `GET /api/v1/calendar`. Fields after `response` are optional (newer servers). */
export interface CalendarEntry {
  kind: 'meeting' | 'task';
  /** A meeting's id, or (kind task) the series' id, or a task's id. */
  id: string;
  projectId: string | null;
  title: string;
  start: string;
  end: string;
  timezone: string;
  recurring: boolean;
  response: string | null;
  /** The real task (absent for an occurrence of a series not created yet). */
  taskId?: string;
  seriesId?: string;
  status?: string;
  projected?: boolean;
}

export type CalendarView = 'month' | 'week';

export interface CalendarDay {
  /** "YYYY-MM-DD" in the user's zone. */
  date: string;
  /** Outside the month shown (the month view's leading and trailing days). */
  outside: boolean;
  today: boolean;
}

const DAY_MS = 86_400_000;

function parseDay(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`not a date: ${day}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3]);
}

function formatDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** `day` moved by `n` days (negative: back). */
export function addDays(day: string, n: number): string {
  return formatDay(parseDay(day) + n * DAY_MS);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((parseDay(b) - parseDay(a)) / DAY_MS);
}

/** `day` moved by `n` months, the day of the month kept where it exists (31 Jan + 1 → 28/29 Feb). */
export function addMonths(day: string, n: number): string {
  const d = new Date(parseDay(day));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return formatDay(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
}

/** 0 Monday … 6 Sunday. */
export function isoWeekday(day: string): number {
  return (new Date(parseDay(day)).getUTCDay() + 6) % 7;
}

/** The Monday of the week `day` is in. */
export function weekStart(day: string): string {
  return addDays(day, -isoWeekday(day));
}

/** Today in a zone, as "YYYY-MM-DD". */
export function todayIn(zone: string, now = Date.now()): string {
  return instantToWall(new Date(now).toISOString(), zone).slice(0, 10);
}

/** The day an instant falls on in a zone. */
export function dayOf(instant: string, zone: string): string {
  return instantToWall(instant, zone).slice(0, 10);
}

/**
 * The days of a view around `anchor`: a week (Monday to Sunday), or a
 * month as whole weeks (Monday of the week of the 1st to Sunday of the week
 * of its last day: 4 to 6 rows).
 */
export function viewDays(view: CalendarView, anchor: string, today: string): CalendarDay[] {
  const month = anchor.slice(0, 7);
  let first: string;
  let last: string;
  if (view === 'week') {
    first = weekStart(anchor);
    last = addDays(first, 6);
  } else {
    const firstOfMonth = month + '-01';
    const lastOfMonth = addDays(addMonths(firstOfMonth, 1), -1);
    first = weekStart(firstOfMonth);
    last = addDays(weekStart(lastOfMonth), 6);
  }
  const days: CalendarDay[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) {
    days.push({ date: d, outside: view === 'month' && d.slice(0, 7) !== month, today: d === today });
  }
  return days;
}

/** The instants `[from, to)` a list of days covers in a zone: the first day's midnight to the midnight after the last. */
export function rangeOf(days: readonly CalendarDay[], zone: string): { from: string; to: string } {
  return {
    from: wallToInstant(days[0].date + 'T00:00', zone),
    to: wallToInstant(addDays(days[days.length - 1].date, 1) + 'T00:00', zone),
  };
}

/** The anchor of the previous (-1) or next (+1) month or week. */
export function step(view: CalendarView, anchor: string, dir: -1 | 1): string {
  return view === 'week' ? addDays(anchor, 7 * dir) : addMonths(anchor.slice(0, 7) + '-01', dir);
}

/**
 * Entries by day of the zone. An entry is on the day its start falls on
 * and, when it lasts past midnight, on every following day it reaches
 * (an end exactly at midnight does not reach that day). Each day's
 * entries keep the order they came in (the server's: by start).
 */
export function placeEntries(entries: readonly CalendarEntry[], days: readonly CalendarDay[], zone: string): Map<string, CalendarEntry[]> {
  const byDay = new Map<string, CalendarEntry[]>(days.map((d) => [d.date, []]));
  if (!days.length) return byDay;
  const first = days[0].date;
  const last = days[days.length - 1].date;
  for (const e of entries) {
    const startDay = dayOf(e.start, zone);
    let endDay = startDay;
    if (e.end && Date.parse(e.end) > Date.parse(e.start)) {
      const endWall = instantToWall(e.end, zone);
      endDay = endWall.slice(11) === '00:00' ? addDays(endWall.slice(0, 10), -1) : endWall.slice(0, 10);
      if (endDay < startDay) endDay = startDay;
    }
    const from = startDay < first ? first : startDay;
    const to = endDay > last ? last : endDay;
    for (let d = from; d <= to; d = addDays(d, 1)) byDay.get(d)?.push(e);
  }
  return byDay;
}

/**
 * The due date of a task dragged from one day of the grid to another: as
 * many days later (or earlier) at the same wall-clock time in the task's
 * own zone (its `timezone`, else the user's), so 17:00 stays 17:00 across
 * a DST change. Null when it lands on the same day.
 */
export function movedDue(dueAt: string, fromDay: string, toDay: string, taskZone: string): string | null {
  const delta = daysBetween(fromDay, toDay);
  if (delta === 0) return null;
  const wall = instantToWall(dueAt, taskZone);
  return wallToInstant(addDays(wall.slice(0, 10), delta) + wall.slice(10), taskZone);
}

/** "14:30" of an instant in a zone (24-hour, as the locale writes it). */
export function timeOf(instant: string, zone: string, locale = 'en'): string {
  try {
    return new Intl.DateTimeFormat(locale || 'en', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
  } catch {
    return instantToWall(instant, zone).slice(11);
  }
}

/** The heading of a view: "December 2026", or "30 Nov – 6 Dec 2026" for a week. */
export function viewTitle(view: CalendarView, days: readonly CalendarDay[], locale = 'en'): string {
  const fmt = (day: string, opts: Intl.DateTimeFormatOptions) => {
    try {
      return new Intl.DateTimeFormat(locale || 'en', { timeZone: 'UTC', ...opts }).format(new Date(parseDay(day)));
    } catch {
      return day;
    }
  };
  if (view === 'month') {
    const mid = days[Math.floor(days.length / 2)].date;
    return fmt(mid, { month: 'long', year: 'numeric' });
  }
  const a = days[0].date;
  const b = days[days.length - 1].date;
  return `${fmt(a, { day: 'numeric', month: 'short' })} – ${fmt(b, { day: 'numeric', month: 'short', year: 'numeric' })}`;
}

/** A day for people: "Monday, 7 December 2026". */
export function longDay(day: string, locale = 'en'): string {
  try {
    return new Intl.DateTimeFormat(locale || 'en', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(parseDay(day)));
  } catch {
    return day;
  }
}

/** Parses "YYYY-MM-DD" (a day), else null. */
export function validDay(s: string | null | undefined): string | null {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  try {
    return formatDay(parseDay(s)) === s ? s : null;
  } catch {
    return null;
  }
}
