import { Component, DestroyRef, OnInit, inject, signal } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { Observable } from 'rxjs';
import { Api } from '../core/api';
import { toApiError } from '../core/errors';
import { Project, TaskList } from '../core/models';
import { SessionStore } from '../core/session';
import { Shortcuts } from '../core/shortcuts';
import { LIST_DEFAULTS, ListFilters, filtersToQuery } from '../core/task-query';
import { wallToInstant } from '../core/time';
import { LoadState } from '../ui/load-state';
import { StatusCountChips } from './status-counts';
import { TaskListView } from './task-list-view';
import { TaskRows } from './task-rows';
import { TaskToolbar } from './task-toolbar';

/** The day after a "YYYY-MM-DD" date, as "YYYY-MM-DD". */
function nextDay(date: string): string {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const MY_DEFAULTS: ListFilters = { ...LIST_DEFAULTS, assignee: 'me' };

/**
 * The signed-in user's tasks across all their projects, or (assignee=any,
 * what the top bar's search opens) every task of their projects.
 */
@Component({
  selector: 'tr-my-tasks',
  imports: [StatusCountChips, TaskRows, TaskToolbar, LoadState, RouterOutlet],
  template: `
    <div class="page-head"><h1>{{ filters().assignee === 'me' ? 'My tasks' : 'Tasks in all my projects' }}</h1></div>
    <tr-status-counts [counts]="counts()" [total]="total()" [active]="filters().status" testId="my-" (picked)="setStatus($event)" />
    <tr-task-toolbar [host]="this" kind="my" />
    @if (notice(); as n) { <p class="alert info" role="status" data-testid="notice">{{ n }}</p> }
    <tr-load-state [loading]="loading()" [error]="error()" [empty]="tasks().length === 0" (retry)="reload()">
      <span data-testid="no-tasks">{{ filters().assignee === 'me' ? 'No tasks assigned to you match.' : 'No tasks in your projects match.' }}</span>
    </tr-load-state>
    @if (tasks().length) {
      <tr-task-rows [tasks]="tasks()" [projects]="projects()" testId="my-task-table" label="My tasks" [busy]="loading()" (statusChanged)="onStatusChanged($event)" />
    }
    @if (nextCursor()) {
      <button type="button" class="btn" (click)="loadMore()" [disabled]="loading()" data-testid="load-more">Load more</button>
    }
    <router-outlet />
  `,
})
export class MyTasksPage extends TaskListView implements OnInit {
  private readonly api = inject(Api);
  protected readonly session = inject(SessionStore);
  protected readonly projects = signal<Record<string, Project>>({});

  constructor() {
    super();
    inject(Shortcuts).register(
      [{ key: '/', label: 'Filter this list', group: 'Tasks', run: (e) => (e.preventDefault(), this.focusFilter()) }],
      inject(DestroyRef),
    );
  }

  protected override defaults(): ListFilters {
    return MY_DEFAULTS;
  }

  ngOnInit(): void {
    this.loadProjects();
  }

  /** Every project of the caller, archived ones included, for names and keys. */
  private loadProjects(cursor?: string, acc: Record<string, Project> = {}): void {
    this.api.projects('all', cursor).subscribe({
      next: (page) => {
        for (const p of page.items) acc[p.id] = p;
        if (page.nextCursor) this.loadProjects(page.nextCursor, acc);
        else this.projects.set({ ...acc });
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  protected read(cursor?: string): Observable<TaskList> {
    const f = this.filters();
    const tz = this.session.timezone();
    let dueAfter: string | undefined;
    let dueBefore: string | undefined;
    try {
      dueAfter = f.dueFrom ? wallToInstant(f.dueFrom + 'T00:00', tz) : undefined;
      dueBefore = f.dueTo ? wallToInstant(nextDay(f.dueTo) + 'T00:00', tz) : undefined;
    } catch {
      throw new Error('The due date is not valid.');
    }
    return this.api.myTasks({ ...filtersToQuery(f), dueAfter, dueBefore, cursor, counts: !cursor, limit: 50 });
  }
}
