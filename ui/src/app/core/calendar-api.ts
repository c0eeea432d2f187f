import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Subject } from 'rxjs';
import { CalendarEntry } from './calendar';

const API = '/api/v1/calendar';

export type MeetingResponse = 'needs_action' | 'accepted' | 'declined' | 'tentative';

export interface Meeting {
  id: string;
  projectId: string | null;
  organizerId: string;
  title: string;
  description: string;
  location: string;
  link: string;
  /** Wall-clock start of the first occurrence ("2026-03-02T09:00"). */
  start: string;
  end: string;
  startAt: string;
  endAt: string;
  timezone: string;
  rrule: string | null;
  summary: string | null;
  attendees: { userId: string; response: MeetingResponse; respondedAt?: string }[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MeetingRequest {
  projectId?: string;
  title: string;
  description?: string;
  location?: string;
  link?: string;
  start: string;
  end: string;
  timezone: string;
  rrule?: string;
  attendeeIds?: string[];
}

export interface Series {
  id: string;
  projectId: string;
  taskId: string | null;
  title: string;
  createdBy: string;
  start: string;
  timezone: string;
  mode: 'fixed' | 'after_completion';
  rrule: string | null;
  every: number | null;
  unit: string | null;
  summary: string;
  status: 'active' | 'paused' | 'stopped';
  nextDueAt: string | null;
  skipped: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SeriesRequest {
  projectId: string;
  taskId?: string;
  title: string;
  start: string;
  timezone: string;
  mode?: 'fixed' | 'after_completion';
  rrule?: string;
  every?: number;
  unit?: 'days' | 'weeks';
}

export interface FeedToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** Only in the answer that created it. */
  token?: string;
  /** The feed's path, only in the answer that created it. */
  url?: string;
}

/** The calendar service's API (services/calendar/openapi.yaml), used by the lazily loaded calendar screens only. */
@Injectable({ providedIn: 'root' })
export class CalendarApi {
  private readonly http = inject(HttpClient);
  private readonly changes = new Subject<void>();
  /** A meeting was saved, deleted or answered in this tab: calendars reload. */
  readonly changed$ = this.changes.asObservable();

  changed(): void {
    this.changes.next();
  }

  range(from: string, to: string, projectId?: string) {
    let params = new HttpParams().set('from', from).set('to', to);
    if (projectId) params = params.set('projectId', projectId);
    return this.http.get<{ entries: CalendarEntry[]; truncated: boolean }>(API, { params });
  }

  meeting(id: string) {
    return this.http.get<Meeting>(`${API}/meetings/${id}`);
  }
  createMeeting(body: MeetingRequest) {
    return this.http.post<Meeting>(`${API}/meetings`, body);
  }
  updateMeeting(id: string, body: MeetingRequest) {
    return this.http.put<Meeting>(`${API}/meetings/${id}`, body);
  }
  deleteMeeting(id: string) {
    return this.http.delete<void>(`${API}/meetings/${id}`);
  }
  respond(id: string, response: MeetingResponse) {
    return this.http.put<Meeting>(`${API}/meetings/${id}/response`, { response });
  }

  projectSeries(projectId: string) {
    return this.http.get<{ items: Series[] }>(`${API}/series`, { params: new HttpParams().set('projectId', projectId) });
  }
  createSeries(body: SeriesRequest) {
    return this.http.post<Series>(`${API}/series`, body);
  }
  changeSeries(id: string, body: { title?: string; status?: Series['status'] }) {
    return this.http.patch<Series>(`${API}/series/${id}`, body);
  }
  skip(id: string, dueAt: string) {
    return this.http.post<Series>(`${API}/series/${id}/skip`, { dueAt });
  }
  deleteSeries(id: string) {
    return this.http.delete<void>(`${API}/series/${id}`);
  }

  feedTokens() {
    return this.http.get<{ items: FeedToken[] }>(`${API}/feed-tokens`);
  }
  createFeedToken(name: string) {
    return this.http.post<FeedToken>(`${API}/feed-tokens`, { name });
  }
  revokeFeedToken(id: string) {
    return this.http.delete<void>(`${API}/feed-tokens/${id}`);
  }
  regenerateFeedToken(id: string) {
    return this.http.post<FeedToken>(`${API}/feed-tokens/${id}/regenerate`, null);
  }
}
