import { CalendarEntry, addMonths, dayOf, movedDue, placeEntries, rangeOf, step, todayIn, validDay, viewDays } from './calendar';

function entry(start: string, end = start, title = 'x'): CalendarEntry {
  return { kind: 'meeting', id: title, projectId: null, title, start, end, timezone: 'UTC', recurring: false, response: null };
}

describe('calendar grid', () => {
  it('builds a month as whole weeks, Monday first, with the days of other months marked', () => {
    // December 2026: Tuesday 1st to Thursday 31st.
    const days = viewDays('month', '2026-12-15', '2026-12-05');
    expect(days.length).toBe(35);
    expect(days[0]).toEqual({ date: '2026-11-30', outside: true, today: false });
    expect(days[1].date).toBe('2026-12-01');
    expect(days.at(-1)).toEqual({ date: '2027-01-03', outside: true, today: false });
    expect(days.filter((d) => d.today).map((d) => d.date)).toEqual(['2026-12-05']);
    expect(days.filter((d) => !d.outside).length).toBe(31);
  });

  it('takes four rows for a February that starts on a Monday and six for a month that needs them', () => {
    const feb = viewDays('month', '2027-02-10', '2027-02-10');
    expect(feb.length).toBe(28);
    expect(feb.every((d) => !d.outside)).toBe(true);
    const aug = viewDays('month', '2026-08-01', '2026-08-01'); // Saturday 1st, Monday 31st
    expect(aug.length).toBe(42);
    expect([aug[0].date, aug.at(-1)!.date]).toEqual(['2026-07-27', '2026-09-06']);
  });

  it('counts leap days: February 2028 has a 29th', () => {
    const feb = viewDays('month', '2028-02-01', '2028-02-01').filter((d) => !d.outside);
    expect(feb.at(-1)!.date).toBe('2028-02-29');
  });

  it('builds a week across a month and a year end', () => {
    const week = viewDays('week', '2026-12-31', '2026-12-05');
    expect(week.map((d) => d.date)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(week.every((d) => !d.outside)).toBe(true);
  });

  it('steps months from the first (31 January + 1 month is February) and weeks by seven days', () => {
    expect(step('month', '2027-01-31', 1)).toBe('2027-02-01');
    expect(step('month', '2027-01-15', -1)).toBe('2026-12-01');
    expect(step('week', '2026-12-28', 1)).toBe('2027-01-04');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
  });

  it('bounds a week with the spring DST change at its midnights in the zone (167 hours)', () => {
    const week = viewDays('week', '2026-03-25', '2026-03-25');
    const r = rangeOf(week, 'Europe/Warsaw');
    expect(r).toEqual({ from: '2026-03-22T23:00:00Z', to: '2026-03-29T22:00:00Z' });
    expect((Date.parse(r.to) - Date.parse(r.from)) / 3_600_000).toBe(167);
    const ny = rangeOf(viewDays('week', '2026-03-04', '2026-03-04'), 'America/New_York');
    expect(ny).toEqual({ from: '2026-03-02T05:00:00Z', to: '2026-03-09T04:00:00Z' });
  });

  it('bounds a month with the autumn DST change (one hour longer)', () => {
    const r = rangeOf(viewDays('month', '2026-10-10', '2026-10-10'), 'Europe/Warsaw');
    // 28 Sep to 1 Nov 2026 (5 weeks); clocks go back on 25 October.
    expect(r).toEqual({ from: '2026-09-27T22:00:00Z', to: '2026-11-01T23:00:00Z' });
  });

  it('reads today and days in the zone, not in UTC', () => {
    const now = Date.parse('2026-12-31T23:30:00Z');
    expect(todayIn('Europe/Warsaw', now)).toBe('2027-01-01');
    expect(todayIn('America/New_York', now)).toBe('2026-12-31');
    expect(dayOf('2026-03-29T22:30:00Z', 'Europe/Warsaw')).toBe('2026-03-30');
    expect(dayOf('2026-03-29T22:30:00Z', 'UTC')).toBe('2026-03-29');
  });

  it('refuses days that do not exist in the URL', () => {
    expect(validDay('2026-02-30')).toBeNull();
    expect(validDay('soon')).toBeNull();
    expect(validDay('2028-02-29')).toBe('2028-02-29');
  });
});

describe('placing entries', () => {
  const week = viewDays('week', '2026-03-25', '2026-03-25'); // 23 to 29 March 2026

  it('puts an entry on the day it starts in the user’s zone', () => {
    const late = entry('2026-03-24T23:30:00Z', '2026-03-24T23:45:00Z', 'late');
    const inWarsaw = placeEntries([late], week, 'Europe/Warsaw');
    expect(inWarsaw.get('2026-03-25')!.map((e) => e.title)).toEqual(['late']);
    expect(inWarsaw.get('2026-03-24')).toEqual([]);
    const inNewYork = placeEntries([late], week, 'America/New_York');
    expect(inNewYork.get('2026-03-24')!.map((e) => e.title)).toEqual(['late']);
  });

  it('spreads a meeting over the days it reaches, an end at midnight not reaching the next one', () => {
    const overnight = entry('2026-03-25T20:00:00Z', '2026-03-26T02:00:00Z', 'overnight');
    const toMidnight = entry('2026-03-26T20:00:00Z', '2026-03-26T23:00:00Z', 'to-midnight'); // 21:00–00:00 CET
    const m = placeEntries([overnight, toMidnight], week, 'Europe/Warsaw');
    expect(m.get('2026-03-25')!.map((e) => e.title)).toEqual(['overnight']);
    expect(m.get('2026-03-26')!.map((e) => e.title)).toEqual(['overnight', 'to-midnight']);
    expect(m.get('2026-03-27')).toEqual([]);
  });

  it('keeps entries outside the days shown out, and clips long ones to them', () => {
    const before = entry('2026-03-20T10:00:00Z', '2026-03-20T11:00:00Z', 'before');
    const long = entry('2026-03-21T10:00:00Z', '2026-03-24T10:00:00Z', 'long');
    const m = placeEntries([before, long], week, 'UTC');
    expect([...m.values()].flat().map((e) => e.title)).toEqual(['long', 'long']);
    expect(m.get('2026-03-23')!.length + m.get('2026-03-24')!.length).toBe(2);
  });
});

describe('moving a task to another day', () => {
  it('keeps its wall-clock time across the spring DST change', () => {
    // Friday 27 March 2026, 17:00 in Warsaw (CET, +1) → Monday 30 March, 17:00 CEST (+2).
    expect(movedDue('2026-03-27T16:00:00Z', '2026-03-27', '2026-03-30', 'Europe/Warsaw')).toBe('2026-03-30T15:00:00Z');
    expect(movedDue('2026-03-30T15:00:00Z', '2026-03-30', '2026-03-27', 'Europe/Warsaw')).toBe('2026-03-27T16:00:00Z');
  });

  it('moves by whole days across a month and a year end', () => {
    expect(movedDue('2026-12-30T08:00:00Z', '2026-12-30', '2027-01-02', 'UTC')).toBe('2027-01-02T08:00:00Z');
    expect(movedDue('2027-03-01T09:15:00Z', '2027-03-01', '2027-02-28', 'UTC')).toBe('2027-02-28T09:15:00Z');
  });

  it('counts days in the user’s grid but keeps the time in the task’s own zone', () => {
    // Due 09:00 in New York (14:00Z); the user in Warsaw sees it on 10 Dec; moved to 12 Dec.
    expect(movedDue('2026-12-10T14:00:00Z', '2026-12-10', '2026-12-12', 'America/New_York')).toBe('2026-12-12T14:00:00Z');
  });

  it('changes nothing when dropped on its own day', () => {
    expect(movedDue('2026-12-10T14:00:00Z', '2026-12-10', '2026-12-10', 'UTC')).toBeNull();
  });
});
