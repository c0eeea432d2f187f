import { Component, OnInit, inject, signal } from '@angular/core';
import { Observable } from 'rxjs';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Api } from '../core/api';
import { toApiError } from '../core/errors';
import { Project, Task, TaskList } from '../core/models';
import { SessionStore } from '../core/session';
import { formatInstant, wallToInstant } from '../core/time';
import { StatusCountChips } from './status-counts';
import { TaskListView } from './task-list-view';
import { TaskStatusSelect, isOverdue } from './task-status-select';

/** The day after a "YYYY-MM-DD" date, as "YYYY-MM-DD". */
function nextDay(date: string): string {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The signed-in user's tasks across all their projects. */
@Component({
  selector: 'tr-my-tasks',
  imports: [FormsModule, StatusCountChips, RouterLink, TaskStatusSelect],
  template: `
    <div class="page-head"><h1>My tasks</h1></div>

    <tr-status-counts [counts]="counts()" [total]="total()" [active]="status" testId="my-" (picked)="setStatus($event)" />

    <div class="toolbar card">
      <input class="grow" type="search" placeholder="Search titles…" [(ngModel)]="q" (ngModelChange)="queueReload()" aria-label="Search titles" data-testid="filter-q" />
      <select [(ngModel)]="status" (ngModelChange)="reload()" aria-label="Status" data-testid="filter-status">
        <option value="">Any status</option>
        @for (s of statuses; track s) { <option [value]="s">{{ statusLabel[s] }}</option> }
      </select>
      <select [(ngModel)]="priority" (ngModelChange)="reload()" aria-label="Priority" data-testid="filter-priority">
        <option value="">Any priority</option>
        @for (p of priorities; track p) { <option [value]="p">{{ p }}</option> }
      </select>
      <label class="check">Due from <input type="date" [(ngModel)]="dueFrom" (ngModelChange)="reload()" [title]="'Due on or after this day (' + session.timezone() + ')'" data-testid="filter-due-from" /></label>
      <label class="check">to <input type="date" [(ngModel)]="dueTo" (ngModelChange)="reload()" [title]="'Due on or before this day (' + session.timezone() + ')'" data-testid="filter-due-to" /></label>
      <label class="check"><input type="checkbox" [(ngModel)]="overdue" (ngModelChange)="reload()" data-testid="filter-overdue" /> Overdue</label>
      <select [(ngModel)]="sort" (ngModelChange)="reload()" aria-label="Sort by" data-testid="sort">
        <option value="priority">Sort: priority</option>
        <option value="due">Sort: due date</option>
        <option value="created">Sort: created</option>
        <option value="updated">Sort: updated</option>
      </select>
      <button type="button" class="btn small" (click)="flipOrder()" [title]="'Order: ' + (order || 'default')" data-testid="order">
        {{ order === 'asc' ? '↑ Asc' : order === 'desc' ? '↓ Desc' : '⇅ Default' }}
      </button>
    </div>

    @if (notice(); as n) { <p class="alert info" role="status" data-testid="notice">{{ n }}</p> }
    @if (error(); as e) { <p class="alert error" role="alert" data-testid="list-error">{{ e.message }}</p> }

    <div class="table-wrap card">
      <table class="tasks" data-testid="my-task-table">
        <thead>
          <tr><th>Title</th><th>Project</th><th>Status</th><th>Priority</th><th>Due</th></tr>
        </thead>
        <tbody>
          @for (t of tasks(); track t.id) {
            <tr data-testid="task-row" [class.done]="t.status === 'done'">
              <td><a class="title" [routerLink]="['/projects', t.projectId]" data-testid="task-row-title">{{ t.title }}</a></td>
              <td>
                @if (projects()[t.projectId]; as p) {
                  <a [routerLink]="['/projects', p.id]" data-testid="task-project">{{ p.name }} <span class="badge">{{ p.key }}</span></a>
                  @if (p.archived) { <span class="badge warn">Archived</span> }
                } @else {
                  <a [routerLink]="['/projects', t.projectId]" class="muted" data-testid="task-project">Project</a>
                }
              </td>
              <td>
                <tr-task-status-select [task]="t" [disabled]="!!projects()[t.projectId]?.archived" (changed)="onStatusChanged($event)" />
              </td>
              <td><span class="prio" [class]="'prio p-' + t.priority">{{ t.priority }}</span></td>
              <td [class.overdue]="isOverdue(t)">{{ fmt(t.dueAt) }}</td>
            </tr>
          } @empty {
            <tr><td colspan="5" class="muted center" data-testid="no-tasks">{{ loading() ? 'Loading…' : 'No tasks assigned to you match.' }}</td></tr>
          }
        </tbody>
      </table>
    </div>
    @if (nextCursor()) {
      <button type="button" class="btn" (click)="loadMore()" [disabled]="loading()" data-testid="load-more">Load more</button>
    }
  `,
})
export class MyTasksPage extends TaskListView implements OnInit {
  private readonly api = inject(Api);
  protected readonly session = inject(SessionStore);

  protected readonly projects = signal<Record<string, Project>>({});

  // Filters
  dueFrom = '';
  dueTo = '';

  ngOnInit(): void {
    this.loadProjects();
    this.reload();
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
    const tz = this.session.timezone();
    let dueAfter: string | undefined;
    let dueBefore: string | undefined;
    try {
      dueAfter = this.dueFrom ? wallToInstant(this.dueFrom + 'T00:00', tz) : undefined;
      dueBefore = this.dueTo ? wallToInstant(nextDay(this.dueTo) + 'T00:00', tz) : undefined;
    } catch {
      throw new Error('The due date is not valid.');
    }
    return this.api.myTasks({ ...this.filters(cursor), assignee: 'me', dueAfter, dueBefore });
  }

  fmt(instant: string | null): string {
    return formatInstant(instant, this.session.timezone(), this.session.locale());
  }

  isOverdue(t: Task): boolean {
    return isOverdue(t);
  }
}
