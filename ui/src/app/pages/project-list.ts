import { Component, DestroyRef, computed, inject } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { Observable } from 'rxjs';
import { Api } from '../core/api';
import { toApiError } from '../core/errors';
import { Task, TaskList, TaskStatus } from '../core/models';
import { ProjectContext, ViewMemory } from '../core/project-context';
import { Shortcuts } from '../core/shortcuts';
import { filtersToParams, filtersToQuery } from '../core/task-query';
import { Toasts } from '../core/toasts';
import { LoadState } from '../ui/load-state';
import { BulkBar } from './bulk-bar';
import { QuickAddForm } from './quick-add-form';
import { StatusCountChips } from './status-counts';
import { TaskScreenKeys, taskShortcuts } from './task-keys';
import { TaskCursor } from './task-cursor';
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
        <a routerLink="../calendar" data-testid="view-calendar">Calendar</a>
      </nav>
      <tr-status-counts [counts]="counts()" [total]="total()" [active]="filters().status" (picked)="setStatus($event)" />
    </div>
    <tr-task-toolbar [host]="this" kind="list" [members]="ctx.members()" [tags]="ctx.tags()" />
    @if (!p.archived) {
      <tr-quick-add [project]="p" [members]="ctx.members()" [tags]="ctx.tags()" (created)="reload()" (tagsCreated)="ctx.reloadLabels()" />
    }
    @if (cursor.selectedTasks().length) {
      <tr-bulk-bar [tasks]="cursor.selectedTasks()" [members]="ctx.members()" [tags]="ctx.tags()" (done)="cursor.afterBulk($event); reload()" (clear)="cursor.clear()" />
    }
    @if (notice(); as n) { <p class="alert info" role="status" data-testid="notice">{{ n }}</p> }
    <tr-load-state [loading]="loading()" [error]="error()" [empty]="tasks().length === 0" (retry)="reload()">
      @if (filterCount()) { No tasks match these filters. <button type="button" class="btn small" (click)="clearFilters()">Clear filters</button> }
      @else { No tasks yet. Type one above and press Enter. }
    </tr-load-state>
    @if (tasks().length) {
      <div class="row small muted" style="margin-bottom: .35rem">
        <label class="check"><input type="checkbox" [checked]="cursor.allSelected()" (change)="cursor.toggleAll()" data-testid="select-all" /> Select all shown</label>
      </div>
      <tr-task-rows [tasks]="tasks()" [selectable]="true" [selected]="cursor.selected()" [currentId]="cursor.currentId()" [archived]="p.archived"
        [categories]="ctx.categories()" [tags]="ctx.tags()" [busy]="loading()" label="Tasks" (focusin)="cursor.follow($event)"
        (toggle)="cursor.toggle($event)" (statusChanged)="onStatusChanged($event)" (remove)="remove($event)" />
    }
    @if (nextCursor()) {
      <button type="button" class="btn" (click)="loadMore()" [disabled]="loading()" data-testid="load-more">Load more</button>
    }
    <router-outlet />
  `,
})
export class ProjectListPage extends TaskListView implements TaskScreenKeys {
  private readonly api = inject(Api);
  private readonly toasts = inject(Toasts);
  protected readonly ctx = inject(ProjectContext);

  protected readonly cursor = new TaskCursor(() => this.tasks(), this.router, this.route);
  /** The board keeps the filters that apply to it (not status or sort). */
  protected readonly boardParams = computed(() => ({ ...filtersToParams(this.filters()), status: null, sort: null, order: null }));

  constructor() {
    super();
    inject(ViewMemory).set(this.ctx.id(), 'list');
    inject(Shortcuts).register(taskShortcuts(this, this.cursor), inject(DestroyRef));
  }

  protected read(cursor?: string): Observable<TaskList> {
    return this.api.tasks(this.ctx.id(), { ...filtersToQuery(this.filters()), cursor, counts: !cursor, limit: 50 });
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

  /** Keyboard `1`–`3` (task-keys.ts; `n` and `/` are TaskListView's). */
  setCurrentStatus(s: TaskStatus): void {
    const t = this.cursor.current();
    if (!t || t.status === s || this.ctx.project()?.archived) return;
    this.api.updateTask(t.id, t.version, { status: s }).subscribe({
      next: (saved) => this.onStatusChanged({ task: t, saved }),
      error: (err: unknown) => {
        const error = toApiError(err);
        this.onStatusChanged({ task: t, error, notice: error.status === 412 ? `“${t.title}” was changed elsewhere; the list has been reloaded. Try again.` : undefined });
      },
    });
  }
}
