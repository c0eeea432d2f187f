import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, effect, inject, signal, untracked } from '@angular/core';
import { Observable, Subject, tap } from 'rxjs';
import { NotificationFeed } from './notification-feed';
import { SessionStore } from './session';

const API = '/api/v1/notifications';

export type NotificationKind = 'assignment' | 'mention' | 'comment' | 'task_update' | 'reaction' | 'invitation' | 'membership' | 'project' | 'priority' | 'reminder';

export const NOTIFICATION_KINDS: { kind: NotificationKind; label: string }[] = [
  { kind: 'assignment', label: 'Assigned to you' },
  { kind: 'mention', label: 'Mentions of you' },
  { kind: 'comment', label: 'Comments on tasks you follow' },
  { kind: 'task_update', label: 'Changes to tasks you follow' },
  { kind: 'reaction', label: 'Reactions to your comments' },
  { kind: 'invitation', label: 'Invitations' },
  { kind: 'membership', label: 'Your memberships' },
  { kind: 'project', label: 'Project news and discussion' },
  { kind: 'priority', label: 'Priority rules raising your tasks' },
  { kind: 'reminder', label: 'Reminders you set' },
];

/** How long the Snooze button of a reminder puts it off. */
export const SNOOZE_MINUTES = 10;

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  reason: string;
  title: string;
  body: string;
  actor: { id: string; username?: string; displayName: string } | null;
  project: { id: string; name: string } | null;
  task: { id: string; name: string } | null;
  commentId: string | null;
  /** A calendar reminder's notification (kind reminder): it can be snoozed. */
  reminderId?: string | null;
  path: string;
  read: boolean;
  createdAt: string;
}

export interface NotificationPage {
  items: AppNotification[];
  nextCursor: string | null;
  unreadCount: number;
}

export interface Channels {
  inApp: boolean;
  email: boolean;
  push: boolean;
}

export interface Preferences {
  kinds: Record<string, Channels>;
  delivery: 'immediate' | 'daily';
  digestTime: string;
  timezone: string;
  mutedProjectIds: string[];
}

export type PreferencesPatch = Partial<Pick<Preferences, 'delivery' | 'digestTime'>> & { kinds?: Record<string, Partial<Channels>> };

/**
 * The signed-in user's notifications: the unread count kept live by the
 * stream (core/notification-feed.ts) while signed in, the inbox, reads,
 * preferences, muted projects and task follows.
 */
@Injectable({ providedIn: 'root' })
export class Notifications {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);

  /** Unread notifications; null until the stream (or a read) has said. */
  readonly unread = signal<number | null>(null);
  /** Every notification the stream brings, as it arrives. */
  readonly arrived$ = new Subject<AppNotification>();

  private readonly feed = new NotificationFeed({
    fetch: (url, init) => fetch(url, init),
    token: () => this.session.accessToken,
    refresh: (stale) => this.session.refresh(stale),
    onUnread: (n) => this.unread.set(n),
    onNotification: (n) => this.arrived$.next(n as AppNotification),
  });

  constructor() {
    effect(() => {
      const signedIn = this.session.signedIn();
      untracked(() => {
        if (signedIn) this.feed.start();
        else {
          this.feed.stop();
          this.feed.lastEventId = null;
          this.unread.set(null);
        }
      });
    });
  }

  list(opts: { unread?: boolean; cursor?: string; limit?: number } = {}) {
    let p = new HttpParams().set('limit', opts.limit ?? 20);
    if (opts.unread) p = p.set('unread', 'true');
    if (opts.cursor) p = p.set('cursor', opts.cursor);
    return this.http.get<NotificationPage>(API, { params: p }).pipe(tap((r) => this.unread.set(r.unreadCount)));
  }

  markRead(id: string): Observable<{ unreadCount: number }> {
    return this.http.post<{ unreadCount: number }>(`${API}/${id}/read`, null).pipe(tap((r) => this.unread.set(r.unreadCount)));
  }

  markAllRead(upTo?: string): Observable<{ unreadCount: number }> {
    return this.http.post<{ unreadCount: number }>(`${API}/read-all`, upTo ? { upTo } : {}).pipe(tap((r) => this.unread.set(r.unreadCount)));
  }

  preferences() {
    return this.http.get<Preferences>(`${API}/preferences`);
  }
  updatePreferences(patch: PreferencesPatch) {
    return this.http.patch<Preferences>(`${API}/preferences`, patch);
  }
  mute(projectId: string, muted: boolean) {
    const url = `${API}/muted-projects/${projectId}`;
    return muted ? this.http.put<Preferences>(url, null) : this.http.delete<Preferences>(url);
  }

  /** Brings a reminder's notification again in `minutes`. */
  snooze(reminderId: string, minutes = SNOOZE_MINUTES) {
    return this.http.post<{ snoozedUntil: string | null }>(`/api/v1/calendar/reminders/${reminderId}/snooze`, { minutes });
  }

  following(taskId: string) {
    return this.http.get<{ following: boolean }>(`/api/v1/tasks/${taskId}/followers/me`);
  }
  follow(taskId: string, on: boolean) {
    const url = `/api/v1/tasks/${taskId}/followers/me`;
    return on ? this.http.put<{ following: boolean }>(url, null) : this.http.delete<{ following: boolean }>(url);
  }
}
