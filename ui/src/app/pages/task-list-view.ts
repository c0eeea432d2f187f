import { Directive, OnDestroy, signal } from '@angular/core';
import { Observable } from 'rxjs';
import { TaskQuery } from '../core/api';
import { PRIORITIES, Priority, STATUSES, STATUS_LABEL, TaskList, TaskStatus } from '../core/models';
import { TaskListState } from '../core/task-list';
import { StatusChange } from './task-status-select';

/**
 * What every task list screen shares: the loaded list, the filters common
 * to them (text, status, priority, overdue, sort and order), the counts
 * chips, "load more", and inline status changes. A screen says how to read
 * one page with its own filters added.
 */
@Directive()
export abstract class TaskListView implements OnDestroy {
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

  q = '';
  status: TaskStatus | '' = '';
  priority: Priority | '' = '';
  overdue = false;
  sort = 'priority';
  order: '' | 'asc' | 'desc' = '';

  /** Reads one page (the first when cursor is undefined) with the screen's filters. */
  protected abstract read(cursor?: string): Observable<TaskList>;

  /** The query of the shared filters, for read to add to. */
  protected filters(cursor?: string): TaskQuery {
    return {
      q: this.q,
      status: this.status,
      priority: this.priority,
      overdue: this.overdue,
      sort: this.sort,
      order: this.order || undefined,
      cursor,
      counts: !cursor,
    };
  }

  ngOnDestroy(): void {
    this.list.dispose();
  }

  queueReload(): void {
    this.list.queueReload();
  }

  reload(): void {
    this.list.reload();
  }

  loadMore(): void {
    this.list.loadMore();
  }

  setStatus(s: TaskStatus | ''): void {
    this.status = s;
    this.reload();
  }

  flipOrder(): void {
    this.order = this.order === '' ? 'asc' : this.order === 'asc' ? 'desc' : '';
    this.reload();
  }

  onStatusChanged(c: StatusChange): void {
    this.notice.set(c.notice ?? null);
    if (c.error && !c.notice) this.error.set(c.error);
    this.reload();
  }
}
