import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { TaskStatus } from './models';

/** One result of GET /api/v1/search: a task or a project the user may see. */
export interface SearchHit {
  kind: 'task' | 'project';
  id: string;
  projectId: string;
  projectKey: string;
  projectName: string;
  title: string;
  status?: TaskStatus;
  priority?: string;
  dueAt?: string;
  /** Snippets by field as HTML from the service: the text escaped, matches in <mark>. */
  highlights: Record<string, string[]>;
}

export interface SearchResults {
  items: SearchHit[];
  total: number;
  facets: Record<string, { value: string; count: number }[]>;
  nextCursor?: string;
}

/** The filters the search box offers. */
export interface SearchFilters {
  status: TaskStatus | '';
  mine: boolean;
}

export const NO_SEARCH_FILTERS: SearchFilters = { status: '', mine: false };

/** The service refuses longer text; the box never sends it. */
export const MAX_SEARCH_CHARS = 256;

/** The query parameters of a search, or null when there is nothing to ask. */
export function searchParams(q: string, f: SearchFilters, limit = 8): HttpParams | null {
  const text = q.slice(0, MAX_SEARCH_CHARS);
  if (!text.trim() && !f.status && !f.mine) return null;
  let p = new HttpParams().set('limit', limit);
  if (text.trim()) p = p.set('q', text);
  if (f.status) p = p.set('status', f.status);
  if (f.mine) p = p.set('assignee', 'me');
  return p;
}

/** Where a result opens: a task over its project's view, or the project. */
export function hitLink(h: SearchHit): string {
  return h.kind === 'task' ? `/tasks/${h.id}` : `/projects/${h.id}`;
}

/** The highlighted title (HTML), or null to show the plain title. */
export function titleHtml(h: SearchHit): string | null {
  return h.highlights?.['title']?.[0] ?? null;
}

/** The snippet that shows why a result matched outside its title (HTML), or null. */
export function snippetHtml(h: SearchHit): string | null {
  for (const field of ['labels', 'description', 'comments']) {
    const s = h.highlights?.[field]?.[0];
    if (s) return s;
  }
  return null;
}

@Injectable({ providedIn: 'root' })
export class SearchApi {
  private readonly http = inject(HttpClient);

  search(params: HttpParams): Observable<SearchResults> {
    return this.http.get<SearchResults>('/api/v1/search', { params });
  }
}
