/** Offset (ms) of a time zone from UTC at a given instant. */
function tzOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

export function validZone(tz: string | null | undefined): string {
  if (!tz) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
}

/** "2026-05-01T17:00" read as a wall-clock time in timeZone → RFC 3339 instant (UTC). */
export function wallToInstant(wall: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(wall);
  if (!m) throw new Error('Invalid date');
  const guess = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  let t = guess - tzOffset(guess, timeZone);
  t = guess - tzOffset(t, timeZone);
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An instant → "YYYY-MM-DDTHH:mm" wall-clock time in timeZone (for datetime-local inputs). */
export function instantToWall(instant: string | null, timeZone: string): string {
  if (!instant) return '';
  const t = Date.parse(instant);
  const local = new Date(t + tzOffset(t, timeZone));
  return local.toISOString().slice(0, 16);
}

export function formatInstant(instant: string | null, timeZone: string, locale = 'en'): string {
  if (!instant) return '';
  try {
    return new Intl.DateTimeFormat(locale || 'en', {
      timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(instant));
  } catch {
    return new Date(instant).toISOString();
  }
}

export function allTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const zones = intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export function browserZone(): string {
  return validZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
}
