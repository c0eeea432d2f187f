import { DestroyRef, Directive, OnDestroy, computed, effect, inject, linkedSignal, signal, untracked, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { Observable } from 'rxjs';
import { PRIORITIES, STATUSES, STATUS_LABEL, TaskList, TaskStatus } from '../core/models';
import { TaskChanges } from '../core/task-changes';
import { TaskListState } from '../core/task-list';
import { LIST_DEFAULTS, ListFilters, activeFilterCount, filtersFromParams, filtersToParams } from '../core/task-query';
import { QuickAddForm } from './quick-add-form';
import { StatusChange } from './task-status-select';
import { TaskToolbar } from './task-toolbar';

/**
 * What every task list screen shares. Filters and sort live in the URL's
 * query parameters (core/task-query.ts): the screen reads them from the
 * route and changes them by navigating, so reload, Back and a copied link
 * all show the same list. A discrete choice (a status, a sort) is a new
 * history entry; typing in the search box replaces the entry as it goes.
 * A screen says how to read one page and what its defaults are.
 */
@Directive()
export abstract class TaskListView implements OnDestroy {
  protected readonly route = inject(ActivatedRoute);
  protected readonly router = inject(Router);
  protected readonly statuses = STATUSES;
  protected readonly priorities = PRIORITIES;
  protected readonly statusLabel = STATUS_LABEL;

  protected readonly list = new TaskListState((cursor) => this.read(cursor));
  protected readonly tasks = this.list.tasks;
  protected readonly counts = this.list.counts;
  protected readonly total = this.list.total;
  protected readonly nextCursor = this.list.nextCursor;
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;
  protected readonly notice = signal<string | null>(null);

  private readonly params = toSignal(this.route.queryParams, { requireSync: true });
  readonly filters = computed(() => filtersFromParams(this.params(), this.defaults()), {
    equal: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  readonly filterCount = computed(() => activeFilterCount(this.filters(), this.defaults()));
  /** The search box's text: follows the URL, and leads it while the user types. */
  readonly qText = linkedSignal(() => this.filters().q);
  private qTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly toolbar = viewChild(TaskToolbar);
  private readonly quickAdd = viewChild(QuickAddForm);

  /** The screen's defaults (left out of its URLs). */
  protected defaults(): ListFilters {
    return LIST_DEFAULTS;
  }

  /** Reads one page (the first when cursor is undefined) with the current filters. */
  protected abstract read(cursor?: string): Observable<TaskList>;

  constructor() {
    effect(() => {
      this.filters();
      untracked(() => this.reload());
    });
    inject(TaskChanges)
      .changes$.pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((c) => {
        if (c.kind === 'saved' && this.tasks().some((t) => t.id === c.task.id)) this.list.replace(c.task);
        this.reload();
      });
  }

  ngOnDestroy(): void {
    this.list.dispose();
    clearTimeout(this.qTimer);
  }

  /** Changes filters by navigating: the list follows the URL. */
  setFilters(patch: Partial<ListFilters>, replaceUrl = false): void {
    const next = { ...this.filters(), ...patch };
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filtersToParams(next, this.defaults()),
      queryParamsHandling: 'merge',
      replaceUrl,
    });
  }

  clearFilters(): void {
    const d = this.defaults();
    this.setFilters({ ...d, sort: this.filters().sort, order: this.filters().order });
  }

  /** Typing in the search box: the URL follows after a pause, replacing its entry. */
  typeQuery(q: string): void {
    this.qText.set(q);
    clearTimeout(this.qTimer);
    this.qTimer = setTimeout(() => this.setFilters({ q }, true), 250);
  }

  reload(): void {
    this.list.reload();
  }

  loadMore(): void {
    this.list.loadMore();
  }

  setStatus(s: TaskStatus | ''): void {
    this.setFilters({ status: s });
  }

  flipOrder(): void {
    const o = this.filters().order;
    this.setFilters({ order: o === '' ? 'asc' : o === 'asc' ? 'desc' : '' });
  }

  onStatusChanged(c: StatusChange): void {
    this.notice.set(c.notice ?? null);
    if (c.error && !c.notice) this.error.set(c.error);
    if (c.saved) this.list.replace(c.saved);
    this.reload();
  }

  /** `n`: the screen's quick add, if it has one. */
  newTask(): void {
    this.quickAdd()?.focus();
  }

  /** `/`: the screen's title filter. */
  focusFilter(): void {
    this.toolbar()?.focusSearch();
  }
}
