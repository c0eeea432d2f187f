import { CdkDrag, CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink, RouterOutlet } from '@angular/router';
import { switchMap } from 'rxjs';
import { Api } from '../core/api';
import {
  CalendarDay,
  CalendarEntry,
  CalendarView,
  addDays,
  dayOf,
  longDay,
  movedDue,
  placeEntries,
  rangeOf,
  step,
  timeOf,
  todayIn,
  validDay,
  viewDays,
  viewTitle,
} from '../core/calendar';
import { CalendarApi } from '../core/calendar-api';
import { ApiError, toApiError } from '../core/errors';
import { SessionStore } from '../core/session';
import { Shortcuts } from '../core/shortcuts';
import { TaskChanges } from '../core/task-changes';
import { Toasts } from '../core/toasts';

const WEEKDAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * The calendar: a month or a week of the user's meetings and tasks, in the
 * profile's time zone (`/calendar?view=week&date=2026-12-07`, or a
 * project's tab `/projects/:id/calendar`). Tasks open in the task dialog
 * over the calendar; one with a due date moves to another day by dragging
 * it there, or with Alt+arrow keys (a day, a week), keeping its time of
 * day. Meetings open in the meeting editor.
 */
@Component({
  selector: 'tr-calendar',
  imports: [RouterLink, RouterOutlet, CdkDropListGroup, CdkDropList, CdkDrag],
  styleUrl: './calendar.css',
  template: `
    @if (!projectId()) {
      <div class="page-head"><h1>Calendar</h1></div>
    } @else {
      <nav class="view-switch" aria-label="Task view" style="margin-bottom: .5rem">
        <a routerLink="../list" data-testid="view-list">List</a>
        <a routerLink="../board" data-testid="view-board">Board</a>
        <a routerLink="../calendar" aria-current="page" data-testid="view-calendar">Calendar</a>
      </nav>
    }
    <div class="cal-bar">
      <button type="button" class="btn small" (click)="go(-1)" [attr.aria-label]="view() === 'week' ? 'Previous week' : 'Previous month'" data-testid="cal-prev">‹</button>
      <button type="button" class="btn small" (click)="goToday()" data-testid="cal-today">Today</button>
      <button type="button" class="btn small" (click)="go(1)" [attr.aria-label]="view() === 'week' ? 'Next week' : 'Next month'" data-testid="cal-next">›</button>
      <h2 aria-live="polite" data-testid="cal-title">{{ title() }}</h2>
      <span class="seg" role="group" aria-label="View">
        <a [routerLink]="[]" [queryParams]="{ view: null }" queryParamsHandling="merge" [attr.aria-current]="view() === 'month'" data-testid="cal-month">Month</a>
        <a [routerLink]="[]" [queryParams]="{ view: 'week' }" queryParamsHandling="merge" [attr.aria-current]="view() === 'week'" data-testid="cal-week">Week</a>
      </span>
      <span class="grow"></span>
      <button type="button" class="btn primary small" (click)="newMeeting(today())" data-testid="new-meeting">New meeting</button>
    </div>
    <p class="small muted">
      Times in {{ zone() }}. Drag a task to another day to change its due date (the time stays), or focus it and press Alt+←/→ (a day) or Alt+↑/↓ (a week).
    </p>
    @if (error(); as e) {
      <div class="alert error" role="alert" data-testid="cal-error">{{ e.message }} <button type="button" class="btn small" (click)="reload()">Retry</button></div>
    }
    @if (truncated()) { <p class="alert warn" role="status">Not everything fits: showing the first 3,660 entries.</p> }
    <div [class.week]="view() === 'week'" [attr.aria-busy]="loading()" data-testid="calendar">
      <div class="cal-head" aria-hidden="true">
        @for (d of weekdayLabels; track d) { <span>{{ d }}</span> }
      </div>
      <ol class="cal-grid" cdkDropListGroup [attr.aria-label]="title()">
        @for (d of days(); track d.date) {
          <li class="cal-day" [class.outside]="d.outside" [class.today]="d.today" [attr.data-day]="d.date" data-testid="cal-day"
            cdkDropList [cdkDropListData]="d.date" cdkDropListSortingDisabled (cdkDropListDropped)="drop($event)" [cdkDropListDisabled]="moving()"
            [attr.aria-label]="dayLabel(d)">
            <div class="day-num">
              <span aria-hidden="true"><span class="wd">{{ weekdayLabels[$index % 7] }} </span><span class="n">{{ +d.date.slice(8) }}</span></span>
              <button type="button" class="btn ghost small icon add" (click)="newMeeting(d.date)" [attr.aria-label]="'New meeting on ' + longDay(d.date)">+</button>
            </div>
            <ul class="entries">
              @for (e of entriesOn(d.date); track e.kind + e.id + e.start) {
                <li>
                  @if (e.kind === 'meeting') {
                    <button type="button" class="entry meeting" [class.declined]="e.response === 'declined'" (click)="openMeeting(e)" data-testid="cal-entry" [attr.data-kind]="e.kind"
                      ><span class="tm">{{ time(e.start) }}</span> <span class="t">{{ e.title }}</span><span class="sr-only">{{ entryNote(e) }}</span></button>
                  } @else if (e.taskId) {
                    <a class="entry task" [class.done]="e.status === 'done'" [routerLink]="['tasks', e.taskId]" queryParamsHandling="preserve"
                      cdkDrag [cdkDragData]="e" [cdkDragDisabled]="moving()" (keydown)="keyMove($event, e, d.date)"
                      data-testid="cal-entry" [attr.data-kind]="e.kind" [attr.data-task-id]="e.taskId"
                      ><span class="tm">{{ time(e.start) }}</span> <span class="t">{{ e.title }}</span><span class="sr-only">{{ entryNote(e) }}</span></a>
                  } @else {
                    <span class="entry task projected" data-testid="cal-entry" [attr.data-kind]="e.kind" [attr.data-series-id]="e.seriesId ?? e.id" [title]="'Recurring task, created on its date'"
                      ><span class="tm">{{ time(e.start) }}</span> <span class="t"><span aria-hidden="true">↻ </span>{{ e.title }}</span><span class="sr-only">{{ entryNote(e) }}</span></span>
                  }
                </li>
              }
            </ul>
          </li>
        }
      </ol>
    </div>
    <router-outlet />
  `,
})
export class CalendarPage {
  private readonly api = inject(Api);
  private readonly calendar = inject(CalendarApi);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly toasts = inject(Toasts);
  /** The project (under /projects/:id/calendar), else every project of the user. */
  readonly id = input<string>();
  protected readonly projectId = computed(() => this.id() || undefined);

  protected readonly weekdayLabels = WEEKDAY_LABELS;
  protected readonly longDay = (d: string) => longDay(d, this.session.locale());
  protected readonly zone = this.session.timezone;
  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  private readonly now = signal(Date.now());
  protected readonly today = computed(() => todayIn(this.zone(), this.now()));
  protected readonly view = computed<CalendarView>(() => (this.params().get('view') === 'week' ? 'week' : 'month'));
  protected readonly anchor = computed(() => validDay(this.params().get('date')) ?? this.today());
  protected readonly days = computed(() => viewDays(this.view(), this.anchor(), this.today()));
  protected readonly title = computed(() => viewTitle(this.view(), this.days(), this.session.locale()));

  protected readonly entries = signal<CalendarEntry[]>([]);
  protected readonly truncated = signal(false);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly moving = signal(false);
  private readonly byDay = computed(() => placeEntries(this.entries(), this.days(), this.zone()));
  private readonly load$ = signal(0);

  constructor() {
    const destroy = inject(DestroyRef);
    effect((onCleanup) => {
      const days = this.days();
      const zone = this.zone();
      const projectId = this.projectId();
      this.load$();
      const sub = untracked(() => {
        this.loading.set(true);
        const { from, to } = rangeOf(days, zone);
        return this.calendar.range(from, to, projectId).subscribe({
          next: (r) => {
            this.loading.set(false);
            this.error.set(null);
            this.entries.set(r.entries);
            this.truncated.set(r.truncated);
          },
          error: (err: unknown) => {
            this.loading.set(false);
            this.error.set(toApiError(err));
          },
        });
      });
      onCleanup(() => sub.unsubscribe());
    });
    inject(TaskChanges).changes$.pipe(takeUntilDestroyed(destroy)).subscribe(() => this.reload());
    this.calendar.changed$.pipe(takeUntilDestroyed(destroy)).subscribe(() => this.reload());
    inject(Shortcuts).register(
      [
        { key: 't', label: 'Today', group: 'Calendar', run: () => this.goToday() },
        { key: '[', label: 'Previous month or week', group: 'Calendar', run: () => this.go(-1) },
        { key: ']', label: 'Next month or week', group: 'Calendar', run: () => this.go(1) },
        { key: 'm', label: 'Month view', group: 'Calendar', run: () => this.setView('month') },
        { key: 'w', label: 'Week view', group: 'Calendar', run: () => this.setView('week') },
      ],
      destroy,
    );
  }

  reload(): void {
    this.load$.update((n) => n + 1);
  }

  entriesOn(day: string): CalendarEntry[] {
    return this.byDay().get(day) ?? [];
  }

  time(instant: string): string {
    return timeOf(instant, this.zone(), this.session.locale());
  }

  dayLabel(d: CalendarDay): string {
    const n = this.entriesOn(d.date).length;
    return `${longDay(d.date, this.session.locale())}${d.today ? ', today' : ''}: ${n === 0 ? 'nothing' : n === 1 ? '1 entry' : n + ' entries'}`;
  }

  /** What the entry's text does not say, for screen readers (the visible time and title come first). */
  entryNote(e: CalendarEntry): string {
    if (e.kind === 'meeting') {
      const answer = e.response === 'needs_action' ? ', not answered yet' : e.response ? `, ${e.response}` : '';
      return `, meeting${e.recurring ? ', repeats' : ''}${answer}`;
    }
    if (!e.taskId) return ', recurring task, created on its date';
    return `, task due${e.status === 'done' ? ', done' : ''}${e.seriesId ? ', repeats' : ''}`;
  }

  private navigate(params: Record<string, string | null>): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: params, queryParamsHandling: 'merge' });
  }

  go(dir: -1 | 1): void {
    this.navigate({ date: step(this.view(), this.anchor(), dir) });
  }

  goToday(): void {
    this.now.set(Date.now());
    this.navigate({ date: null });
  }

  setView(v: CalendarView): void {
    this.navigate({ view: v === 'week' ? 'week' : null });
  }

  drop(e: CdkDragDrop<string, string, CalendarEntry>): void {
    const from = e.previousContainer.data;
    const to = e.container.data;
    if (from !== to) this.move(e.item.data, from, to);
  }

  /** Alt+←/→ moves the focused task a day, Alt+↑/↓ a week: the keyboard's way of dragging. */
  keyMove(ev: KeyboardEvent, e: CalendarEntry, day: string): void {
    if (!ev.altKey) return;
    const delta = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[ev.key];
    if (!delta) return;
    ev.preventDefault();
    this.move(e, day, addDays(day, delta), true);
  }

  /** Moves a task's due date from one day of the grid to another, its time of day kept, and reloads. */
  private move(e: CalendarEntry, fromDay: string, toDay: string, refocus = false): void {
    const taskId = e.taskId;
    if (!taskId || this.moving()) return;
    this.moving.set(true);
    this.api
      .task(taskId)
      .pipe(
        switchMap((t) => {
          const due = t.dueAt ?? e.start;
          // The grid day the task is on, in the user's zone, may differ from fromDay when the entry spans days.
          const dueAt = movedDue(due, dayOf(due, this.zone()) === fromDay ? fromDay : dayOf(due, this.zone()), toDay, t.timezone || this.zone());
          if (!dueAt) throw new Error('same day');
          return this.api.updateTask(t.id, t.version, { dueAt });
        }),
      )
      .subscribe({
        next: (t) => {
          this.moving.set(false);
          this.toasts.show(`Moved “${t.title}” to ${longDay(toDay, this.session.locale())}.`, 'success');
          this.reload();
          if (refocus) setTimeout(() => (document.querySelector(`[data-day="${toDay}"] [data-task-id="${taskId}"]`) as HTMLElement | null)?.focus(), 400);
        },
        error: (err: unknown) => {
          this.moving.set(false);
          if (err instanceof Error && err.message === 'same day') return;
          this.toasts.show(`Could not move “${e.title}”: ${toApiError(err).message}`, 'error');
          this.reload();
        },
      });
  }

  /** The meeting dialog is a child route (`meetings/new?day=`, `meetings/<id>`), so it has a URL and Back closes it. */
  newMeeting(day: string): void {
    void this.router.navigate(['meetings', 'new'], { relativeTo: this.route, queryParams: { day }, queryParamsHandling: 'merge' });
  }

  openMeeting(e: CalendarEntry): void {
    void this.router.navigate(['meetings', e.id], { relativeTo: this.route, queryParamsHandling: 'preserve' });
  }
}
