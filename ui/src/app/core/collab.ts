import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { map } from 'rxjs';
import { Page } from './models';

const API = '/api/v1';

export interface CommentAuthor {
  id: string;
  username: string | null;
  displayName: string;
  deleted: boolean;
}

export interface Reaction {
  emoji: string;
  count: number;
  userIds: string[];
  reactedByMe: boolean;
}

/** A comment as the collaboration service answers it: `html` is its sanitised rendering. */
export interface Comment {
  id: string;
  projectId: string;
  taskId: string | null;
  author: CommentAuthor;
  body: string;
  html: string;
  mentionedUserIds: string[];
  reactions: Reaction[];
  createdAt: string;
  editedAt: string | null;
  edited: boolean;
  version: number;
}

export interface CommentPage extends Page<Comment> {
  total: number;
}

export interface Mentionable {
  userId: string;
  username: string;
  displayName: string;
}

/** One entry of the activity log (audit service). */
export interface ActivityEntry {
  id: string;
  type: string;
  action: string;
  actorId: string;
  target: { type: string; id: string; name?: string };
  projectId?: string;
  taskId?: string;
  /** The title of the task a comment is on, when the activity knew it. */
  taskName?: string;
  /** The account the action was about (the member added, removed or whose role changed). */
  userId?: string;
  at: string;
  changes: { field: string; old?: unknown; new?: unknown }[];
}

/** The emoji offered as reactions. */
export const REACTIONS = ['👍', '🎉', '❤️', '😄', '👀', '🚀'];

export const REACTION_NAMES: Record<string, string> = {
  '👍': 'thumbs up',
  '🎉': 'party',
  '❤️': 'heart',
  '😄': 'smile',
  '👀': 'eyes',
  '🚀': 'rocket',
};

/** Comments, reactions, mentions (collaboration service) and the activity log (audit service). */
@Injectable({ providedIn: 'root' })
export class CollabApi {
  private readonly http = inject(HttpClient);

  comments(taskId: string, order: 'oldest' | 'newest', cursor?: string) {
    let p = new HttpParams().set('order', order).set('limit', 50);
    if (cursor) p = p.set('cursor', cursor);
    return this.http.get<CommentPage>(`${API}/tasks/${taskId}/comments`, { params: p });
  }
  postComment(taskId: string, body: string) {
    return this.http.post<Comment>(`${API}/tasks/${taskId}/comments`, { body });
  }
  editComment(c: Comment, body: string) {
    return this.http.patch<Comment>(`${API}/comments/${c.id}`, { body }, { headers: { 'If-Match': `"${c.version}"` } });
  }
  deleteComment(c: Comment) {
    return this.http.delete<void>(`${API}/comments/${c.id}`);
  }
  react(c: Comment, emoji: string) {
    return this.http.post<Comment>(`${API}/comments/${c.id}/reactions`, { emoji });
  }
  unreact(c: Comment, emoji: string) {
    return this.http.delete<Comment>(`${API}/comments/${c.id}/reactions`, { params: new HttpParams().set('emoji', emoji) });
  }
  mentionable(projectId: string, q: string) {
    return this.http
      .get<{ items: Mentionable[] }>(`${API}/projects/${projectId}/mentionable`, { params: new HttpParams().set('q', q).set('limit', 8) })
      .pipe(map((r) => r.items));
  }
  /** Comment counts of up to 200 tasks of one project. */
  commentCounts(projectId: string, taskIds: string[]) {
    return this.http
      .get<{ counts: Record<string, number> }>(`${API}/projects/${projectId}/comment-counts`, { params: new HttpParams().set('taskIds', taskIds.join(',')) })
      .pipe(map((r) => r.counts));
  }

  projectActivity(projectId: string, cursor?: string) {
    return this.http.get<Page<ActivityEntry>>(`${API}/projects/${projectId}/activity`, { params: pageParams(cursor) });
  }
  taskActivity(taskId: string, cursor?: string) {
    return this.http.get<Page<ActivityEntry>>(`${API}/tasks/${taskId}/activity`, { params: pageParams(cursor) });
  }
}

function pageParams(cursor?: string): HttpParams {
  const p = new HttpParams().set('limit', 30);
  return cursor ? p.set('cursor', cursor) : p;
}
