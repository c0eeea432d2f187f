import { DIALOG_DATA } from '@angular/cdk/dialog';
import { Component, ElementRef, OnInit, computed, inject, output, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Api, TaskInput } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { Member, PRIORITIES, Priority, STATUSES, STATUS_LABEL, PRIORITY_LABEL, Task, TaskStatus } from '../core/models';
import { memberName } from '../core/people';
import { ProjectContext } from '../core/project-context';
import { SessionStore } from '../core/session';
import { TaskChanges } from '../core/task-changes';
import { formatInstant, instantToWall, wallToInstant } from '../core/time';
import { Toasts } from '../core/toasts';
import { FieldError } from '../ui/field-error';
import { Notifications } from '../core/notifications';
import { ActivityList } from './activity-list';
import { TaskComments } from './task-comments';
import { TaskReminders } from './task-reminders';
import { TaskRepeat } from './task-repeat';

export interface TaskEditorData {
  taskId: string;
  /** Opened with `e`: the title field has the focus, its text selected. */
  focusTitle: boolean;
}

/** The contents of the task dialog: the task read fresh, edited with If-Match, deleted. */
@Component({
  selector: 'tr-task-editor',
  imports: [FormsModule, FieldError, TaskComments, ActivityList, TaskReminders, TaskRepeat],
  templateUrl: './task-editor.html',
})
export class TaskEditor implements OnInit {
  private readonly api = inject(Api);
  private readonly changes = inject(TaskChanges);
  private readonly toasts = inject(Toasts);
  protected readonly session = inject(SessionStore);
  protected readonly ctx = inject(ProjectContext);
  protected readonly data = inject<TaskEditorData>(DIALOG_DATA);
  /** Asks the route to close the dialog; `true` when nothing needs confirming (just saved or deleted). */
  readonly closeRequested = output<boolean>();
  private readonly titleInput = viewChild<ElementRef<HTMLInputElement>>('titleInput');

  protected readonly statuses = STATUSES;
  protected readonly priorities = PRIORITIES;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly priorityLabel = PRIORITY_LABEL;
  protected readonly current = signal<Task | null>(null);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly readOnly = computed(() => !!this.ctx.project()?.archived);
  private readonly notifications = inject(Notifications);
  /** Whether the user follows the task (null until known). */
  protected readonly following = signal<boolean | null>(null);
  protected readonly followBusy = signal(false);
  protected readonly historyOpen = signal(false);

  title = '';
  description = '';
  status: TaskStatus = 'todo';
  priority: Priority = 'none';
  due = '';
  categoryId = '';
  assignees = new Set<string>();
  tagIds = new Set<string>();

  ngOnInit(): void {
    this.api.task(this.data.taskId).subscribe({
      next: (t) => {
        this.ctx.load(t.projectId);
        this.fill(t);
        if (this.data.focusTitle) {
          setTimeout(() => {
            this.titleInput()?.nativeElement.focus();
            this.titleInput()?.nativeElement.select();
          });
        }
      },
      error: (err: unknown) => this.loadError.set(toApiError(err)),
    });
    this.notifications.following(this.data.taskId).subscribe({ next: (r) => this.following.set(r.following), error: () => undefined });
  }

  toggleFollow(): void {
    const on = !this.following();
    this.followBusy.set(true);
    this.notifications.follow(this.data.taskId, on).subscribe({
      next: (r) => {
        this.followBusy.set(false);
        this.following.set(r.following);
        this.toasts.show(r.following ? 'You follow this task: you hear of its changes and comments.' : 'You no longer follow this task.', 'success');
      },
      error: (err: unknown) => {
        this.followBusy.set(false);
        this.toasts.show(toApiError(err).message, 'error');
      },
    });
  }

  private fill(t: Task): void {
    this.current.set(t);
    this.title = t.title;
    this.description = t.description;
    this.status = t.status;
    this.priority = t.priority;
    this.due = instantToWall(t.dueAt, this.session.timezone());
    this.categoryId = t.categoryId ?? '';
    this.assignees = new Set(t.assigneeIds);
    this.tagIds = new Set(t.tagIds);
  }

  toggle(set: Set<string>, id: string): void {
    if (!set.delete(id)) set.add(id);
  }

  /** "Display Name @username" of a member, marked "(you)" for the signed-in user. */
  name(m: Member): string {
    const name = memberName(m);
    return m.userId === this.session.user()?.id ? `${name} (you)` : name;
  }

  fmt(instant: string | null): string {
    return formatInstant(instant, this.session.timezone(), this.session.locale());
  }

  /** The fields that differ from the task as loaded; throws for a due date that cannot be read. */
  private edits(): TaskInput {
    const t = this.current();
    if (!t) return {};
    const tz = this.session.timezone();
    const body: TaskInput = {};
    if (this.title.trim() !== t.title) body.title = this.title.trim();
    if (this.description !== t.description) body.description = this.description;
    if (this.status !== t.status) body.status = this.status;
    if (this.priority !== t.priority) body.priority = this.priority;
    if (this.due !== instantToWall(t.dueAt, tz)) {
      body.dueAt = this.due ? wallToInstant(this.due, tz) : null;
      body.timezone = this.due ? tz : null;
    }
    if ((this.categoryId || null) !== t.categoryId) body.categoryId = this.categoryId || null;
    const sameSet = (a: Set<string>, b: string[]) => a.size === b.length && b.every((x) => a.has(x));
    if (!sameSet(this.assignees, t.assigneeIds)) body.assigneeIds = [...this.assignees];
    if (!sameSet(this.tagIds, t.tagIds)) body.tagIds = [...this.tagIds];
    return body;
  }

  /** Unsaved edits are in the form. */
  dirty(): boolean {
    if (this.busy()) return false;
    try {
      return Object.keys(this.edits()).length > 0;
    } catch {
      return true;
    }
  }

  save(): void {
    const t = this.current();
    if (!t || this.busy() || !this.title.trim()) return;
    let body: TaskInput;
    try {
      body = this.edits();
    } catch {
      this.error.set({ status: 0, code: 'invalid', message: 'The due date is not valid.', fields: { dueAt: 'Not a valid date and time.' }, details: {} });
      return;
    }
    if (Object.keys(body).length === 0) {
      this.closeRequested.emit(true);
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    this.api.updateTask(t.id, t.version, body).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.current.set(updated);
        this.changes.saved(updated);
        this.toasts.show(`Saved “${updated.title}”.`, 'success');
        this.closeRequested.emit(true);
      },
      error: (err: unknown) => {
        const e = toApiError(err);
        if (e.status !== 412) {
          this.busy.set(false);
          this.error.set(e);
          return;
        }
        // Stay busy until the latest version is in the form, so the notice
        // and the fresh values appear together and no edit lands in between.
        this.api.task(t.id).subscribe({
          next: (fresh) => {
            this.fill(fresh);
            this.changes.saved(fresh);
            this.busy.set(false);
            this.notice.set('This task was changed elsewhere. The latest version is shown below; make your change again and save.');
          },
          error: (err2: unknown) => {
            this.busy.set(false);
            this.error.set(toApiError(err2));
          },
        });
      },
    });
  }

  remove(): void {
    const t = this.current();
    if (!t || !confirm(`Delete “${t.title}” and its subtasks?`)) return;
    this.busy.set(true);
    this.api.deleteTask(t.id, t.version).subscribe({
      next: () => {
        this.busy.set(false);
        this.changes.deleted(t.id);
        this.toasts.show(`Deleted “${t.title}”.`, 'success');
        this.closeRequested.emit(true);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
