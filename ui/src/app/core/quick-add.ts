import { Priority } from './models';
import { instantToWall } from './time';

/** What quick add knows about the project: its tags and members, and who is typing. */
export interface QuickAddContext {
  now: Date;
  timeZone: string;
  tags: readonly { id: string; name: string }[];
  members: readonly { userId: string; username: string | null; displayName: string | null }[];
  meId?: string;
}

/** What one line of quick add means. */
export interface QuickAdd {
  title: string;
  priority?: Priority;
  /** Tags by name; `id` is missing for a tag the project does not have yet (it is created on add). */
  tags: { name: string; id?: string }[];
  assignees: { userId: string; label: string }[];
  /** Wall-clock due time in the user's zone, "YYYY-MM-DDTHH:mm". */
  due?: string;
  /** Tokens that look like magic but mean nothing here; adding waits until they are fixed. */
  problems: string[];
}

/** Due time of a day given without a time: the end of a working day. */
export const DEFAULT_DUE_TIME = '17:00';

const PRIORITY: Record<string, Priority> = {
  urgent: 'urgent', u: 'urgent', '1': 'urgent', p1: 'urgent',
  high: 'high', h: 'high', '2': 'high', p2: 'high',
  medium: 'medium', med: 'medium', m: 'medium', '3': 'medium', p3: 'medium',
  low: 'low', l: 'low', '4': 'low', p4: 'low',
  none: 'none',
};
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "YYYY-MM-DD" plus n days. */
function addDays(day: string, n: number): string {
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function weekday(word: string): number {
  const w = word.toLowerCase();
  return WEEKDAYS.findIndex((d) => d === w || (w.length >= 3 && d.startsWith(w)));
}

function month(word: string): number {
  const w = word.toLowerCase();
  return w.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(w)) : -1;
}

/** A time token ("17:00", "9am", "5:30pm") as "HH:mm", or null. */
export function parseTime(tok: string): string | null {
  let m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(tok);
  if (m) return `${pad(+m[1])}:${m[2]}`;
  m = /^(1[0-2]|0?[1-9])(?::([0-5]\d))?(am|pm)$/i.exec(tok);
  if (!m) return null;
  const h = (+m[1] % 12) + (m[3].toLowerCase() === 'pm' ? 12 : 0);
  return `${pad(h)}:${m[2] ?? '00'}`;
}

/** The next date (after today, or today's if `allowToday`) of a weekday, from a local "YYYY-MM-DD". */
function nextWeekday(today: string, wd: number, allowToday: boolean): string {
  const cur = new Date(today + 'T00:00:00Z').getUTCDay();
  let diff = (wd - cur + 7) % 7;
  if (diff === 0 && !allowToday) diff = 7;
  return addDays(today, diff);
}

/** A valid calendar date, or null. */
function ymd(y: number, mo: number, d: number): string | null {
  const t = new Date(Date.UTC(y, mo, d));
  return t.getUTCMonth() === mo && t.getUTCDate() === d ? `${y}-${pad(mo + 1)}-${pad(d)}` : null;
}

/**
 * Reads the date at tokens[i…]: returns the day and how many tokens it used.
 * today, tomorrow, a weekday ("friday", "next fri"), "in 3 days" / "in 2 weeks",
 * "2026-05-01", "1 may" / "may 1" (this year, or next if already past).
 */
function parseDate(tokens: string[], i: number, today: string): { day: string; used: number } | null {
  const t = tokens[i].toLowerCase();
  const next = tokens[i + 1]?.toLowerCase();
  if (t === 'today' || t === 'tonight') return { day: today, used: 1 };
  if (t === 'tomorrow' || t === 'tmrw') return { day: addDays(today, 1), used: 1 };
  if (WEEKDAYS.includes(t)) return { day: nextWeekday(today, weekday(t), false), used: 1 };
  if (t === 'next' && next && weekday(next) >= 0) return { day: nextWeekday(today, weekday(next), false), used: 2 };
  if (t === 'next' && next === 'week') return { day: nextWeekday(today, 1, false), used: 2 };
  if (t === 'in' && next && /^\d{1,3}$/.test(next)) {
    const unit = tokens[i + 2]?.toLowerCase();
    if (unit === 'day' || unit === 'days') return { day: addDays(today, +next), used: 3 };
    if (unit === 'week' || unit === 'weeks') return { day: addDays(today, 7 * +next), used: 3 };
  }
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) {
    const day = ymd(+m[1], +m[2] - 1, +m[3]);
    return day ? { day, used: 1 } : null;
  }
  const year = +today.slice(0, 4);
  const dm = (d: number, mo: number) => {
    const day = ymd(year, mo, d);
    if (!day) return null;
    return day < today ? ymd(year + 1, mo, d) : day;
  };
  if (/^\d{1,2}$/.test(t) && next && month(next) >= 0) {
    const day = dm(+t, month(next));
    return day ? { day, used: 2 } : null;
  }
  m = /^(\d{1,2})(st|nd|rd|th)?$/.exec(next ?? '');
  if (month(t) >= 0 && m) {
    const day = dm(+m[1], month(t));
    return day ? { day, used: 2 } : null;
  }
  return null;
}

/**
 * Reads one line of quick add: `Fix login !high #bug @ada tomorrow 17:00`
 * is the title "Fix login", priority high, tag bug, assignee ada, due
 * tomorrow at 17:00 in the user's zone. `!urgent|high|medium|low|none`
 * (or !1–!4, 1 the most urgent), `#tag` (not all digits: "#12" stays text),
 * `@username` (or @me), one date (today, tomorrow, weekday, next friday,
 * in 3 days, 2026-05-01, 1 may) and one time (17:00, 5pm). A token that
 * starts with a backslash is text (`\#1` adds "#1"). The first of each
 * kind counts; repeats stay in the title.
 */
export function parseQuickAdd(text: string, ctx: QuickAddContext): QuickAdd {
  const tokens = text.split(/\s+/).filter(Boolean);
  const today = instantToWall(ctx.now.toISOString(), ctx.timeZone).slice(0, 10);
  const out: QuickAdd = { title: '', tags: [], assignees: [], problems: [] };
  const title: string[] = [];
  let day: string | undefined;
  let time: string | undefined;

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.startsWith('\\') && tok.length > 1) {
      title.push(tok.slice(1));
      continue;
    }
    const p = /^!(\w+)$/.exec(tok);
    if (p && PRIORITY[p[1].toLowerCase()] && !out.priority) {
      out.priority = PRIORITY[p[1].toLowerCase()];
      continue;
    }
    const tag = /^#([\p{L}\p{N}_.-]+)$/u.exec(tok);
    if (tag && !/^\d+$/.test(tag[1])) {
      const name = tag[1];
      if (!out.tags.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
        const known = ctx.tags.find((t) => t.name.toLowerCase() === name.toLowerCase());
        out.tags.push(known ? { name: known.name, id: known.id } : { name });
      }
      continue;
    }
    const at = /^@([\w.-]+)$/.exec(tok);
    if (at) {
      const who = at[1].toLowerCase();
      const m =
        who === 'me' && ctx.meId
          ? ctx.members.find((x) => x.userId === ctx.meId)
          : ctx.members.find((x) => x.username?.toLowerCase() === who);
      if (!m) out.problems.push(`@${at[1]} is not a member of this project.`);
      else if (!out.assignees.some((a) => a.userId === m.userId)) out.assignees.push({ userId: m.userId, label: m.displayName || '@' + m.username });
      continue;
    }
    if (!day) {
      const d = parseDate(tokens, i, today);
      if (d) {
        day = d.day;
        i += d.used - 1;
        continue;
      }
    }
    const t = time ? null : parseTime(tok);
    if (t) {
      time = t;
      continue;
    }
    title.push(tok);
  }

  if (day || time) {
    let d = day ?? today;
    if (!day && time && `${d}T${time}` <= instantToWall(ctx.now.toISOString(), ctx.timeZone)) d = addDays(d, 1);
    out.due = `${d}T${time ?? DEFAULT_DUE_TIME}`;
  }
  out.title = title.join(' ');
  return out;
}
