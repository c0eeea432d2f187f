import { QuickAddContext, parseQuickAdd, parseTime } from './quick-add';

// Wednesday 2026-06-03, 10:00 in Warsaw (08:00 UTC).
const ctx: QuickAddContext = {
  now: new Date('2026-06-03T08:00:00Z'),
  timeZone: 'Europe/Warsaw',
  tags: [{ id: 't-bug', name: 'bug' }],
  members: [
    { userId: 'u-ada', username: 'ada', displayName: 'Ada Lovelace' },
    { userId: 'u-me', username: 'grace', displayName: 'Grace' },
  ],
  meId: 'u-me',
};

describe('parseQuickAdd', () => {
  it('reads the example of the issue: priority, tag, assignee, due tomorrow at 17:00', () => {
    const r = parseQuickAdd('Fix login !high #bug @ada tomorrow 17:00', ctx);
    expect(r.title).toBe('Fix login');
    expect(r.priority).toBe('high');
    expect(r.tags).toEqual([{ name: 'bug', id: 't-bug' }]);
    expect(r.assignees).toEqual([{ userId: 'u-ada', label: 'Ada Lovelace' }]);
    expect(r.due).toBe('2026-06-04T17:00');
    expect(r.problems).toEqual([]);
  });

  it('keeps plain text as the title and sets nothing else', () => {
    expect(parseQuickAdd('Write the release notes', ctx)).toEqual({ title: 'Write the release notes', tags: [], assignees: [], problems: [] });
  });

  it('marks a tag the project does not have as new (created on add)', () => {
    expect(parseQuickAdd('Ship #Release', ctx).tags).toEqual([{ name: 'Release' }]);
  });

  it('leaves issue numbers and escaped tokens in the title', () => {
    const r = parseQuickAdd('Close #12 and \\#bug \\today', ctx);
    expect(r.title).toBe('Close #12 and #bug today');
    expect(r.tags).toEqual([]);
    expect(r.due).toBeUndefined();
  });

  it('reports an unknown @name instead of dropping it', () => {
    const r = parseQuickAdd('Review @nobody', ctx);
    expect(r.problems).toEqual(['@nobody is not a member of this project.']);
    expect(r.assignees).toEqual([]);
  });

  it('@me is the signed-in user', () => {
    expect(parseQuickAdd('Call back @me', ctx).assignees).toEqual([{ userId: 'u-me', label: 'Grace' }]);
  });

  it('takes !1..!4 and short names for priorities; the first one wins', () => {
    expect(parseQuickAdd('a !1', ctx).priority).toBe('urgent');
    expect(parseQuickAdd('a !4', ctx).priority).toBe('low');
    const r = parseQuickAdd('a !med !high', ctx);
    expect(r.priority).toBe('medium');
    expect(r.title).toBe('a !high');
  });

  const dates: [string, string][] = [
    ['today', '2026-06-03T17:00'],
    ['friday', '2026-06-05T17:00'],
    ['wednesday', '2026-06-10T17:00'],
    ['next mon', '2026-06-08T17:00'],
    ['next week', '2026-06-08T17:00'],
    ['in 3 days', '2026-06-06T17:00'],
    ['in 2 weeks 9am', '2026-06-17T09:00'],
    ['2026-12-24 5:30pm', '2026-12-24T17:30'],
    ['1 may', '2027-05-01T17:00'],
    ['jul 4', '2026-07-04T17:00'],
    ['15:00', '2026-06-03T15:00'],
    ['9am', '2026-06-04T09:00'],
  ];
  for (const [text, due] of dates) {
    it(`reads "${text}" as due ${due} (user's zone)`, () => {
      const r = parseQuickAdd(`Task ${text}`, ctx);
      expect(r.due).toBe(due);
      expect(r.title).toBe('Task');
    });
  }

  it('does not take a month name without a day ("May") or an invalid date', () => {
    expect(parseQuickAdd('May the force', ctx).due).toBeUndefined();
    expect(parseQuickAdd('Due 2026-02-30', ctx).title).toBe('Due 2026-02-30');
  });
});

describe('parseTime', () => {
  it('reads 24-hour and am/pm times', () => {
    expect(parseTime('7:05')).toBe('07:05');
    expect(parseTime('12am')).toBe('00:00');
    expect(parseTime('12pm')).toBe('12:00');
    expect(parseTime('24:00')).toBeNull();
    expect(parseTime('13pm')).toBeNull();
  });
});
