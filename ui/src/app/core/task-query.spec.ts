import { LIST_DEFAULTS, activeFilterCount, filtersFromParams, filtersToParams, filtersToQuery } from './task-query';

describe('list filters in the URL', () => {
  it('round-trips every filter through query parameters', () => {
    const f = {
      ...LIST_DEFAULTS,
      q: 'login',
      status: 'done' as const,
      priority: 'high' as const,
      assignee: 'me',
      tag: '0190c7a0-0000-7000-8000-000000000001',
      overdue: true,
      sort: 'due' as const,
      order: 'desc' as const,
    };
    const params = Object.fromEntries(Object.entries(filtersToParams(f)).filter(([, v]) => v !== null));
    expect(params).toEqual({ q: 'login', status: 'done', priority: 'high', assignee: 'me', tag: f.tag, overdue: '1', sort: 'due', order: 'desc' });
    expect(filtersFromParams(params)).toEqual(f);
  });

  it('leaves defaults out of the URL (as null, so a merge removes them)', () => {
    const p = filtersToParams(LIST_DEFAULTS);
    expect(Object.values(p).every((v) => v === null)).toBe(true);
  });

  it('falls back to the defaults for values the URL cannot mean', () => {
    const f = filtersFromParams({ status: 'doing', sort: 'random', priority: 'HIGH', assignee: 'bob', tag: 'x', dueFrom: '2026-13' });
    expect(f).toEqual(LIST_DEFAULTS);
  });

  it('uses the screen default: My tasks shows the user\'s own unless assignee=any', () => {
    const my = { ...LIST_DEFAULTS, assignee: 'me' };
    expect(filtersFromParams({}, my).assignee).toBe('me');
    expect(filtersFromParams({ assignee: 'any' }, my).assignee).toBe('any');
    expect(filtersToParams({ ...my, assignee: 'any' }, my)['assignee']).toBe('any');
  });

  it('sends "anyone" as no assignee filter to the API', () => {
    expect(filtersToQuery(LIST_DEFAULTS).assignee).toBeUndefined();
    expect(filtersToQuery({ ...LIST_DEFAULTS, assignee: 'me' }).assignee).toBe('me');
  });

  it('counts the filters in use, sort aside', () => {
    expect(activeFilterCount({ ...LIST_DEFAULTS, sort: 'due' })).toBe(0);
    expect(activeFilterCount({ ...LIST_DEFAULTS, q: ' x ', overdue: true })).toBe(2);
  });
});
