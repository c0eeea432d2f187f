import { computed, signal } from '@angular/core';
import { Observable } from 'rxjs';
import { ApiError, toApiError } from './errors';
import { StatusCounts, Task, TaskList } from './models';

/**
 * What a task list screen has loaded: the rows of the pages read so far,
 * the counts per status, the cursor of the next page, and whether a read is
 * under way or failed. A reload supersedes any answer still on its way, so
 * a slow answer to an old filter never replaces a newer one; "load more"
 * appends the next page without repeating rows.
 */
export class TaskListState {
  readonly tasks = signal<Task[]>([]);
  readonly counts = signal<StatusCounts>({ todo: 0, in_progress: 0, done: 0 });
  readonly total = computed(() => this.counts().todo + this.counts().in_progress + this.counts().done);
  readonly nextCursor = signal<string | undefined>(undefined);
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);

  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** read fetches one page: the first when cursor is undefined. It may throw for a filter it cannot send. */
  constructor(private readonly read: (cursor?: string) => Observable<TaskList>) {}

  /** Reloads after a pause, for filters typed a key at a time. */
  queueReload(delayMs = 250): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reload(), delayMs);
  }

  reload(): void {
    clearTimeout(this.timer);
    const seq = ++this.seq;
    this.fetch(undefined, (page) => {
      if (seq !== this.seq) return false;
      this.tasks.set(page.items);
      if (page.counts) this.counts.set(page.counts);
      return true;
    }, () => seq === this.seq);
  }

  loadMore(): void {
    const seq = this.seq;
    this.fetch(this.nextCursor(), (page) => {
      if (seq !== this.seq) return false;
      const seen = new Set(this.tasks().map((t) => t.id));
      this.tasks.set([...this.tasks(), ...page.items.filter((t) => !seen.has(t.id))]);
      return true;
    }, () => seq === this.seq);
  }

  /** Shows a task as saved, in place, until the next reload. */
  replace(task: Task): void {
    this.tasks.update((l) => l.map((t) => (t.id === task.id ? task : t)));
  }

  /** Drops tasks from the rows shown, until the next reload. */
  remove(ids: ReadonlySet<string>): void {
    this.tasks.update((l) => l.filter((t) => !ids.has(t.id)));
  }

  /** Stops a queued reload; for the owner's ngOnDestroy. */
  dispose(): void {
    clearTimeout(this.timer);
  }

  private fetch(cursor: string | undefined, take: (page: TaskList) => boolean, current: () => boolean): void {
    this.loading.set(true);
    let page$: Observable<TaskList>;
    try {
      page$ = this.read(cursor);
    } catch (err) {
      this.loading.set(false);
      this.error.set(toApiError(err));
      return;
    }
    page$.subscribe({
      next: (page) => {
        if (!take(page)) return;
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
        this.error.set(null);
      },
      error: (err: unknown) => {
        if (!current()) return;
        this.loading.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
