import { Component, DestroyRef, computed, inject, signal, viewChild } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { Observable } from 'rxjs';
import { Api } from '../core/api';
import { BulkItem } from '../core/bulk';
import { toApiError } from '../core/errors';
import { Task, TaskList, TaskStatus } from '../core/models';
import { ProjectContext, ViewMemory } from '../core/project-context';
import { Shortcuts } from '../core/shortcuts';
import { filtersToQuery } from '../core/task-query';
import { Toasts } from '../core/toasts';
import { LoadState } from '../ui/load-state';
import { BulkBar } from './bulk-bar';
import { QuickAddForm } from './quick-add-form';
import { StatusCountChips } from './status-counts';
import { TaskKeyTarget, taskShortcuts } from './task-keys';
import { TaskListView } from './task-list-view';
import { TaskRows } from './task-rows';
import { TaskToolbar } from './task-toolbar';

/** A project's tasks as a list: filters, counts, quick add, selection with bulk actions, keyboard; the task dialog is a child route. */
@Component({
  selector: 'tr-project-list',
  imports: [RouterLink, RouterOutlet, StatusCountChips, TaskToolbar, QuickAddForm, BulkBar, TaskRows, LoadState],
  template: `
    @let p = ctx.project()!;
    <div class="row between" style="margin-bottom: .5rem">
      <nav class="view-switch" aria-label="Task view">
        <a routerLink="../list" queryParamsHandling="preserve" aria-current="page" data-testid="view-list">List</a>
        <a routerLink="../board" [queryParams]="boardParams()" data-testid="view-board">Board</a>
      </nav>
      <tr-status-counts [counts]="counts()" [total]="total()" [active]="filters().status" (picked)="setStatus($event)" />
    </div>
    <tr-task-toolbar [host]="this" kind="list" [members]="ctx.members()" [tags]="ctx.tags()" />
    @if (!p.archived) {
      <tr-quick-add [project]="p" [members]="ctx.members()" [tags]="ctx.tags()" (created)="reload()" (tagsCreated)="ctx.reloadLabels()" />
    }
    @if (selectedTasks().length) {
      <tr-bulk-bar [tasks]="selectedTasks()" [members]="ctx.members()" [tags]="ctx.tags()" (done)="bulkDone($event)" (clear)="selected.set(emptySet)" />
    }
    @if (notice(); as n) { <p class="alert info" role="status" data-testid="notice">{{ n }}</p> }
    <tr-load-state [loading]="loading()" [error]="error()" [empty]="tasks().length === 0" (retry)="reload()">
      @if (filterCount()) { No tasks match these filters. <button type="button" class="btn small" (click)="clearFilters()">Clear filters</button> }
      @else { No tasks yet. Type one above and press Enter. }
    </tr-load-state>
    @if (tasks().length) {
      <div class="row small muted" style="margin-bottom: .35rem">
        <label class="check"><input type="checkbox" [checked]="allSelected()" (change)="toggleAll()" data-testid="select-all" /> Select all shown</label>
      </div>
      <tr-task-rows [tasks]="tasks()" [selectable]="true" [selected]="selected()" [currentId]="currentId()" [archived]="p.archived"
        [categories]="ctx.categories()" [tags]="ctx.tags()" [busy]="loading()" label="Tasks" (focusin)="follow($event)"
        (toggle)="toggle($event)" (statusChanged)="onStatusChanged($event)" (remove)="remove($event)" />
    }
    @if (nextCursor()) {
      <button type="button" class="btn" (click)="loadMore()" [disabled]="loading()" data-testid="load-more">Load more</button>
    }
    <router-outlet />
  `,
})
export class ProjectListPage extends TaskListView implements TaskKeyTarget {
  private readonly api = inject(Api);
  private readonly toasts = inject(Toasts);
  protected readonly ctx = inject(ProjectContext);
  private readonly toolbar = viewChild.required(TaskToolbar);
  private readonly quickAdd = viewChild(QuickAddForm);

  protected readonly emptySet: ReadonlySet<string> = new Set();
  protected readonly selected = signal<ReadonlySet<string>>(this.emptySet);
  protected readonly currentId = signal<string | null>(null);
  protected readonly selectedTasks = computed(() => this.tasks().filter((t) => this.selected().has(t.id)));
  protected readonly allSelected = computed(() => this.tasks().length > 0 && this.tasks().every((t) => this.selected().has(t.id)));
  /** The board keeps the filters that apply to it (not status or sort). */
  protected readonly boardParams = computed(() => ({ ...this.route.snapshot.queryParams, status: null, sort: null, order: null }));

  constructor() {
    super();
    inject(ViewMemory).set(this.ctx.id(), 'list');
    inject(Shortcuts).register(taskShortcuts(this), inject(DestroyRef));
  }

  protected read(cursor?: string): Observable<TaskList> {
    return this.api.tasks(this.ctx.id(), { ...filtersToQuery(this.filters()), cursor, counts: !cursor, limit: 50 });
  }

  toggle(id: string): void {
    const next = new Set(this.selected());
    if (!next.delete(id)) next.add(id);
    this.selected.set(next);
  }

  toggleAll(): void {
    this.selected.set(this.allSelected() ? this.emptySet : new Set(this.tasks().map((t) => t.id)));
  }

  bulkDone(items: BulkItem[]): void {
    const failed = new Set(items.filter((i) => i.error).map((i) => i.task.id));
    this.selected.set(failed.size ? failed : this.emptySet);
    this.reload();
  }

  remove(t: Task): void {
    if (!confirm(`Delete “${t.title}” and its subtasks?`)) return;
    this.api.deleteTask(t.id, t.version).subscribe({
      next: () => {
        this.toasts.show(`Deleted “${t.title}”.`, 'success');
        this.list.remove(new Set([t.id]));
        this.reload();
      },
      error: (err: unknown) => {
        const e = toApiError(err);
        if (e.status === 412) this.notice.set(`“${t.title}” was changed elsewhere; the list has been reloaded.`);
        else this.toasts.show(e.message, 'error');
        this.reload();
      },
    });
  }

  /** Tab or a click into a row makes it the current task. */
  follow(e: FocusEvent): void {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-task-id]');
    if (row) this.currentId.set(row.dataset['taskId'] ?? null);
  }

  // Keyboard (task-keys.ts)
  newTask(): void {
    this.quickAdd()?.focus();
  }

  focusFilter(): void {
    this.toolbar().focusSearch();
  }

  move(step: 1 | -1): void {
    const list = this.tasks();
    if (!list.length) return;
    const i = list.findIndex((t) => t.id === this.currentId());
    const next = list[i < 0 ? (step > 0 ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, i + step))];
    this.currentId.set(next.id);
    const link = document.querySelector<HTMLElement>(`[data-task-id="${next.id}"] .task-title`);
    link?.focus();
    link?.scrollIntoView({ block: 'nearest' });
  }

  open(edit: boolean): void {
    const id = this.currentId();
    if (!id) return;
    void this.router.navigate(['tasks', id], { relativeTo: this.route, queryParamsHandling: 'merge', queryParams: edit ? { edit: 1 } : {} });
  }

  toggleCurrent(): void {
    const id = this.currentId();
    if (id) this.toggle(id);
  }

  setCurrentStatus(s: TaskStatus): void {
    const t = this.tasks().find((x) => x.id === this.currentId());
    if (!t || t.status === s || this.ctx.project()?.archived) return;
    this.api.updateTask(t.id, t.version, { status: s }).subscribe({
      next: (saved) => this.onStatusChanged({ task: t, saved }),
      error: (err: unknown) => {
        const error = toApiError(err);
        this.onStatusChanged({ task: t, error, notice: error.status === 412 ? `“${t.title}” was changed elsewhere; the list has been reloaded. Try again.` : undefined });
      },
    });
  }

  escape(): void {
    if (this.selected().size) this.selected.set(this.emptySet);
  }
}
