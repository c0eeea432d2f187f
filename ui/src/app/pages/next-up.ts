import { Component, OnInit, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { NextUpItem, PRIORITY_LABEL, Project, STATUS_LABEL } from '../core/models';
import { SessionStore } from '../core/session';
import { formatInstant } from '../core/time';
import { LoadState } from '../ui/load-state';

/**
 * Next up: the open tasks assigned to the signed-in user in all their
 * projects, most urgent first by effective priority (the projects'
 * priority rules applied), then due date, then manual order. The landing
 * page after sign-in.
 */
@Component({
  selector: 'tr-next-up',
  imports: [LoadState, RouterLink],
  template: `
    <div class="page-head">
      <h1>Next up</h1>
      <button type="button" class="btn" (click)="reload()" [disabled]="loading()" data-testid="next-up-refresh">Refresh</button>
    </div>
    <p class="muted small">Your open tasks in every project, most urgent first: the priority each project's rules give them, then due date.</p>
    <tr-load-state [loading]="loading()" [error]="error()" [empty]="items().length === 0" (retry)="reload()">
      <span data-testid="next-up-empty">Nothing assigned to you is open. Enjoy the calm.</span>
    </tr-load-state>
    @if (items().length) {
      <ol class="card next-up" data-testid="next-up-list" aria-label="Next up">
        @for (t of items(); track t.taskId) {
          <li class="next-up-item" data-testid="next-up-item" [attr.data-task-id]="t.taskId">
            <span class="prio" [class]="'prio p-' + t.effective" data-testid="next-up-priority">{{ priorityLabel[t.effective] }}</span>
            <span class="grow">
              <a [routerLink]="['/tasks', t.taskId]" data-testid="next-up-title">{{ t.title }}</a>
              <span class="muted small">
                {{ projects()[t.projectId]?.name ?? '' }} · {{ statusLabel[t.status] }}@if (t.dueAt) { · due {{ fmt(t.dueAt) }} }
              </span>
              @if (t.reason) { <span class="small reason" data-testid="next-up-reason">{{ reasonText(t) }}</span> }
            </span>
          </li>
        }
      </ol>
    }
  `,
  styles: `
    .next-up { list-style: none; padding: 0; margin: 0; }
    .next-up-item { display: flex; gap: .75rem; align-items: baseline; padding: .6rem .9rem; border-bottom: 1px solid var(--line); }
    .next-up-item:last-child { border-bottom: 0; }
    .next-up-item .grow { display: flex; flex-direction: column; gap: .15rem; }
    .reason { color: var(--muted); font-style: italic; }
  `,
})
export class NextUpPage implements OnInit {
  private readonly api = inject(Api);
  private readonly session = inject(SessionStore);
  protected readonly priorityLabel = PRIORITY_LABEL;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly items = signal<NextUpItem[]>([]);
  protected readonly projects = signal<Record<string, Project>>({});
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiError | null>(null);

  ngOnInit(): void {
    this.reload();
    this.api.projects('all').subscribe({
      next: (page) => this.projects.set(Object.fromEntries(page.items.map((p) => [p.id, p]))),
      error: () => undefined, // names only
    });
  }

  reload(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.nextUp(undefined, 20).subscribe({
      next: (r) => {
        this.items.set(r.items);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.error.set(toApiError(err));
        this.loading.set(false);
      },
    });
  }

  protected fmt(at: string): string {
    return formatInstant(at, this.session.timezone());
  }

  /** "Urgent, raised by rule: due within 24 h (set: Low)". */
  protected reasonText(t: NextUpItem): string {
    return `${t.reason} (set: ${this.priorityLabel[t.explicit]})`;
  }
}
