import { ApiError } from './errors';
import { RecurrenceChoice, buildRule, defaultChoice, nthWeekdayOf, parseRule, recurrenceError } from './recurrence';

function choice(patch: Partial<RecurrenceChoice>): RecurrenceChoice {
  return { ...defaultChoice(), ...patch };
}

function apiError(code: string, details: Record<string, unknown> = {}): ApiError {
  return { status: 400, code, message: code, fields: {}, details };
}

describe('building an RRULE from the editor', () => {
  it('writes presets, with an end when one is chosen', () => {
    expect(buildRule(choice({ preset: 'every_weekday' }), '2026-12-07T09:00')).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR');
    expect(buildRule(choice({ preset: 'every_2_weeks_mon_thu', end: 'count', count: 10 }), '2026-12-07T09:00')).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10');
    expect(buildRule(choice({ preset: 'monthly_last_friday' }), '2026-12-25T09:00')).toBe('FREQ=MONTHLY;BYDAY=-1FR');
    expect(buildRule(choice({ preset: 'yearly', end: 'until', until: '2030-03-01' }), '2026-12-25T09:00')).toBe('FREQ=YEARLY;UNTIL=20300301');
  });

  it('writes a custom rule: interval, weekdays in week order, no interval of 1', () => {
    const c = choice({ kind: 'custom', freq: 'WEEKLY', interval: 2, byDay: ['TH', 'MO'], end: 'count', count: 10 });
    expect(buildRule(c, '2026-12-07T10:00')).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10');
    expect(buildRule(choice({ kind: 'custom', freq: 'DAILY', interval: 1 }), '2026-12-07T10:00')).toBe('FREQ=DAILY');
    // Weekdays only belong to weekly rules.
    expect(buildRule(choice({ kind: 'custom', freq: 'MONTHLY', byDay: ['MO'] }), '2026-12-07T10:00')).toBe('FREQ=MONTHLY');
  });

  it('writes a monthly rule on the start’s weekday in the month: 2nd Tuesday, last Friday', () => {
    expect(nthWeekdayOf('2026-12-08')).toBe('2TU');
    expect(nthWeekdayOf('2026-12-25')).toBe('-1FR');
    expect(nthWeekdayOf('2027-02-22')).toBe('-1MO'); // 22 + 7 > 28
    const c = choice({ kind: 'custom', freq: 'MONTHLY', monthlyBy: 'weekday' });
    expect(buildRule(c, '2026-12-08T09:00')).toBe('FREQ=MONTHLY;BYDAY=2TU');
    expect(buildRule(c, '2026-12-25T09:00')).toBe('FREQ=MONTHLY;BYDAY=-1FR');
  });

  it('has no rule for "after completion"', () => {
    expect(buildRule(choice({ kind: 'after_completion', every: 3, unit: 'days' }), '2026-12-07T09:00')).toBeNull();
  });

  it('reads back the rules it writes', () => {
    const start = '2026-12-08T09:00';
    for (const c of [
      choice({ preset: 'every_2_weeks_mon_thu', end: 'count', count: 10 }),
      choice({ preset: 'monthly_last_weekday', end: 'until', until: '2027-06-30' }),
      choice({ kind: 'custom', freq: 'WEEKLY', interval: 3, byDay: ['MO', 'FR'] }),
      choice({ kind: 'custom', freq: 'MONTHLY', interval: 2, monthlyBy: 'weekday' }),
    ]) {
      const rule = buildRule(c, start)!;
      expect(buildRule(parseRule(rule, start)!, start)).toBe(rule);
    }
  });

  it('leaves rules it cannot show as choices alone', () => {
    expect(parseRule('FREQ=MONTHLY;BYMONTHDAY=1,15', '2026-12-08T09:00')).toBeNull();
    expect(parseRule('FREQ=HOURLY', '2026-12-08T09:00')).toBeNull();
  });
});

describe('the server’s recurrence errors next to the fields', () => {
  it('puts rule errors next to the rule, with the part at fault', () => {
    const e = recurrenceError(apiError('invalid_rrule', { part: 'BYDAY', reason: 'unknown day "XX"' }));
    expect(e?.field).toBe('rule');
    expect(e?.message).toContain('unknown day');
  });

  it('puts series_too_long next to the end chosen', () => {
    expect(recurrenceError(apiError('series_too_long'), 'count')?.field).toBe('count');
    expect(recurrenceError(apiError('series_too_long'), 'until')?.field).toBe('until');
    expect(recurrenceError(apiError('series_too_long'))?.message).toContain('3,660');
  });

  it('maps the other codes, and leaves unrelated ones to the form', () => {
    expect(recurrenceError(apiError('end_before_start'))?.field).toBe('until');
    expect(recurrenceError(apiError('invalid_count'))?.field).toBe('count');
    expect(recurrenceError(apiError('unknown_timezone'))?.field).toBe('timezone');
    expect(recurrenceError(apiError('invalid_after_completion'))?.field).toBe('every');
    expect(recurrenceError(apiError('project_archived'))).toBeNull();
  });
});
