import { HttpClient, HttpParams, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import {
  Invitation,
  Label,
  NextUpItem,
  PriorityRule,
  RuleInput,
  RulePreviewItem,
  LoginResponse,
  Member,
  Page,
  Priority,
  Profile,
  Project,
  Session,
  Task,
  TaskList,
  TaskStatus,
} from './models';

const API = '/api/v1';

export interface TaskQuery {
  status?: TaskStatus | '';
  priority?: Priority | '';
  assignee?: string;
  tag?: string;
  category?: string;
  q?: string;
  overdue?: boolean;
  /** Due strictly before this instant (RFC 3339). */
  dueBefore?: string;
  /** Due at or after this instant (RFC 3339). */
  dueAfter?: string;
  sort?: string;
  order?: string;
  cursor?: string;
  limit?: number;
  counts?: boolean;
}

/** Where a task goes in the manual order: between two tasks, after one, before one, or (`{}`) at the end. */
export interface PositionRequest {
  afterId?: string | null;
  beforeId?: string | null;
}

export type TaskInput = Partial<
  Pick<Task, 'title' | 'description' | 'status' | 'priority' | 'dueAt' | 'timezone' | 'assigneeIds' | 'categoryId' | 'tagIds'>
> & { position?: PositionRequest };

export type LabelKind = 'categories' | 'tags';

function params(obj: Record<string, string | number | boolean | undefined | null>): HttpParams {
  let p = new HttpParams();
  for (const [k, v] of Object.entries(obj)) {
    if (v !== undefined && v !== null && v !== '') p = p.set(k, String(v));
  }
  return p;
}

function taskParams(q: TaskQuery): HttpParams {
  return params({
    status: q.status,
    priority: q.priority,
    assignee: q.assignee,
    tag: q.tag,
    category: q.category,
    q: q.q?.trim(),
    overdue: q.overdue ? true : undefined,
    dueBefore: q.dueBefore,
    dueAfter: q.dueAfter,
    sort: q.sort,
    order: q.order,
    cursor: q.cursor,
    limit: q.limit ?? 25,
    counts: q.counts ? true : undefined,
  });
}

@Injectable({ providedIn: 'root' })
export class Api {
  private readonly http = inject(HttpClient);

  // Accounts and sessions
  signUp(body: { email: string; username: string; displayName: string; password: string; timezone?: string; locale?: string }) {
    return this.http.post<{ user: Profile }>(`${API}/users`, body);
  }
  login(login: string, password: string) {
    return this.http.post<LoginResponse>(`${API}/auth/login`, { login, password });
  }
  logout() {
    return this.http.post<void>(`${API}/auth/logout`, null);
  }
  logoutAll() {
    return this.http.post<void>(`${API}/auth/logout-all`, null);
  }
  sessions() {
    return this.http.get<{ sessions: Session[] }>(`${API}/auth/sessions`).pipe(map((r) => r.sessions));
  }
  revokeSession(id: string) {
    return this.http.delete<void>(`${API}/auth/sessions/${encodeURIComponent(id)}`);
  }
  me() {
    return this.http.get<Profile>(`${API}/me`);
  }
  updateMe(body: Partial<Pick<Profile, 'displayName' | 'timezone' | 'locale'>>) {
    return this.http.patch<Profile>(`${API}/me`, body);
  }
  changePassword(currentPassword: string, newPassword: string) {
    return this.http.post<void>(`${API}/me/password`, { currentPassword, newPassword });
  }

  // Projects and members
  projects(archived: 'false' | 'true' | 'all', cursor?: string) {
    return this.http.get<Page<Project>>(`${API}/projects`, { params: params({ archived, cursor, limit: 100 }) });
  }
  project(id: string) {
    return this.http.get<Project>(`${API}/projects/${id}`);
  }
  createProject(body: { name: string; key: string; description?: string; color?: string }) {
    return this.http.post<Project>(`${API}/projects`, body);
  }
  updateProject(id: string, body: { name?: string; key?: string; description?: string; color?: string }) {
    return this.http.patch<Project>(`${API}/projects/${id}`, body);
  }
  archiveProject(id: string, archive: boolean) {
    return this.http.post<Project>(`${API}/projects/${id}/${archive ? 'archive' : 'unarchive'}`, null);
  }
  deleteProject(id: string) {
    return this.http.delete<void>(`${API}/projects/${id}`);
  }
  transferOwnership(id: string, userId: string) {
    return this.http.post<Project>(`${API}/projects/${id}/transfer`, { userId });
  }
  leaveProject(id: string) {
    return this.http.post<void>(`${API}/projects/${id}/leave`, null);
  }
  members(id: string) {
    return this.http.get<Page<Member>>(`${API}/projects/${id}/members`, { params: params({ limit: 200 }) });
  }
  removeMember(id: string, userId: string) {
    return this.http.delete<void>(`${API}/projects/${id}/members/${userId}`);
  }

  // Invitations
  invite(projectId: string, body: { email?: string; username?: string; role: 'participant'; message?: string }) {
    return this.http.post<{ invitation: Invitation }>(`${API}/projects/${projectId}/invitations`, body);
  }
  projectInvitations(projectId: string, status = 'pending') {
    return this.http.get<Page<Invitation>>(`${API}/projects/${projectId}/invitations`, { params: params({ status, limit: 200 }) });
  }
  cancelInvitation(projectId: string, invitationId: string) {
    return this.http.delete<void>(`${API}/projects/${projectId}/invitations/${invitationId}`);
  }
  myInvitations() {
    return this.http.get<Page<Invitation>>(`${API}/invitations`, { params: params({ limit: 200 }) });
  }
  acceptInvitation(id: string) {
    return this.http.post<{ invitation: Invitation }>(`${API}/invitations/${id}/accept`, null);
  }
  rejectInvitation(id: string) {
    return this.http.post<{ invitation: Invitation }>(`${API}/invitations/${id}/reject`, null);
  }

  // Tasks
  tasks(projectId: string, q: TaskQuery) {
    return this.http.get<TaskList>(`${API}/projects/${projectId}/tasks`, { params: taskParams(q) });
  }
  /** Tasks across every project the caller belongs to (`assignee: 'me'` for the caller's own). */
  myTasks(q: TaskQuery) {
    return this.http.get<TaskList>(`${API}/tasks`, { params: taskParams(q) });
  }
  task(id: string) {
    return this.http.get<Task>(`${API}/tasks/${id}`);
  }
  createTask(projectId: string, body: TaskInput) {
    return this.http.post<Task>(`${API}/projects/${projectId}/tasks`, body);
  }
  updateTask(id: string, version: number, body: TaskInput): Observable<Task> {
    return this.http.patch<Task>(`${API}/tasks/${id}`, body, { headers: { 'If-Match': `"${version}"` } });
  }
  deleteTask(id: string, version: number): Observable<HttpResponse<void>> {
    return this.http.delete<void>(`${API}/tasks/${id}`, { headers: { 'If-Match': `"${version}"` }, observe: 'response' });
  }

  // Categories and tags
  labels(projectId: string, kind: LabelKind) {
    return this.http.get<Page<Label>>(`${API}/projects/${projectId}/${kind}`, { params: params({ limit: 200 }) });
  }
  createLabel(projectId: string, kind: LabelKind, body: { name: string; color: string }) {
    return this.http.post<Label>(`${API}/projects/${projectId}/${kind}`, body);
  }
  updateLabel(projectId: string, kind: LabelKind, id: string, body: { name?: string; color?: string }) {
    return this.http.patch<Label>(`${API}/projects/${projectId}/${kind}/${id}`, body);
  }
  deleteLabel(projectId: string, kind: LabelKind, id: string) {
    return this.http.delete<void>(`${API}/projects/${projectId}/${kind}/${id}`);
  }

  // Priorities: the project's rules (owner manages), and next up.
  priorityRules(projectId: string) {
    return this.http.get<{ items: PriorityRule[] }>(`${API}/projects/${projectId}/priority-rules`);
  }
  createPriorityRule(projectId: string, body: RuleInput) {
    return this.http.post<PriorityRule>(`${API}/projects/${projectId}/priority-rules`, body);
  }
  deletePriorityRule(projectId: string, id: string) {
    return this.http.delete<void>(`${API}/projects/${projectId}/priority-rules/${id}`);
  }
  reorderPriorityRules(projectId: string, ids: string[]) {
    return this.http.put<{ items: PriorityRule[] }>(`${API}/projects/${projectId}/priority-rules/order`, { ids });
  }
  previewPriorityRule(projectId: string, body: RuleInput) {
    return this.http.post<{ items: RulePreviewItem[] }>(`${API}/projects/${projectId}/priority-rules/preview`, body);
  }
  nextUp(projectId?: string, limit = 20) {
    return this.http.get<{ items: NextUpItem[] }>(`${API}/priorities/next-up`, { params: params({ projectId, limit }) });
  }
}
