import { Component, inject } from '@angular/core';
import { Toasts } from '../core/toasts';

/** The toasts of core/toasts.ts: a polite live region (errors are assertive). */
@Component({
  selector: 'tr-toasts',
  template: `
    <div class="toasts" aria-live="polite" data-testid="toasts">
      @for (t of toasts.items(); track t.id) {
        <div class="toast" [class]="'toast ' + t.kind" [attr.role]="t.kind === 'error' ? 'alert' : 'status'" data-testid="toast">
          <p>{{ t.text }}</p>
          <button type="button" class="btn ghost small icon" (click)="toasts.close(t.id)" aria-label="Dismiss">✕</button>
        </div>
      }
    </div>
  `,
})
export class ToastsView {
  protected readonly toasts = inject(Toasts);
}
