import { Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { describeActivity } from '../core/activity';
import { ActivityEntry, CollabApi } from '../core/collab';
import { ApiError, toApiError } from '../core/errors';
import { People } from '../core/people';
import { SessionStore } from '../core/session';
import { formatInstant } from '../core/time';
import { LoadState } from '../ui/load-state';

/**
 * The activity log of a project or of one task (audit service), newest
 * first, a page at a time ("Show older"). Actors are named from the
 * member lists this browser has seen.
 */
@Component({
  selector: 'tr-activity-list',
  imports: [LoadState],
  template: `
    <tr-load-state [loading]="loading()" [error]="error()" [empty]="entries().length === 0" (retry)="reload()">Nothing has happened here yet.</tr-load-state>
    @if (entries().length) {
      <ol class="activity" [attr.aria-label]="label()" [attr.aria-busy]="loading()" [attr.data-testid]="testId()">
        @for (e of entries(); track e.id) {
          <li class="activity-item" data-testid="activity-item">
            <span>{{ describe(e) }}</span>
            <time class="muted small" [attr.datetime]="e.at">{{ fmt(e.at) }}</time>
          </li>
        }
      </ol>
      @if (nextCursor()) {
        <button type="button" class="btn small" (click)="more()" [disabled]="loading()" data-testid="activity-more">{{ loading() ? 'Loading…' : 'Show older' }}</button>
      }
    }
  `,
})
export class ActivityList {
  private readonly collab = inject(CollabApi);
  private readonly people = inject(People);
  private readonly session = inject(SessionStore);

  readonly projectId = input<string>();
  readonly taskId = input<string>();
  readonly label = input('Activity, newest first');
  readonly testId = input('activity');

  protected readonly entries = signal<ActivityEntry[]>([]);
  protected readonly nextCursor = signal<string | undefined>(undefined);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  private readonly source = computed(() => ({ projectId: this.projectId(), taskId: this.taskId() }));
  private seq = 0;

  constructor() {
    effect(() => {
      this.source();
      untracked(() => this.reload());
    });
  }

  reload(): void {
    this.entries.set([]);
    this.nextCursor.set(undefined);
    this.page();
  }

  more(): void {
    this.page(this.nextCursor());
  }

  private page(cursor?: string): void {
    const { projectId, taskId } = this.source();
    const req = taskId ? this.collab.taskActivity(taskId, cursor) : projectId ? this.collab.projectActivity(projectId, cursor) : null;
    if (!req) return;
    const seq = ++this.seq;
    this.loading.set(true);
    this.error.set(null);
    req.subscribe({
      next: (p) => {
        if (seq !== this.seq) return;
        this.loading.set(false);
        const seen = new Set(this.entries().map((e) => e.id));
        this.entries.update((l) => [...l, ...p.items.filter((e) => !seen.has(e.id))]);
        this.nextCursor.set(p.nextCursor ?? undefined);
      },
      error: (err: unknown) => {
        if (seq !== this.seq) return;
        this.loading.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  describe(e: ActivityEntry): string {
    const me = this.session.user()?.id;
    return describeActivity(e, (id) => this.people.label(id, me));
  }

  fmt(at: string): string {
    return formatInstant(at, this.session.timezone(), this.session.locale());
  }
}
