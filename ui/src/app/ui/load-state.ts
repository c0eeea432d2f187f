import { Component, input, output } from '@angular/core';
import { ApiError } from '../core/errors';

/**
 * The three states of anything loaded: loading (skeleton rows, aria-busy),
 * failed (the message and a Retry button), and empty (the projected
 * content, or `empty` text). Render the content itself when none applies:
 *
 *   <tr-load-state [loading]="loading()" [error]="error()" [empty]="items().length === 0" (retry)="load()">
 *     No tasks yet. <button …>Add one</button>
 *   </tr-load-state>
 */
@Component({
  selector: 'tr-load-state',
  template: `
    @if (error(); as e) {
      <div class="alert error" role="alert" data-testid="load-error">
        <span>{{ e.message }}</span>
        <button type="button" class="btn small" (click)="retry.emit()" style="margin-left: .5rem">Retry</button>
      </div>
    } @else if (loading() && empty()) {
      <div aria-busy="true" data-testid="loading">
        <span class="sr-only">Loading…</span>
        @for (r of rowsArray(); track $index) { <div class="skeleton"></div> }
      </div>
    } @else if (empty()) {
      <div class="empty card muted" data-testid="empty"><ng-content /></div>
    }
  `,
})
export class LoadState {
  readonly loading = input(false);
  readonly error = input<ApiError | null>(null);
  readonly empty = input(false);
  readonly rows = input(3);
  readonly retry = output<void>();

  protected rowsArray(): number[] {
    return Array.from({ length: this.rows() });
  }
}
