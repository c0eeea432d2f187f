import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import { Observable } from 'rxjs';
import { FormsModule } from '@angular/forms';
import { Api } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { Label, Member, Priority, Project, Task, TaskList, TaskStatus } from '../core/models';
import { People } from '../core/people';
import { SessionStore } from '../core/session';
import { formatInstant, wallToInstant } from '../core/time';
import { TaskEditor } from './task-editor';
import { StatusCountChips } from './status-counts';
import { TaskListView } from './task-list-view';
import { TaskStatusSelect, isOverdue } from './task-status-select';

@Component({
  selector: 'tr-tasks-panel',
  imports: [FormsModule, StatusCountChips, TaskEditor, TaskStatusSelect],
  template: `
    <tr-status-counts [counts]="counts()" [total]="total()" [active]="status" (picked)="setStatus($event)" />

    <div class="toolbar card">
      <input class="grow" type="search" placeholder="Search titles…" [(ngModel)]="q" (ngModelChange)="queueReload()" aria-label="Search titles" data-testid="filter-q" />
      <select [(ngModel)]="status" (ngModelChange)="reload()" aria-label="Status" data-testid="filter-status">
        <option value="">Any status</option>
        @for (s of statuses; track s) { <option [value]="s">{{ statusLabel[s] }}</option> }
      </select>
      <select [(ngModel)]="priority" (ngModelChange)="reload()" aria-label="Priority" data-testid="filter-priority">
        <option value="">Any priority</option>
        @for (p of priorities; track p) { <option [value]="p">{{ p }}</option> }
      </select>
      <label class="check"><input type="checkbox" [(ngModel)]="mine" (ngModelChange)="reload()" data-testid="filter-mine" /> Assigned to me</label>
      <label class="check"><input type="checkbox" [(ngModel)]="overdue" (ngModelChange)="reload()" data-testid="filter-overdue" /> Overdue</label>
      <select [(ngModel)]="sort" (ngModelChange)="reload()" aria-label="Sort by" data-testid="sort">
        <option value="priority">Sort: priority</option>
        <option value="due">Sort: due date</option>
        <option value="created">Sort: created</option>
        <option value="updated">Sort: updated</option>
        <option value="position">Sort: manual order</option>
      </select>
      <button type="button" class="btn small" (click)="flipOrder()" [title]="'Order: ' + (order || 'default')" data-testid="order">
        {{ order === 'asc' ? '↑ Asc' : order === 'desc' ? '↓ Desc' : '⇅ Default' }}
      </button>
    </div>

    @if (!project().archived) {
      <form class="card quick-add" (ngSubmit)="create()" #f="ngForm" data-testid="task-form">
        <div class="quick-row">
          <input class="grow" name="title" [(ngModel)]="newTitle" required maxlength="200" placeholder="New task title" aria-label="Task title" data-testid="task-title" />
          <select name="status" [(ngModel)]="newStatus" aria-label="Status" data-testid="task-status">
            @for (s of statuses; track s) { <option [value]="s">{{ statusLabel[s] }}</option> }
          </select>
          <select name="priority" [(ngModel)]="newPriority" aria-label="Priority" data-testid="task-priority">
            @for (p of priorities; track p) { <option [value]="p">{{ p }}</option> }
          </select>
          <input name="due" type="datetime-local" [(ngModel)]="newDue" aria-label="Due" [title]="'Due (' + session.timezone() + ')'" data-testid="task-due" />
          <button class="btn primary" type="submit" [disabled]="creating() || !f.valid" data-testid="task-create">Add task</button>
        </div>
        <textarea name="description" [(ngModel)]="newDescription" rows="1" placeholder="Description (optional)" aria-label="Description" data-testid="task-description"></textarea>
        @if (createError(); as e) {
          <p class="alert error" role="alert" data-testid="form-error">{{ e.message }}</p>
        }
      </form>
    }

    @if (notice(); as n) { <p class="alert info" role="status" data-testid="notice">{{ n }}</p> }
    @if (error(); as e) { <p class="alert error" role="alert">{{ e.message }}</p> }

    <div class="table-wrap card">
      <table class="tasks" data-testid="task-table">
        <thead>
          <tr><th>Title</th><th>Status</th><th>Priority</th><th>Due</th><th class="hide-sm">Assignees</th><th></th></tr>
        </thead>
        <tbody>
          @for (t of tasks(); track t.id) {
            <tr data-testid="task-row" [class.done]="t.status === 'done'">
              <td>
                <button type="button" class="link title" (click)="editing.set(t)" data-testid="task-row-title">{{ t.title }}</button>
                <div class="chips">
                  @if (categoryName(t.categoryId); as c) { <span class="chip">{{ c }}</span> }
                  @for (tag of tagsOf(t); track tag.id) { <span class="chip" [style.background]="tag.color + '22'" [style.color]="tag.color">#{{ tag.name }}</span> }
                </div>
              </td>
              <td>
                <tr-task-status-select [task]="t" [disabled]="project().archived" (changed)="onStatusChanged($event)" />
              </td>
              <td><span class="prio" [class]="'prio p-' + t.priority">{{ t.priority }}</span></td>
              <td [class.overdue]="isOverdue(t)">{{ fmt(t.dueAt) }}</td>
              <td class="hide-sm small" [title]="assigneeNames(t, true)" data-testid="task-assignees">{{ assigneeNames(t) }}</td>
              <td class="actions">
                <button type="button" class="btn small" (click)="editing.set(t)" data-testid="task-edit">Edit</button>
                <button type="button" class="btn small danger" (click)="remove(t)" [disabled]="project().archived" data-testid="task-delete">Delete</button>
              </td>
            </tr>
          } @empty {
            <tr><td colspan="6" class="muted center">{{ loading() ? 'Loading…' : 'No tasks match.' }}</td></tr>
          }
        </tbody>
      </table>
    </div>
    @if (nextCursor()) {
      <button type="button" class="btn" (click)="loadMore()" [disabled]="loading()" data-testid="load-more">Load more</button>
    }

    @if (editing(); as t) {
      <tr-task-editor [task]="t" [project]="project()" [members]="members()" [categories]="categories()" [tags]="tags()"
        (closed)="editing.set(null)" (saved)="onSaved()" />
    }
  `,
})
export class TasksPanel extends TaskListView {
  private readonly api = inject(Api);
  protected readonly session = inject(SessionStore);
  private readonly people = inject(People);

  readonly project = input.required<Project>();
  readonly members = input<Member[]>([]);
  readonly categories = input<Label[]>([]);
  readonly tags = input<Label[]>([]);

  protected readonly creating = signal(false);
  protected readonly createError = signal<ApiError | null>(null);
  protected readonly editing = signal<Task | null>(null);

  // Filters
  mine = false;

  // New task
  newTitle = '';
  newDescription = '';
  newStatus: TaskStatus = 'todo';
  newPriority: Priority = 'none';
  newDue = '';

  constructor() {
    super();
    effect(() => {
      this.project().id;
      untracked(() => this.reload());
    });
  }

  protected read(cursor?: string): Observable<TaskList> {
    return this.api.tasks(this.project().id, { ...this.filters(cursor), assignee: this.mine ? 'me' : undefined });
  }

  create(): void {
    this.creating.set(true);
    this.createError.set(null);
    const tz = this.session.timezone();
    let dueAt: string | undefined;
    try {
      dueAt = this.newDue ? wallToInstant(this.newDue, tz) : undefined;
    } catch {
      this.creating.set(false);
      this.createError.set({ status: 0, code: 'invalid', message: 'The due date is not valid.', fields: {}, details: {} });
      return;
    }
    this.api
      .createTask(this.project().id, {
        title: this.newTitle.trim(),
        description: this.newDescription.trim() || undefined,
        status: this.newStatus,
        priority: this.newPriority,
        dueAt,
        timezone: dueAt ? tz : undefined,
      })
      .subscribe({
        next: () => {
          this.creating.set(false);
          this.newTitle = '';
          this.newDescription = '';
          this.newDue = '';
          this.notice.set(null);
          this.reload();
        },
        error: (err: unknown) => {
          this.creating.set(false);
          this.createError.set(toApiError(err));
        },
      });
  }

  remove(t: Task): void {
    if (!confirm(`Delete “${t.title}” and its subtasks?`)) return;
    this.api.deleteTask(t.id, t.version).subscribe({
      next: () => this.reload(),
      error: (err: unknown) => {
        const e = toApiError(err);
        if (e.status === 412) this.notice.set(`“${t.title}” was changed elsewhere; the list has been reloaded.`);
        else this.error.set(e);
        this.reload();
      },
    });
  }

  onSaved(): void {
    this.reload();
  }

  fmt(instant: string | null): string {
    return formatInstant(instant, this.session.timezone(), this.session.locale());
  }

  isOverdue(t: Task): boolean {
    return isOverdue(t);
  }

  categoryName(id: string | null): string | undefined {
    return id ? this.categories().find((c) => c.id === id)?.name : undefined;
  }

  tagsOf(t: Task): Label[] {
    return this.tags().filter((tag) => t.tagIds.includes(tag.id));
  }

  /** The assignees by display name ("You" for the signed-in user), or in full ("Display Name @username"). */
  assigneeNames(t: Task, full = false): string {
    const me = this.session.user()?.id;
    return t.assigneeIds.map((id) => (full ? this.people.full(id, me) : this.people.label(id, me))).join(', ');
  }
}
