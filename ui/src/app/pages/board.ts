import { LiveAnnouncer } from '@angular/cdk/a11y';
import { CdkDrag, CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { CdkMenu, CdkMenuItem, CdkMenuTrigger } from '@angular/cdk/menu';
import { Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { EMPTY, Observable, forkJoin } from 'rxjs';
import { Api } from '../core/api';
import { Columns, Direction, MovePlan, emptyColumns, planKeyboardMove, planMove } from '../core/board';
import { ApiError, toApiError } from '../core/errors';
import { STATUSES, StatusCounts, Task, TaskList, TaskStatus } from '../core/models';
import { People } from '../core/people';
import { ProjectContext, ViewMemory } from '../core/project-context';
import { SessionStore } from '../core/session';
import { Shortcuts } from '../core/shortcuts';
import { ListFilters, filtersToQuery } from '../core/task-query';
import { formatInstant } from '../core/time';
import { Toasts } from '../core/toasts';
import { CollabApi } from '../core/collab';
import { CommentCounts } from '../core/comment-counts';
import { CommentCount } from '../ui/comment-count';
import { BulkBar } from './bulk-bar';
import { QuickAddForm } from './quick-add-form';
import { TaskCursor, focusTask } from './task-cursor';
import { TaskScreenKeys, taskShortcuts } from './task-keys';
import { TaskListView } from './task-list-view';
import { TaskToolbar } from './task-toolbar';
import { isOverdue } from './task-status-select';

const PAGE = 100;

/**
 * A project's tasks as a board: a column per status, cards in the project's
 * manual order. Drag a card to reorder it or to move it to another column;
 * without a mouse, Alt+arrows (or the card's Move menu) do the same. A move
 * is one PATCH (status and `position` between its new neighbours, with
 * If-Match), shown at once and undone if refused.
 */
@Component({
  selector: 'tr-board',
  imports: [RouterLink, RouterOutlet, CdkDropListGroup, CdkDropList, CdkDrag, CdkMenu, CdkMenuItem, CdkMenuTrigger, TaskToolbar, QuickAddForm, BulkBar, CommentCount],
  templateUrl: './board.html',
})
export class BoardPage extends TaskListView implements TaskScreenKeys {
  private readonly api = inject(Api);
  private readonly toasts = inject(Toasts);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly people = inject(People);
  protected readonly session = inject(SessionStore);
  protected readonly ctx = inject(ProjectContext);

  protected readonly columns = signal<Columns>(emptyColumns());
  protected readonly cursors = signal<Record<TaskStatus, string | undefined>>({ todo: undefined, in_progress: undefined, done: undefined });
  protected readonly colCounts = signal<StatusCounts>({ todo: 0, in_progress: 0, done: 0 });
  protected readonly boardLoading = signal(true);
  protected readonly boardError = signal<ApiError | null>(null);
  protected readonly moving = signal(false);
  protected readonly all = computed(() => STATUSES.flatMap((s) => this.columns()[s]));
  protected readonly cursor = new TaskCursor(() => this.all(), this.router, this.route);
  /** Comments per card: read with every load of the board (not on moves). */
  private readonly comments = new CommentCounts(inject(CollabApi));
  protected readonly commentCounts = this.comments.counts;
  private seq = 0;

  constructor() {
    super();
    inject(ViewMemory).set(this.ctx.id(), 'board');
    inject(Shortcuts).register(taskShortcuts(this, this.cursor), inject(DestroyRef));
  }

  protected read(): Observable<TaskList> {
    return EMPTY; // the board reads per column (reload)
  }

  /** The board's filters: the list's, less status and sort. */
  private query(status: TaskStatus, cursor?: string) {
    const f: ListFilters = { ...this.filters(), status, sort: 'position', order: '' };
    return this.api.tasks(this.ctx.id(), { ...filtersToQuery(f), cursor, counts: !cursor && status === 'todo', limit: PAGE });
  }

  override reload(): void {
    const seq = ++this.seq;
    this.boardLoading.set(true);
    forkJoin(STATUSES.map((s) => this.query(s))).subscribe({
      next: (pages) => {
        if (seq !== this.seq) return;
        const cols = emptyColumns();
        const cursors = { ...this.cursors() };
        STATUSES.forEach((s, i) => {
          cols[s] = pages[i].items;
          cursors[s] = pages[i].nextCursor;
        });
        this.columns.set(cols);
        this.cursors.set(cursors);
        if (pages[0].counts) this.colCounts.set(pages[0].counts);
        this.comments.load(this.all());
        this.boardLoading.set(false);
        this.boardError.set(null);
      },
      error: (err: unknown) => {
        if (seq !== this.seq) return;
        this.boardLoading.set(false);
        this.boardError.set(toApiError(err));
      },
    });
  }

  loadColumn(s: TaskStatus): void {
    this.query(s, this.cursors()[s]).subscribe({
      next: (page) => {
        const seen = new Set(this.columns()[s].map((t) => t.id));
        this.columns.update((c) => ({ ...c, [s]: [...c[s], ...page.items.filter((t) => !seen.has(t.id))] }));
        this.cursors.update((c) => ({ ...c, [s]: page.nextCursor }));
        this.comments.load(this.all());
      },
      error: (err: unknown) => this.toasts.show(toApiError(err).message, 'error'),
    });
  }

  drop(e: CdkDragDrop<TaskStatus, TaskStatus, Task>): void {
    this.apply(planMove(this.columns(), e.previousContainer.data, e.previousIndex, e.container.data, e.currentIndex));
  }

  /** Alt+arrows on a card (Alt+Home/End: top/bottom of its column). */
  cardKey(e: KeyboardEvent, t: Task): void {
    if (!e.altKey) return;
    const dirs: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right', Home: 'top', End: 'bottom' };
    const dir = dirs[e.key];
    if (!dir) return;
    e.preventDefault();
    this.moveCard(t, dir);
  }

  moveCard(t: Task, dir: Direction | TaskStatus): void {
    const cols = this.columns();
    const plan = (STATUSES as string[]).includes(dir)
      ? planMove(cols, t.status, cols[t.status].findIndex((x) => x.id === t.id), dir as TaskStatus, 0)
      : planKeyboardMove(cols, t.id, dir as Direction);
    if (plan) this.apply(plan, true);
  }

  private apply(plan: MovePlan | null, refocus = false): void {
    if (!plan || this.moving() || this.ctx.project()?.archived) return;
    const before = this.columns();
    this.columns.set(plan.columns);
    this.moving.set(true);
    if (refocus) focusTask(plan.task.id);
    this.api.updateTask(plan.task.id, plan.task.version, plan.body).subscribe({
      next: (saved) => {
        this.moving.set(false);
        this.columns.update((c) => ({ ...c, [plan.to]: c[plan.to].map((x) => (x.id === saved.id ? saved : x)) }));
        if (plan.body.status) this.colCounts.update((n) => ({ ...n, [plan.task.status]: n[plan.task.status] - 1, [plan.to]: n[plan.to] + 1 }));
        const where = `${this.statusLabel[plan.to]}, position ${plan.toIndex + 1} of ${plan.columns[plan.to].length}`;
        void this.announcer.announce(`Moved “${saved.title}” to ${where}.`);
      },
      error: (err: unknown) => {
        this.moving.set(false);
        this.columns.set(before);
        const e = toApiError(err);
        this.toasts.show(e.status === 412 ? `“${plan.task.title}” was changed elsewhere: the board is reloaded, try the move again.` : `Could not move “${plan.task.title}”: ${e.message}`, 'error');
        this.reload();
      },
    });
  }

  fmt(instant: string | null): string {
    return formatInstant(instant, this.session.timezone(), this.session.locale());
  }

  overdue(t: Task): boolean {
    return isOverdue(t);
  }

  assignees(t: Task): string {
    const me = this.session.user()?.id;
    return t.assigneeIds.map((id) => this.people.label(id, me)).join(', ');
  }

  /** Keyboard `1`–`3` (task-keys.ts; `n` and `/` are TaskListView's). */
  setCurrentStatus(s: TaskStatus): void {
    const t = this.cursor.current();
    if (t && t.status !== s) this.moveCard(t, s);
  }
}
