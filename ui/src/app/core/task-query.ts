import { Params } from '@angular/router';
import { TaskQuery } from './api';
import { PRIORITIES, Priority, STATUSES, TaskStatus } from './models';

export const SORTS = ['priority', 'due', 'created', 'updated', 'position'] as const;
export type SortKey = (typeof SORTS)[number];
export type SortOrder = '' | 'asc' | 'desc';

/**
 * The filters and sort of a task list, as they appear in its URL. Every
 * field has a query parameter of the same name; a value equal to the
 * screen's default is left out of the URL, and a value the URL cannot mean
 * (a typo, an old link) falls back to the default instead of failing.
 */
export interface ListFilters {
  q: string;
  status: TaskStatus | '';
  priority: Priority | '';
  /** 'any', 'me' or a member's user id. */
  assignee: string;
  tag: string;
  category: string;
  overdue: boolean;
  /** My tasks: due on or after / on or before these days (YYYY-MM-DD, the user's zone). */
  dueFrom: string;
  dueTo: string;
  sort: SortKey;
  order: SortOrder;
}

export const LIST_DEFAULTS: ListFilters = {
  q: '',
  status: '',
  priority: '',
  assignee: 'any',
  tag: '',
  category: '',
  overdue: false,
  dueFrom: '',
  dueTo: '',
  sort: 'priority',
  order: '',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function one(p: Params, k: string): string | undefined {
  const v = p[k];
  return Array.isArray(v) ? v[0] : typeof v === 'string' ? v : undefined;
}

/** Reads filters from query parameters; anything missing or invalid takes the default. */
export function filtersFromParams(p: Params, defaults: ListFilters = LIST_DEFAULTS): ListFilters {
  const pick = <T extends string>(k: string, allowed: readonly T[], d: T): T => {
    const v = one(p, k);
    return v !== undefined && (allowed as readonly string[]).includes(v) ? (v as T) : d;
  };
  const match = (k: keyof ListFilters, re: RegExp, d: string): string => {
    const v = one(p, k);
    return v !== undefined && re.test(v) ? v : d;
  };
  const assignee = one(p, 'assignee');
  return {
    q: (one(p, 'q') ?? defaults.q).slice(0, 200),
    status: pick('status', ['', ...STATUSES], defaults.status),
    priority: pick('priority', ['', ...PRIORITIES], defaults.priority),
    assignee: assignee === 'any' || assignee === 'me' || (assignee && UUID.test(assignee)) ? assignee : defaults.assignee,
    tag: match('tag', UUID, defaults.tag),
    category: match('category', UUID, defaults.category),
    overdue: one(p, 'overdue') === undefined ? defaults.overdue : one(p, 'overdue') === '1' || one(p, 'overdue') === 'true',
    dueFrom: match('dueFrom', DAY, defaults.dueFrom),
    dueTo: match('dueTo', DAY, defaults.dueTo),
    sort: pick('sort', SORTS, defaults.sort),
    order: pick('order', ['', 'asc', 'desc'], defaults.order),
  };
}

/**
 * Query parameters for filters: every key is present, null where the value
 * is the default, so a navigation merging them removes what was reset.
 */
export function filtersToParams(f: ListFilters, defaults: ListFilters = LIST_DEFAULTS): Params {
  const out: Params = {};
  for (const k of Object.keys(defaults) as (keyof ListFilters)[]) {
    const v = k === 'q' ? f.q.trim() : f[k];
    out[k] = v === defaults[k] || v === '' ? null : typeof v === 'boolean' ? (v ? '1' : '0') : v;
  }
  return out;
}

/** The API query for filters (the list screens add paging and what is theirs). */
export function filtersToQuery(f: ListFilters): TaskQuery {
  return {
    q: f.q,
    status: f.status,
    priority: f.priority,
    assignee: f.assignee === 'any' ? undefined : f.assignee,
    tag: f.tag || undefined,
    category: f.category || undefined,
    overdue: f.overdue,
    sort: f.sort,
    order: f.order || undefined,
  };
}

/** How many filters differ from the defaults (sort and order aside), for a "Clear filters (n)" button. */
export function activeFilterCount(f: ListFilters, defaults: ListFilters = LIST_DEFAULTS): number {
  const keys: (keyof ListFilters)[] = ['q', 'status', 'priority', 'assignee', 'tag', 'category', 'overdue', 'dueFrom', 'dueTo'];
  return keys.filter((k) => (k === 'q' ? f.q.trim() !== defaults.q : f[k] !== defaults[k])).length;
}
