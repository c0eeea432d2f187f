import { Component, OnInit, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { switchMap, of } from 'rxjs';
import { addDays, todayIn } from '../core/calendar';
import { CalendarApi, Series, SeriesRequest } from '../core/calendar-api';
import { ApiError, toApiError } from '../core/errors';
import { Task } from '../core/models';
import { RecurrenceChoice, RecurrenceField, buildRule, defaultChoice, recurrenceError } from '../core/recurrence';
import { SessionStore } from '../core/session';
import { allTimeZones, browserZone, formatInstant, instantToWall } from '../core/time';
import { Toasts } from '../core/toasts';
import { RecurrenceFields } from './recurrence-fields';

/**
 * "Repeat" in the task dialog: the task's recurring series (what the
 * calendar service says it is, its next date; pause, resume, skip the next
 * one, stop), and an editor that makes the task repeat: presets or a custom
 * rule, a fixed schedule or some time after each completion, in a time zone
 * (the browser's by default). Each occurrence is a copy of this task,
 * created on its date; when the first date is the task's own due date it
 * is skipped, since this task is that one.
 */
@Component({
  selector: 'tr-task-repeat',
  imports: [FormsModule, RecurrenceFields],
  template: `
    <section class="repeat" aria-labelledby="repeat-title" data-testid="task-repeat">
      <h3 id="repeat-title">Repeat</h3>
      @if (loadError(); as e) { <p class="alert error" role="alert">{{ e.message }}</p> }
      @for (s of series(); track s.id) {
        <div class="row between card" data-testid="series-row" [attr.data-status]="s.status">
          <div class="grow">
            <div><strong data-testid="series-summary">Repeats {{ s.summary }}</strong>
              @if (s.status !== 'active') { <span class="badge warn" data-testid="series-status">{{ s.status === 'paused' ? 'Paused' : 'Stopped' }}</span> }</div>
            <div class="small muted">
              @if (s.nextDueAt) { Next: <span data-testid="series-next">{{ fmt(s.nextDueAt) }}</span> } @else { No next date. }
              · {{ s.timezone }}@if (s.skipped.length) { · {{ s.skipped.length }} skipped }
            </div>
          </div>
          @if (!readOnly() && s.status !== 'stopped') {
            <span class="row tight">
              @if (s.status === 'active') {
                <button type="button" class="btn small" (click)="setStatus(s, 'paused')" [disabled]="busy()" data-testid="series-pause">Pause</button>
                @if (s.nextDueAt && s.mode === 'fixed') {
                  <button type="button" class="btn small" (click)="skipNext(s)" [disabled]="busy()" data-testid="series-skip">Skip the next one</button>
                }
              } @else {
                <button type="button" class="btn small" (click)="setStatus(s, 'active')" [disabled]="busy()" data-testid="series-resume">Resume</button>
              }
              <button type="button" class="btn small danger" (click)="setStatus(s, 'stopped')" [disabled]="busy()" data-testid="series-stop">Stop repeating</button>
            </span>
          }
        </div>
      }
      @if (actionError(); as e) { <p class="alert error" role="alert" data-testid="series-error">{{ e.message }}</p> }
      @if (!readOnly() && !active()) {
        @if (!editing()) {
          <button type="button" class="btn small" (click)="open()" data-testid="repeat-open">Make it repeat…</button>
        } @else {
          <div class="card" data-testid="repeat-editor">
            <div class="form-grid">
              <label class="field">
                <span>First date</span>
                <input type="datetime-local" name="rep-start" [(ngModel)]="start" data-testid="repeat-start"
                  aria-describedby="rep-start-error" [attr.aria-invalid]="!!errors()['start']" />
                @if (errors()['start']; as m) { <small class="field-error" id="rep-start-error" data-testid="field-error">{{ m }}</small> }
                @else { <span class="hint" id="rep-start-error">Dates are counted from here.</span> }
              </label>
              <label class="field">
                <span>Time zone</span>
                <select name="rep-tz" [(ngModel)]="timezone" data-testid="repeat-timezone" aria-describedby="rep-tz-error">
                  @for (z of zones; track z) { <option [value]="z">{{ z }}</option> }
                </select>
                @if (errors()['timezone']; as m) { <small class="field-error" id="rep-tz-error">{{ m }}</small> } @else { <span id="rep-tz-error" hidden></span> }
              </label>
            </div>
            <tr-recurrence-fields [choice]="choice" [start]="start" [afterCompletion]="true" [errors]="errors()" prefix="rep-" />
            <p class="hint">Each time, a copy of this task is created on its date, with the same assignees, tags and priority.</p>
            @if (formError(); as e) { <p class="alert error" role="alert" data-testid="repeat-error">{{ e.message }}</p> }
            <div class="row">
              <button type="button" class="btn primary small" (click)="save()" [disabled]="busy()" data-testid="repeat-save">{{ busy() ? 'Saving…' : 'Repeat' }}</button>
              <button type="button" class="btn small" (click)="editing.set(false)">Cancel</button>
            </div>
          </div>
        }
      }
    </section>
  `,
})
export class TaskRepeat implements OnInit {
  private readonly calendar = inject(CalendarApi);
  private readonly session = inject(SessionStore);
  private readonly toasts = inject(Toasts);
  readonly task = input.required<Task>();
  readonly readOnly = input(false);

  protected readonly zones = allTimeZones();
  protected readonly series = signal<Series[]>([]);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly actionError = signal<ApiError | null>(null);
  protected readonly formError = signal<ApiError | null>(null);
  protected readonly errors = signal<Partial<Record<RecurrenceField, string>>>({});
  protected readonly editing = signal(false);
  protected readonly busy = signal(false);

  start = '';
  timezone = browserZone();
  choice: RecurrenceChoice = defaultChoice();

  ngOnInit(): void {
    this.load();
  }

  /** The task repeats already (a series that is not stopped). */
  protected active(): boolean {
    return this.series().some((s) => s.status !== 'stopped');
  }

  private load(): void {
    const t = this.task();
    this.calendar.projectSeries(t.projectId).subscribe({
      next: (r) => this.series.set(r.items.filter((s) => s.taskId === t.id)),
      error: (err: unknown) => this.loadError.set(toApiError(err)),
    });
  }

  protected fmt(instant: string): string {
    return formatInstant(instant, this.session.timezone(), this.session.locale());
  }

  open(): void {
    const t = this.task();
    this.timezone = browserZone();
    this.start = t.dueAt ? instantToWall(t.dueAt, this.timezone) : `${addDays(todayIn(this.timezone), 1)}T09:00`;
    this.choice = defaultChoice();
    this.errors.set({});
    this.formError.set(null);
    this.editing.set(true);
  }

  save(): void {
    const t = this.task();
    const body: SeriesRequest = { projectId: t.projectId, taskId: t.id, title: t.title, start: this.start, timezone: this.timezone };
    if (this.choice.kind === 'after_completion') {
      body.mode = 'after_completion';
      body.every = Math.trunc(this.choice.every);
      body.unit = this.choice.unit;
    } else {
      body.mode = 'fixed';
      body.rrule = buildRule(this.choice, this.start) ?? undefined;
    }
    this.busy.set(true);
    this.errors.set({});
    this.formError.set(null);
    this.calendar
      .createSeries(body)
      .pipe(
        // This task is the first occurrence when it is due then: no copy of it.
        switchMap((s) => (s.mode === 'fixed' && s.nextDueAt && t.dueAt && Date.parse(s.nextDueAt) === Date.parse(t.dueAt) ? this.calendar.skip(s.id, s.nextDueAt) : of(s))),
      )
      .subscribe({
        next: (s) => {
          this.busy.set(false);
          this.editing.set(false);
          this.series.update((l) => [...l.filter((x) => x.id !== s.id), s]);
          this.toasts.show(`“${t.title}” repeats ${s.summary}.`, 'success');
        },
        error: (err: unknown) => {
          this.busy.set(false);
          const e = toApiError(err);
          const rec = recurrenceError(e, this.choice.end);
          if (rec) this.errors.set({ [rec.field]: rec.message });
          else this.formError.set(e);
          this.load();
        },
      });
  }

  setStatus(s: Series, status: Series['status']): void {
    if (status === 'stopped' && !confirm(`Stop repeating “${s.title}” for good? Tasks created so far stay.`)) return;
    this.run(this.calendar.changeSeries(s.id, { status }));
  }

  skipNext(s: Series): void {
    if (!s.nextDueAt) return;
    this.run(this.calendar.skip(s.id, s.nextDueAt));
  }

  private run(req: ReturnType<CalendarApi['skip']>): void {
    this.busy.set(true);
    this.actionError.set(null);
    req.subscribe({
      next: (s) => {
        this.busy.set(false);
        this.series.update((l) => l.map((x) => (x.id === s.id ? s : x)));
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.actionError.set(toApiError(err));
        this.load();
      },
    });
  }
}
