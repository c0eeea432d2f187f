import { Component, computed, input } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { PRESETS, RecurrenceChoice, RecurrenceField, WEEKDAYS, WEEKDAY_NAME, Weekday, buildRule, nthWeekdayOf } from '../core/recurrence';

const ORDINAL: Record<string, string> = { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', '-1': 'last' };

/**
 * The parts of a recurrence: a preset or a custom rule (frequency,
 * interval, weekdays, the monthly day), an end (never, after N times, on a
 * date) and, for tasks, "N days or weeks after completion". Edits the
 * choice object it is given (the owner reads it when saving) and shows the
 * RRULE it makes. `errors` are the server's, by field (core/recurrence.ts).
 */
@Component({
  selector: 'tr-recurrence-fields',
  imports: [FormsModule],
  styles: `
    .days { display: flex; flex-wrap: wrap; gap: .35rem .8rem; }
    code { font-size: .8rem; overflow-wrap: anywhere; }
  `,
  template: `
    @let c = choice();
    <div class="form-grid">
      <label class="field wide">
        <span>Pattern</span>
        <select [name]="p + 'kind'" [(ngModel)]="c.kind" [attr.data-testid]="p + 'kind'" [attr.aria-describedby]="p + 'rule-error'" [attr.aria-invalid]="!!errors()['rule']">
          <option value="preset">Like a preset</option>
          <option value="custom">Custom</option>
          @if (afterCompletion()) { <option value="after_completion">Some time after each is completed</option> }
        </select>
      </label>
      @if (c.kind === 'preset') {
        <label class="field wide">
          <span>Preset</span>
          <select [name]="p + 'preset'" [(ngModel)]="c.preset" [attr.data-testid]="p + 'preset'">
            @for (x of presets; track x.key) { <option [value]="x.key">{{ x.label }}</option> }
          </select>
        </label>
      } @else if (c.kind === 'custom') {
        <label class="field">
          <span>Every</span>
          <input type="number" min="1" max="1000" [name]="p + 'interval'" [(ngModel)]="c.interval" [attr.data-testid]="p + 'interval'" />
        </label>
        <label class="field">
          <span>Unit</span>
          <select [name]="p + 'freq'" [(ngModel)]="c.freq" [attr.data-testid]="p + 'freq'">
            <option value="DAILY">{{ c.interval > 1 ? 'days' : 'day' }}</option>
            <option value="WEEKLY">{{ c.interval > 1 ? 'weeks' : 'week' }}</option>
            <option value="MONTHLY">{{ c.interval > 1 ? 'months' : 'month' }}</option>
            <option value="YEARLY">{{ c.interval > 1 ? 'years' : 'year' }}</option>
          </select>
        </label>
        @if (c.freq === 'WEEKLY') {
          <fieldset class="field wide">
            <legend>On</legend>
            <div class="days">
              @for (d of weekdays; track d) {
                <label class="check"><input type="checkbox" [name]="p + 'day-' + d" [checked]="c.byDay.includes(d)" (change)="toggleDay(d)" [attr.data-testid]="p + 'day-' + d" /> {{ names[d] }}</label>
              }
            </div>
            <span class="hint">None ticked: the start’s weekday.</span>
          </fieldset>
        }
        @if (c.freq === 'MONTHLY') {
          <label class="field wide">
            <span>On</span>
            <select [name]="p + 'monthlyBy'" [(ngModel)]="c.monthlyBy" [attr.data-testid]="p + 'monthly-by'">
              <option value="day">day {{ startDay() }} of the month</option>
              <option value="weekday">the {{ nthLabel() }}</option>
            </select>
          </label>
        }
      } @else {
        <label class="field">
          <span>After completion, every</span>
          <input type="number" min="1" max="365" [name]="p + 'every'" [(ngModel)]="c.every" [attr.data-testid]="p + 'every'"
            [attr.aria-describedby]="p + 'every-error'" [attr.aria-invalid]="!!errors()['every']" />
          @if (errors()['every']; as m) { <small class="field-error" [id]="p + 'every-error'" data-testid="field-error">{{ m }}</small> }
        </label>
        <label class="field">
          <span>Unit</span>
          <select [name]="p + 'unit'" [(ngModel)]="c.unit" [attr.data-testid]="p + 'unit'">
            <option value="days">days</option>
            <option value="weeks">weeks</option>
          </select>
        </label>
      }
      @if (errors()['rule']; as m) { <small class="field-error wide" [id]="p + 'rule-error'" data-testid="field-error">{{ m }}</small> }
      @if (c.kind !== 'after_completion') {
        <fieldset class="field wide">
          <legend>Ends</legend>
          <div class="days">
            <label class="check"><input type="radio" [name]="p + 'end'" value="never" [(ngModel)]="c.end" [attr.data-testid]="p + 'end-never'" /> Never</label>
            <label class="check"><input type="radio" [name]="p + 'end'" value="count" [(ngModel)]="c.end" [attr.data-testid]="p + 'end-count'" /> After</label>
            <label class="check"><input type="radio" [name]="p + 'end'" value="until" [(ngModel)]="c.end" [attr.data-testid]="p + 'end-until'" /> On a date</label>
          </div>
          @if (c.end === 'count') {
            <label class="field">
              <span>Times</span>
              <input type="number" min="1" max="3660" [name]="p + 'count'" [(ngModel)]="c.count" [attr.data-testid]="p + 'count'"
                [attr.aria-describedby]="p + 'count-error'" [attr.aria-invalid]="!!errors()['count']" />
              @if (errors()['count']; as m) { <small class="field-error" [id]="p + 'count-error'" data-testid="field-error">{{ m }}</small> }
            </label>
          }
          @if (c.end === 'until') {
            <label class="field">
              <span>Last day</span>
              <input type="date" [name]="p + 'until'" [(ngModel)]="c.until" [attr.data-testid]="p + 'until'"
                [attr.aria-describedby]="p + 'until-error'" [attr.aria-invalid]="!!errors()['until']" />
              @if (errors()['until']; as m) { <small class="field-error" [id]="p + 'until-error'" data-testid="field-error">{{ m }}</small> }
            </label>
          }
        </fieldset>
        <p class="wide hint">Rule: <code [attr.data-testid]="p + 'rrule'">{{ rule() }}</code></p>
      }
    </div>
  `,
})
export class RecurrenceFields {
  readonly choice = input.required<RecurrenceChoice>();
  /** The series' start, "YYYY-MM-DDTHH:mm" (the day a monthly rule and the weekly default follow). */
  readonly start = input('');
  /** Offer "after completion" (recurring tasks). */
  readonly afterCompletion = input(false);
  readonly errors = input<Partial<Record<RecurrenceField, string>>>({});
  /** Prefix of names, ids and test ids, so two editors on one page stay apart. */
  readonly prefix = input('rec-');

  protected readonly presets = PRESETS;
  protected readonly weekdays = WEEKDAYS;
  protected readonly names = WEEKDAY_NAME;
  protected get p(): string {
    return this.prefix();
  }
  protected readonly startDay = computed(() => +this.start().slice(8, 10) || 1);
  protected readonly nthLabel = computed(() => {
    const s = this.start();
    if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return 'same weekday';
    const n = nthWeekdayOf(s);
    return `${ORDINAL[n.slice(0, -2)] ?? n.slice(0, -2)} ${WEEKDAY_NAME[n.slice(-2) as Weekday]}`;
  });

  /** A method: the choice is mutated in place by the fields. */
  protected rule(): string {
    return buildRule(this.choice(), this.start()) ?? '';
  }

  protected toggleDay(d: Weekday): void {
    const c = this.choice();
    c.byDay = c.byDay.includes(d) ? c.byDay.filter((x) => x !== d) : [...c.byDay, d];
  }
}
