import { HttpClient, HttpParams } from '@angular/common/http';
import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ApiError, toApiError } from '../core/errors';
import { SessionStore } from '../core/session';
import { formatInstant } from '../core/time';

/** A reminder as the calendar API answers it. */
export interface TaskReminder {
  id: string;
  kind: 'meeting' | 'task_series' | 'task';
  targetId: string;
  minutesBefore: number;
  atTime: string | null;
  nextAt: string | null;
  lastAt: string | null;
  snoozedUntil: string | null;
  createdAt: string;
}

const API = '/api/v1/calendar/reminders';

/** The choices of the "Remind me" select: minutes before the due date, or a time of day on it. */
export const REMINDER_CHOICES: { value: string; label: string }[] = [
  { value: '0', label: 'When it is due' },
  { value: '15', label: '15 minutes before' },
  { value: '60', label: '1 hour before' },
  { value: '1440', label: '1 day before' },
  { value: '10080', label: '1 week before' },
  { value: 'at', label: 'On the due date at…' },
];

/** "1 day before", "at 09:00 on the due date". */
export function describeReminder(r: Pick<TaskReminder, 'minutesBefore' | 'atTime'>): string {
  if (r.atTime) return `At ${r.atTime} on the due date`;
  const m = r.minutesBefore;
  if (m === 0) return 'When it is due';
  const [n, unit] = m % 10080 === 0 ? [m / 10080, 'week'] : m % 1440 === 0 ? [m / 1440, 'day'] : m % 60 === 0 ? [m / 60, 'hour'] : [m, 'minute'];
  return `${n} ${unit}${n === 1 ? '' : 's'} before`;
}

/**
 * The signed-in user's reminders about one task, in the task dialog: a
 * list (when each comes next), "Remind me" (minutes before the due date,
 * or at a time of day on it, in the task's zone) and delete. They reach
 * the user through their notification settings (kind "Reminders you set").
 */
@Component({
  selector: 'tr-task-reminders',
  imports: [FormsModule],
  template: `
    <section class="reminders" aria-labelledby="reminders-title" data-testid="task-reminders">
      <h3 id="reminders-title">Reminders</h3>
      @if (error(); as e) { <p class="alert error" role="alert" data-testid="reminders-error">{{ e.message }}</p> }
      @if (!dueAt()) { <p class="small muted" data-testid="reminders-no-due">Give the task a due date to be reminded of it.</p> }
      @if (reminders().length) {
        <ul class="plain" aria-label="Your reminders about this task">
          @for (r of reminders(); track r.id) {
            <li class="row between" data-testid="reminder-row">
              <span>{{ describe(r) }}@if (r.nextAt) { <span class="small muted"> · next {{ fmt(r.nextAt) }}</span> }</span>
              <button type="button" class="btn small ghost" (click)="remove(r)" [attr.aria-label]="'Delete reminder: ' + describe(r)" data-testid="reminder-delete">Delete</button>
            </li>
          }
        </ul>
      }
      <form class="row" (ngSubmit)="add()" data-testid="reminder-form">
        <label class="field">
          <span>Remind me</span>
          <select name="when" [(ngModel)]="when" data-testid="reminder-when">
            @for (c of choices; track c.value) { <option [value]="c.value">{{ c.label }}</option> }
          </select>
        </label>
        @if (when === 'at') {
          <label class="field">
            <span>Time</span>
            <input name="atTime" type="time" [(ngModel)]="atTime" required data-testid="reminder-at" />
          </label>
        }
        <button type="submit" class="btn small" [disabled]="busy()" data-testid="reminder-add">{{ busy() ? 'Adding…' : 'Add reminder' }}</button>
      </form>
    </section>
  `,
})
export class TaskReminders {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);

  readonly taskId = input.required<string>();
  readonly dueAt = input<string | null>(null);

  protected readonly choices = REMINDER_CHOICES;
  protected readonly reminders = signal<TaskReminder[]>([]);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly busy = signal(false);
  protected when = '1440';
  protected atTime = '09:00';

  constructor() {
    effect(() => {
      const id = this.taskId();
      this.dueAt(); // the next notices move with the due date
      untracked(() => this.load(id));
    });
  }

  load(taskId = this.taskId()): void {
    const params = new HttpParams().set('kind', 'task').set('targetId', taskId);
    this.http.get<{ items: TaskReminder[] }>(API, { params }).subscribe({
      next: (r) => {
        this.error.set(null);
        this.reminders.set(r.items);
      },
      // The calendar hears of a new task a moment after it is saved.
      error: (err: unknown) => {
        const e = toApiError(err);
        if (e.status === 404) this.reminders.set([]);
        else this.error.set(e);
      },
    });
  }

  add(): void {
    const body: Record<string, unknown> = { kind: 'task', targetId: this.taskId() };
    if (this.when === 'at') body['atTime'] = this.atTime;
    else body['minutesBefore'] = Number(this.when);
    this.busy.set(true);
    this.http.post<TaskReminder>(API, body).subscribe({
      next: (r) => {
        this.busy.set(false);
        this.error.set(null);
        this.reminders.update((l) => [...l, r]);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const e = toApiError(err);
        this.error.set(e.code === 'task_not_found' ? { ...e, message: 'The calendar has not heard of this task yet: try again in a moment.' } : e);
      },
    });
  }

  remove(r: TaskReminder): void {
    this.http.delete(`${API}/${r.id}`).subscribe({
      next: () => this.reminders.update((l) => l.filter((x) => x.id !== r.id)),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  describe(r: TaskReminder): string {
    return describeReminder(r);
  }

  fmt(at: string): string {
    return formatInstant(at, this.session.timezone(), this.session.locale());
  }
}
