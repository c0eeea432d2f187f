import { Component, OnDestroy, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Api, TaskQuery } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { Label, Member, PRIORITIES, Priority, Project, STATUSES, STATUS_LABEL, StatusCounts, Task, TaskStatus } from '../core/models';
import { People } from '../core/people';
import { SessionStore } from '../core/session';
import { formatInstant, wallToInstant } from '../core/time';
import { TaskEditor } from './task-editor';

@Component({
  selector: 'tr-tasks-panel',
  imports: [FormsModule, TaskEditor],
  template: `
    <div class="counts" data-testid="status-counts">
      <button type="button" class="count-chip" [class.active]="status === ''" (click)="setStatus('')">
        All <strong>{{ total() }}</strong>
      </button>
      @for (s of statuses; track s) {
        <button type="button" class="count-chip" [class]="'count-chip st-' + s" [class.active]="status === s" (click)="setStatus(s)" [attr.data-testid]="'count-' + s">
          {{ statusLabel[s] }} <strong>{{ counts()[s] }}</strong>
        </button>
      }
    </div>

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
                <select class="status-select" [class]="'status-select st-' + t.status" [ngModel]="t.status" (ngModelChange)="changeStatus(t, $event)" [disabled]="project().archived" aria-label="Status" data-testid="row-status">
                  @for (s of statuses; track s) { <option [value]="s">{{ statusLabel[s] }}</option> }
                </select>
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
export class TasksPanel implements OnDestroy {
  private readonly api = inject(Api);
  protected readonly session = inject(SessionStore);
  private readonly people = inject(People);

  readonly project = input.required<Project>();
  readonly members = input<Member[]>([]);
  readonly categories = input<Label[]>([]);
  readonly tags = input<Label[]>([]);

  protected readonly statuses = STATUSES;
  protected readonly priorities = PRIORITIES;
  protected readonly statusLabel = STATUS_LABEL;

  protected readonly tasks = signal<Task[]>([]);
  protected readonly counts = signal<StatusCounts>({ todo: 0, in_progress: 0, done: 0 });
  protected readonly total = computed(() => this.counts().todo + this.counts().in_progress + this.counts().done);
  protected readonly nextCursor = signal<string | undefined>(undefined);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly creating = signal(false);
  protected readonly createError = signal<ApiError | null>(null);
  protected readonly editing = signal<Task | null>(null);

  // Filters
  q = '';
  status: TaskStatus | '' = '';
  priority: Priority | '' = '';
  mine = false;
  overdue = false;
  sort = 'priority';
  order: '' | 'asc' | 'desc' = '';

  // New task
  newTitle = '';
  newDescription = '';
  newStatus: TaskStatus = 'todo';
  newPriority: Priority = 'none';
  newDue = '';

  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor() {
    effect(() => {
      this.project().id;
      untracked(() => this.reload());
    });
  }

  ngOnDestroy(): void {
    clearTimeout(this.timer);
  }

  private query(cursor?: string): TaskQuery {
    return {
      q: this.q,
      status: this.status,
      priority: this.priority,
      assignee: this.mine ? 'me' : undefined,
      overdue: this.overdue,
      sort: this.sort,
      order: this.order || undefined,
      cursor,
      counts: !cursor,
    };
  }

  queueReload(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reload(), 250);
  }

  setStatus(s: TaskStatus | ''): void {
    this.status = s;
    this.reload();
  }

  flipOrder(): void {
    this.order = this.order === '' ? 'asc' : this.order === 'asc' ? 'desc' : '';
    this.reload();
  }

  reload(): void {
    clearTimeout(this.timer);
    const seq = ++this.seq;
    this.loading.set(true);
    this.api.tasks(this.project().id, this.query()).subscribe({
      next: (page) => {
        if (seq !== this.seq) return;
        this.tasks.set(page.items);
        this.nextCursor.set(page.nextCursor);
        if (page.counts) this.counts.set(page.counts);
        this.loading.set(false);
        this.error.set(null);
      },
      error: (err: unknown) => {
        if (seq !== this.seq) return;
        this.loading.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  loadMore(): void {
    const seq = this.seq;
    this.loading.set(true);
    this.api.tasks(this.project().id, this.query(this.nextCursor())).subscribe({
      next: (page) => {
        if (seq !== this.seq) return;
        const seen = new Set(this.tasks().map((t) => t.id));
        this.tasks.set([...this.tasks(), ...page.items.filter((t) => !seen.has(t.id))]);
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err));
      },
    });
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

  changeStatus(t: Task, status: TaskStatus): void {
    if (status === t.status) return;
    this.notice.set(null);
    this.api.updateTask(t.id, t.version, { status }).subscribe({
      next: () => this.reload(),
      error: (err: unknown) => {
        const e = toApiError(err);
        if (e.status === 412) this.notice.set(`“${t.title}” was changed elsewhere; the list has been reloaded. Try again.`);
        else this.error.set(e);
        this.reload();
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
    return !!t.dueAt && t.status !== 'done' && Date.parse(t.dueAt) < Date.now();
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
