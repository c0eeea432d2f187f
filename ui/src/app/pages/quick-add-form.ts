import { Component, ElementRef, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Observable, forkJoin, map, of, switchMap } from 'rxjs';
import { Api } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { Label, Member, PRIORITIES, Priority, Project, STATUSES, STATUS_LABEL, PRIORITY_LABEL, Task, TaskStatus } from '../core/models';
import { QuickAdd, parseQuickAdd } from '../core/quick-add';
import { SessionStore } from '../core/session';
import { formatInstant, wallToInstant } from '../core/time';

/**
 * Quick add: one line with magic (`Fix login !high #bug @ada tomorrow 17:00`),
 * a live preview of what was understood, and "More" for status, priority,
 * due date and description. After a task is added every field returns to
 * its default; after an error everything typed stays.
 */
@Component({
  selector: 'tr-quick-add',
  imports: [FormsModule],
  template: `
    <form class="card quick-add" (ngSubmit)="submit()" novalidate data-testid="task-form" aria-label="Add a task">
      <div class="quick-row">
        <div class="grow">
          <input #title name="title" [ngModel]="text()" (ngModelChange)="text.set($event); titleError.set(null)" maxlength="400"
            placeholder="Add a task: Fix login !high #bug @ada tomorrow 17:00" aria-label="New task" aria-describedby="quick-preview quick-title-error"
            [attr.aria-invalid]="!!titleError() || parsed().problems.length > 0" autocomplete="off" data-testid="task-title" />
          <div class="preview" id="quick-preview" aria-live="polite" data-testid="quick-preview">
            @if (text().trim()) {
              @let p = parsed();
              @if (p.priority) { <span class="chip" data-testid="preview-priority">Priority: {{ priorityLabel[p.priority] }}</span> }
              @for (t of p.tags; track t.name) { <span class="chip" data-testid="preview-tag">#{{ t.name }}{{ t.id ? '' : ' (new tag)' }}</span> }
              @for (a of p.assignees; track a.userId) { <span class="chip" data-testid="preview-assignee">Assignee: {{ a.label }}</span> }
              @if (p.due) { <span class="chip" data-testid="preview-due">Due {{ dueLabel(p.due) }}</span> }
              @for (m of p.problems; track m) { <span class="chip bad" data-testid="preview-problem">{{ m }}</span> }
            }
          </div>
          @if (titleError(); as m) { <small class="field-error" id="quick-title-error" data-testid="field-error">{{ m }}</small> }
        </div>
        <button type="button" class="btn" (click)="more.set(!more())" [attr.aria-expanded]="more()" aria-controls="quick-more" data-testid="quick-more">More</button>
        <button class="btn primary" type="submit" [disabled]="busy()" data-testid="task-create">{{ busy() ? 'Adding…' : 'Add task' }}</button>
      </div>
      <div class="quick-more" id="quick-more" [hidden]="!more()">
        <label class="field">
          <span>Status</span>
          <select name="status" [(ngModel)]="status" data-testid="task-status">
            @for (s of statuses; track s) { <option [value]="s">{{ statusLabel[s] }}</option> }
          </select>
        </label>
        <label class="field">
          <span>Priority</span>
          <select name="priority" [(ngModel)]="priority" data-testid="task-priority">
            @for (p of priorities; track p) { <option [value]="p">{{ priorityLabel[p] }}</option> }
          </select>
        </label>
        <label class="field">
          <span>Due ({{ session.timezone() }})</span>
          <input name="due" type="datetime-local" [(ngModel)]="due" data-testid="task-due" />
        </label>
        <label class="field grow">
          <span>Description</span>
          <textarea name="description" [(ngModel)]="description" rows="2" maxlength="20000" data-testid="task-description"></textarea>
        </label>
      </div>
      @if (error(); as e) { <p class="alert error" role="alert" data-testid="form-error">{{ e.message }}</p> }
      <p class="sr-only" role="status">{{ added() }}</p>
    </form>
  `,
})
export class QuickAddForm {
  private readonly api = inject(Api);
  protected readonly session = inject(SessionStore);
  readonly project = input.required<Project>();
  readonly members = input<Member[]>([]);
  readonly tags = input<Label[]>([]);
  readonly created = output<Task>();
  /** Tags were created on the way (the project's tag list is stale). */
  readonly tagsCreated = output<void>();
  private readonly titleInput = viewChild.required<ElementRef<HTMLInputElement>>('title');

  protected readonly statuses = STATUSES;
  protected readonly priorities = PRIORITIES;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly priorityLabel = PRIORITY_LABEL;
  protected readonly text = signal('');
  protected readonly more = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly titleError = signal<string | null>(null);
  protected readonly added = signal('');
  protected readonly parsed = computed<QuickAdd>(() =>
    parseQuickAdd(this.text(), {
      now: new Date(),
      timeZone: this.session.timezone(),
      tags: this.tags(),
      members: this.members(),
      meId: this.session.user()?.id,
    }),
  );

  status: TaskStatus = 'todo';
  priority: Priority = 'none';
  due = '';
  description = '';

  focus(): void {
    this.titleInput().nativeElement.focus();
  }

  dueLabel(wall: string): string {
    const tz = this.session.timezone();
    return formatInstant(wallToInstant(wall, tz), tz, this.session.locale());
  }

  submit(): void {
    if (this.busy()) return;
    const p = parseQuickAdd(this.text(), {
      now: new Date(),
      timeZone: this.session.timezone(),
      tags: this.tags(),
      members: this.members(),
      meId: this.session.user()?.id,
    });
    this.error.set(null);
    if (p.problems.length) {
      this.titleError.set(p.problems.join(' '));
      this.focus();
      return;
    }
    if (!p.title.trim()) {
      this.titleError.set(this.text().trim() ? 'Add a title besides the magic words.' : 'Enter a title for the task.');
      this.focus();
      return;
    }
    if (p.title.length > 200) {
      this.titleError.set(`At most 200 characters (now ${p.title.length}).`);
      return;
    }
    const tz = this.session.timezone();
    let dueAt: string | undefined;
    try {
      const wall = p.due ?? (this.due || undefined);
      dueAt = wall ? wallToInstant(wall, tz) : undefined;
    } catch {
      this.error.set({ status: 0, code: 'invalid', message: 'The due date is not valid.', fields: {}, details: {} });
      return;
    }
    this.busy.set(true);
    this.titleError.set(null);
    this.tagIds(p)
      .pipe(
        switchMap((tagIds) =>
          this.api.createTask(this.project().id, {
            title: p.title,
            description: this.description.trim() || undefined,
            status: this.status,
            priority: p.priority ?? this.priority,
            dueAt,
            timezone: dueAt ? tz : undefined,
            assigneeIds: p.assignees.length ? p.assignees.map((a) => a.userId) : undefined,
            tagIds: tagIds.length ? tagIds : undefined,
          }),
        ),
      )
      .subscribe({
        next: (task) => {
          this.busy.set(false);
          this.reset();
          this.added.set(`Added “${task.title}”.`);
          this.created.emit(task);
          this.focus();
        },
        error: (err: unknown) => {
          this.busy.set(false);
          const e = toApiError(err);
          this.error.set(e);
          if (e.fields['title']) this.titleError.set(`Title: ${e.fields['title']}`);
        },
      });
  }

  /** The ids of the line's tags, creating those the project does not have yet. */
  private tagIds(p: QuickAdd): Observable<string[]> {
    const missing = p.tags.filter((t) => !t.id);
    if (!missing.length) return of(p.tags.map((t) => t.id as string));
    return forkJoin(missing.map((t) => this.api.createLabel(this.project().id, 'tags', { name: t.name, color: '#0ea5e9' }))).pipe(
      map((made) => {
        this.tagsCreated.emit();
        return p.tags.map((t) => t.id ?? (made.find((m) => m.name.toLowerCase() === t.name.toLowerCase()) as Label).id);
      }),
    );
  }

  /** Every field back to its default, so one task's choices never leak into the next. */
  private reset(): void {
    this.text.set('');
    this.status = 'todo';
    this.priority = 'none';
    this.due = '';
    this.description = '';
    this.error.set(null);
    this.titleError.set(null);
  }
}
