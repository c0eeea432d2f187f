import { Component, inject, input, output, signal } from '@angular/core';
import { Api } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { STATUSES, STATUS_LABEL, Task, TaskStatus } from '../core/models';

/** What became of an inline status change. */
export interface StatusChange {
  /** The task as the list showed it. */
  task: Task;
  /** The task as saved, when the change went through. */
  saved?: Task;
  /** Why the change was refused. */
  error?: ApiError;
  /** What to tell the user when the task had changed elsewhere (412). */
  notice?: string;
}

/**
 * A task's status as a select in a task row: a change is saved at once with
 * `If-Match` on the version the row shows. The outcome is emitted so the
 * list can reload; a refused change puts the select back on the status the
 * task still has.
 */
@Component({
  selector: 'tr-task-status-select',
  template: `
    <select #sel [class]="'status-select st-' + task().status" (change)="change(sel)" [disabled]="disabled() || busy()" [attr.aria-label]="'Status of “' + task().title + '”'" data-testid="row-status">
      @for (s of statuses; track s) { <option [value]="s" [selected]="s === task().status">{{ statusLabel[s] }}</option> }
    </select>
  `,
})
export class TaskStatusSelect {
  private readonly api = inject(Api);

  readonly task = input.required<Task>();
  readonly disabled = input(false);
  readonly changed = output<StatusChange>();

  protected readonly statuses = STATUSES;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly busy = signal(false);

  change(sel: HTMLSelectElement): void {
    const t = this.task();
    const status = sel.value as TaskStatus;
    if (status === t.status) return;
    this.busy.set(true);
    this.api.updateTask(t.id, t.version, { status }).subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.changed.emit({ task: t, saved });
      },
      error: (err: unknown) => {
        this.busy.set(false);
        sel.value = this.task().status;
        const error = toApiError(err);
        const notice = error.status === 412 ? `“${t.title}” was changed elsewhere; the list has been reloaded. Try again.` : undefined;
        this.changed.emit({ task: t, error, notice });
      },
    });
  }
}

/** Due, not done, and past due now. */
export function isOverdue(t: Task): boolean {
  return !!t.dueAt && t.status !== 'done' && Date.parse(t.dueAt) < Date.now();
}
