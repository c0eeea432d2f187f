import { Component, input, output } from '@angular/core';
import { STATUSES, STATUS_LABEL, StatusCounts, TaskStatus } from '../core/models';

/** The count of tasks per status, each a toggle that filters the list to it ("All" clears the filter). */
@Component({
  selector: 'tr-status-counts',
  template: `
    <div class="counts" role="group" aria-label="Tasks by status" [attr.data-testid]="testId() + 'status-counts'">
      <button type="button" class="count-chip" [attr.aria-pressed]="active() === ''" (click)="picked.emit('')">
        All <strong>{{ total() }}</strong>
      </button>
      @for (s of statuses; track s) {
        <button type="button" [class]="'count-chip st-' + s" [attr.aria-pressed]="active() === s" (click)="picked.emit(s)" [attr.data-testid]="testId() + 'count-' + s">
          {{ statusLabel[s] }} <strong>{{ counts()[s] }}</strong>
        </button>
      }
    </div>
  `,
})
export class StatusCountChips {
  readonly counts = input.required<StatusCounts>();
  readonly total = input.required<number>();
  /** The status the list is filtered to, '' for none. */
  readonly active = input<TaskStatus | ''>('');
  /** Prefix of the chips' test ids. */
  readonly testId = input('');
  readonly picked = output<TaskStatus | ''>();

  protected readonly statuses = STATUSES;
  protected readonly statusLabel = STATUS_LABEL;
}
