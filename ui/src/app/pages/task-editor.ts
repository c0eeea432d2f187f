import { Component, OnInit, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Api, TaskInput } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { Label, Member, PRIORITIES, Priority, Project, STATUSES, STATUS_LABEL, Task, TaskStatus } from '../core/models';
import { memberName } from '../core/people';
import { SessionStore } from '../core/session';
import { formatInstant, instantToWall, wallToInstant } from '../core/time';

@Component({
  selector: 'tr-task-editor',
  imports: [FormsModule],
  template: `
    <div class="backdrop" (click)="closed.emit()"></div>
    <section class="dialog card" role="dialog" aria-modal="true" aria-labelledby="task-editor-title" data-testid="task-editor">
      <div class="row between">
        <h2 id="task-editor-title">Edit task</h2>
        <button type="button" class="btn ghost small" (click)="closed.emit()" aria-label="Close">✕</button>
      </div>
      <p class="small muted">Version {{ current().version }} · updated {{ fmt(current().updatedAt) }}</p>
      @if (notice(); as n) { <p class="alert warn" role="status" data-testid="editor-notice">{{ n }}</p> }
      <form class="form-grid" (ngSubmit)="save()" #f="ngForm">
        <label class="field wide">
          <span>Title</span>
          <input name="title" [(ngModel)]="title" required maxlength="200" data-testid="edit-title" />
          @if (error()?.fields?.['title']; as m) { <small class="field-error">{{ m }}</small> }
        </label>
        <label class="field wide">
          <span>Description</span>
          <textarea name="description" [(ngModel)]="description" rows="4" maxlength="20000" data-testid="edit-description"></textarea>
          @if (error()?.fields?.['description']; as m) { <small class="field-error">{{ m }}</small> }
        </label>
        <label class="field">
          <span>Status</span>
          <select name="status" [(ngModel)]="status" data-testid="edit-status">
            @for (s of statuses; track s) { <option [value]="s">{{ statusLabel[s] }}</option> }
          </select>
        </label>
        <label class="field">
          <span>Priority</span>
          <select name="priority" [(ngModel)]="priority" data-testid="edit-priority">
            @for (p of priorities; track p) { <option [value]="p">{{ p }}</option> }
          </select>
        </label>
        <label class="field">
          <span>Due ({{ session.timezone() }})</span>
          <input name="due" type="datetime-local" [(ngModel)]="due" data-testid="edit-due" />
          @if (error()?.fields?.['dueAt']; as m) { <small class="field-error">{{ m }}</small> }
        </label>
        <label class="field">
          <span>Category</span>
          <select name="category" [(ngModel)]="categoryId" data-testid="edit-category">
            <option value="">None</option>
            @for (c of categories(); track c.id) { <option [value]="c.id">{{ c.name }}</option> }
          </select>
        </label>
        <fieldset class="field wide">
          <legend>Assignees</legend>
          <div class="check-list">
            @for (m of members(); track m.userId) {
              <label class="check"><input type="checkbox" [checked]="assignees.has(m.userId)" (change)="toggle(assignees, m.userId)" data-testid="assignee-option" /> {{ name(m) }}</label>
            } @empty { <span class="muted small">No members loaded.</span> }
          </div>
        </fieldset>
        <fieldset class="field wide">
          <legend>Tags</legend>
          <div class="check-list">
            @for (t of tags(); track t.id) {
              <label class="check"><input type="checkbox" [checked]="tagIds.has(t.id)" (change)="toggle(tagIds, t.id)" /> <span class="swatch" [style.background]="t.color"></span>{{ t.name }}</label>
            } @empty { <span class="muted small">No tags yet — add some under “Categories &amp; tags”.</span> }
          </div>
        </fieldset>
        @if (error(); as e) { <p class="alert error wide" role="alert" data-testid="form-error">{{ e.message }}</p> }
        <div class="wide row between">
          <button type="button" class="btn" (click)="closed.emit()">Cancel</button>
          <button type="submit" class="btn primary" [disabled]="busy() || !f.valid || project().archived" data-testid="edit-save">Save</button>
        </div>
      </form>
    </section>
  `,
})
export class TaskEditor implements OnInit {
  private readonly api = inject(Api);
  protected readonly session = inject(SessionStore);

  readonly task = input.required<Task>();
  readonly project = input.required<Project>();
  readonly members = input<Member[]>([]);
  readonly categories = input<Label[]>([]);
  readonly tags = input<Label[]>([]);
  readonly closed = output<void>();
  readonly saved = output<Task>();

  protected readonly statuses = STATUSES;
  protected readonly priorities = PRIORITIES;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly current = signal<Task>({} as Task);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly notice = signal<string | null>(null);

  title = '';
  description = '';
  status: TaskStatus = 'todo';
  priority: Priority = 'none';
  due = '';
  categoryId = '';
  assignees = new Set<string>();
  tagIds = new Set<string>();

  ngOnInit(): void {
    this.fill(this.task());
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
    if (set.has(id)) set.delete(id);
    else set.add(id);
  }

  /** "Display Name @username" of a member, marked "(you)" for the signed-in user. */
  name(m: Member): string {
    const name = memberName(m);
    return m.userId === this.session.user()?.id ? `${name} (you)` : name;
  }

  fmt(instant: string): string {
    return formatInstant(instant, this.session.timezone(), this.session.locale());
  }

  save(): void {
    const t = this.current();
    const tz = this.session.timezone();
    const body: TaskInput = {};
    if (this.title.trim() !== t.title) body.title = this.title.trim();
    if (this.description !== t.description) body.description = this.description;
    if (this.status !== t.status) body.status = this.status;
    if (this.priority !== t.priority) body.priority = this.priority;
    if (this.due !== instantToWall(t.dueAt, tz)) {
      try {
        body.dueAt = this.due ? wallToInstant(this.due, tz) : null;
      } catch {
        this.error.set({ status: 0, code: 'invalid', message: 'The due date is not valid.', fields: { dueAt: 'Not valid.' }, details: {} });
        return;
      }
      body.timezone = this.due ? tz : null;
    }
    if ((this.categoryId || null) !== t.categoryId) body.categoryId = this.categoryId || null;
    const sameSet = (a: Set<string>, b: string[]) => a.size === b.length && b.every((x) => a.has(x));
    if (!sameSet(this.assignees, t.assigneeIds)) body.assigneeIds = [...this.assignees];
    if (!sameSet(this.tagIds, t.tagIds)) body.tagIds = [...this.tagIds];
    if (Object.keys(body).length === 0) {
      this.closed.emit();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    this.api.updateTask(t.id, t.version, body).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.saved.emit(updated);
        this.closed.emit();
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
            this.saved.emit(fresh);
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
}
