import { Component, inject, input, output, signal } from '@angular/core';
import { Observable } from 'rxjs';
import { Api, TaskInput } from '../core/api';
import { BulkItem, bulkSummary, runBulk } from '../core/bulk';
import { Label, Member, PRIORITIES, STATUSES, STATUS_LABEL, PRIORITY_LABEL, Task } from '../core/models';
import { memberName } from '../core/people';
import { Toasts } from '../core/toasts';

/**
 * Actions on the selected tasks: status, priority, assignee, tags, delete.
 * Each is one request per task with the existing API (PATCH or DELETE with
 * If-Match), several in parallel; partial failures are reported by task.
 */
@Component({
  selector: 'tr-bulk-bar',
  template: `
    <div class="bulk-bar" role="region" aria-label="Bulk actions" data-testid="bulk-bar">
      <strong>{{ tasks().length }} selected</strong>
      <select #st (change)="patch('Status', { status: $any(st.value) }); st.value = ''" [disabled]="busy()" aria-label="Set the status of the selected tasks" data-testid="bulk-status">
        <option value="">Status…</option>
        @for (s of statuses; track s) { <option [value]="s">{{ statusLabel[s] }}</option> }
      </select>
      <select #pr (change)="patch('Priority', { priority: $any(pr.value) }); pr.value = ''" [disabled]="busy()" aria-label="Set the priority of the selected tasks" data-testid="bulk-priority">
        <option value="">Priority…</option>
        @for (p of priorities; track p) { <option [value]="p">{{ priorityLabel[p] }}</option> }
      </select>
      <select #asg (change)="assign(asg.value); asg.value = ''" [disabled]="busy()" aria-label="Assign the selected tasks" data-testid="bulk-assignee">
        <option value="">Assignee…</option>
        <option value="-">Nobody (unassign all)</option>
        @for (m of members(); track m.userId) { <option [value]="m.userId">{{ name(m) }}</option> }
      </select>
      @if (tags().length) {
        <select #tg (change)="tag(tg.value); tg.value = ''" [disabled]="busy()" aria-label="Add or remove a tag on the selected tasks" data-testid="bulk-tag">
          <option value="">Tags…</option>
          <optgroup label="Add">
            @for (t of tags(); track t.id) { <option [value]="'+' + t.id">Add #{{ t.name }}</option> }
          </optgroup>
          <optgroup label="Remove">
            @for (t of tags(); track t.id) { <option [value]="'-' + t.id">Remove #{{ t.name }}</option> }
          </optgroup>
        </select>
      }
      <button type="button" class="btn small danger" (click)="remove()" [disabled]="busy()" data-testid="bulk-delete">Delete</button>
      <button type="button" class="btn small ghost" (click)="clear.emit()" [disabled]="busy()" data-testid="bulk-clear">Clear selection</button>
      @if (busy()) { <span class="small muted" role="status">Working…</span> }
    </div>
  `,
})
export class BulkBar {
  private readonly api = inject(Api);
  private readonly toasts = inject(Toasts);
  readonly tasks = input.required<Task[]>();
  readonly members = input<Member[]>([]);
  readonly tags = input<Label[]>([]);
  /** Every task was handled (some may have failed): the list reloads. */
  readonly done = output<BulkItem[]>();
  readonly clear = output<void>();

  protected readonly statuses = STATUSES;
  protected readonly priorities = PRIORITIES;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly priorityLabel = PRIORITY_LABEL;
  protected readonly busy = signal(false);

  name(m: Member): string {
    return memberName(m);
  }

  patch(what: string, body: TaskInput): void {
    this.run(what, (t) => this.api.updateTask(t.id, t.version, body));
  }

  assign(userId: string): void {
    if (!userId) return;
    if (userId === '-') this.run('Unassign', (t) => this.api.updateTask(t.id, t.version, { assigneeIds: [] }));
    else this.run('Assign', (t) => this.api.updateTask(t.id, t.version, { assigneeIds: [...new Set([...t.assigneeIds, userId])] }));
  }

  tag(v: string): void {
    if (!v) return;
    const id = v.slice(1);
    const add = v[0] === '+';
    this.run(add ? 'Add tag' : 'Remove tag', (t) =>
      this.api.updateTask(t.id, t.version, { tagIds: add ? [...new Set([...t.tagIds, id])] : t.tagIds.filter((x) => x !== id) }),
    );
  }

  remove(): void {
    const n = this.tasks().length;
    if (!confirm(`Delete ${n} task${n === 1 ? '' : 's'} and their subtasks?`)) return;
    this.run('Delete', (t) => this.api.deleteTask(t.id, t.version), true);
  }

  private run(what: string, op: (t: Task) => Observable<unknown>, deleting = false): void {
    const tasks = this.tasks();
    if (!tasks.length) return;
    this.busy.set(true);
    runBulk(tasks, op, deleting).subscribe((items) => {
      this.busy.set(false);
      const s = bulkSummary(what, items);
      this.toasts.show(s.text, s.kind);
      this.done.emit(items);
    });
  }
}
