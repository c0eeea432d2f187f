import { Component, OnInit, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Api } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { PRIORITIES, PRIORITY_LABEL, Priority, PriorityRule, RuleCondition, RuleInput, RulePreviewItem, STATUSES, STATUS_LABEL } from '../core/models';
import { ProjectContext } from '../core/project-context';

const KINDS: { kind: RuleCondition['kind']; label: string }[] = [
  { kind: 'due_within', label: 'Due within … hours' },
  { kind: 'overdue', label: 'Overdue' },
  { kind: 'no_due_date', label: 'No due date' },
  { kind: 'tag_is', label: 'Has tag' },
  { kind: 'category_is', label: 'Category is' },
  { kind: 'status_is', label: 'Status is' },
  { kind: 'assignee_is', label: 'Assigned to' },
  { kind: 'unassigned', label: 'Unassigned' },
  { kind: 'idle_for', label: 'Idle for … days' },
];

/**
 * The project's priority rules (project settings): the list in the order
 * they apply, and for the owner a form to add one, with a preview of the
 * tasks it would change before it is saved.
 */
@Component({
  selector: 'tr-priority-rules',
  imports: [FormsModule],
  template: `
    <section class="card" data-testid="priority-rules">
      <h2>Priority rules</h2>
      <p class="muted small">Rules apply in order to each open task's priority: “at least” raises it, “exactly” sets it. Next up and the task lists show the result.</p>
      @if (rules().length) {
        <ol class="rules" data-testid="rule-list">
          @for (r of rules(); track r.id; let i = $index) {
            <li data-testid="rule">
              <span class="grow">{{ describe(r) }}</span>
              @if (isOwner()) {
                <button type="button" class="btn small" (click)="move(i, -1)" [disabled]="busy() || i === 0" [attr.aria-label]="'Move rule ' + (i + 1) + ' up'">↑</button>
                <button type="button" class="btn small danger" (click)="remove(r)" [disabled]="busy()" [attr.aria-label]="'Delete rule ' + (i + 1)" data-testid="rule-delete">Delete</button>
              }
            </li>
          }
        </ol>
      } @else {
        <p class="muted" data-testid="no-rules">No rules: every task keeps the priority set on it.</p>
      }
      @if (isOwner() && !archived()) {
        <form class="form-grid" (ngSubmit)="save()" data-testid="rule-form">
          <label class="field">
            <span>When</span>
            <select name="kind" [(ngModel)]="kind" (ngModelChange)="clearPreview()" data-testid="rule-kind">
              @for (k of kinds; track k.kind) { <option [value]="k.kind">{{ k.label }}</option> }
            </select>
          </label>
          @if (kind === 'due_within') {
            <label class="field"><span>Hours</span><input name="hours" type="number" min="1" [(ngModel)]="hours" (ngModelChange)="clearPreview()" data-testid="rule-hours" /></label>
          }
          @if (kind === 'idle_for') {
            <label class="field"><span>Days</span><input name="days" type="number" min="1" [(ngModel)]="days" (ngModelChange)="clearPreview()" data-testid="rule-days" /></label>
          }
          @if (kind === 'tag_is') {
            <label class="field"><span>Tag</span>
              <select name="value" [(ngModel)]="value" (ngModelChange)="clearPreview()" data-testid="rule-value">
                @for (t of ctx.tags(); track t.id) { <option [value]="t.id">{{ t.name }}</option> }
              </select></label>
          }
          @if (kind === 'category_is') {
            <label class="field"><span>Category</span>
              <select name="value" [(ngModel)]="value" (ngModelChange)="clearPreview()" data-testid="rule-value">
                @for (c of ctx.categories(); track c.id) { <option [value]="c.id">{{ c.name }}</option> }
              </select></label>
          }
          @if (kind === 'status_is') {
            <label class="field"><span>Status</span>
              <select name="value" [(ngModel)]="value" (ngModelChange)="clearPreview()" data-testid="rule-value">
                @for (s of statuses; track s) { <option [value]="s">{{ statusLabel[s] }}</option> }
              </select></label>
          }
          @if (kind === 'assignee_is') {
            <label class="field"><span>Member</span>
              <select name="value" [(ngModel)]="value" (ngModelChange)="clearPreview()" data-testid="rule-value">
                @for (m of ctx.members(); track m.userId) { <option [value]="m.userId">{{ m.displayName || m.username }}</option> }
              </select></label>
          }
          <label class="field">
            <span>Then priority is</span>
            <select name="effect" [(ngModel)]="effect" (ngModelChange)="clearPreview()" data-testid="rule-effect">
              <option value="at_least">at least</option>
              <option value="exactly">exactly</option>
            </select>
          </label>
          <label class="field">
            <span>Level</span>
            <select name="level" [(ngModel)]="level" (ngModelChange)="clearPreview()" data-testid="rule-level">
              @for (p of priorities; track p) { <option [value]="p">{{ priorityLabel[p] }}</option> }
            </select>
          </label>
          @if (error(); as e) { <p class="alert error wide" role="alert" data-testid="rule-error">{{ e.message }}</p> }
          <div class="wide row">
            <button type="button" class="btn" (click)="preview()" [disabled]="busy()" data-testid="rule-preview">Preview</button>
            <button type="submit" class="btn primary" [disabled]="busy()" data-testid="rule-save">Add rule</button>
          </div>
          @if (previewed(); as items) {
            <div class="wide" role="status" data-testid="rule-preview-result">
              @if (items.length === 0) {
                <p class="muted">This rule would change no open task.</p>
              } @else {
                <p>This rule would change {{ items.length === 1 ? '1 task' : items.length + ' tasks' }}:</p>
                <ul>
                  @for (p of items; track p.taskId) {
                    <li data-testid="rule-preview-item">{{ p.title }}: {{ priorityLabel[p.from] }} → {{ priorityLabel[p.to] }}</li>
                  }
                </ul>
              }
            </div>
          }
        </form>
      }
    </section>
  `,
  styles: `
    .rules { padding-left: 1.2rem; }
    .rules li { display: flex; gap: .5rem; align-items: center; padding: .25rem 0; }
  `,
})
export class PriorityRules implements OnInit {
  private readonly api = inject(Api);
  protected readonly ctx = inject(ProjectContext);
  protected readonly kinds = KINDS;
  protected readonly priorities = PRIORITIES;
  protected readonly priorityLabel = PRIORITY_LABEL;
  protected readonly statuses = STATUSES;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly isOwner = computed(() => this.ctx.project()?.role === 'owner');
  protected readonly archived = computed(() => !!this.ctx.project()?.archived);
  protected readonly rules = signal<PriorityRule[]>([]);
  protected readonly previewed = signal<RulePreviewItem[] | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  kind: RuleCondition['kind'] = 'due_within';
  hours = 24;
  days = 7;
  value = '';
  effect: 'at_least' | 'exactly' = 'at_least';
  level: Priority = 'urgent';

  private get projectId(): string {
    return this.ctx.project()?.id ?? '';
  }

  ngOnInit(): void {
    this.load();
  }

  private load(): void {
    this.api.priorityRules(this.projectId).subscribe({
      next: (r) => this.rules.set(r.items),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  protected describe(r: PriorityRule): string {
    const verb = r.effect.kind === 'at_least' ? 'at least' : 'exactly';
    return `When ${r.description}, priority ${verb} ${PRIORITY_LABEL[r.effect.level]}`;
  }

  private input(): RuleInput {
    const condition: RuleCondition = { kind: this.kind };
    if (this.kind === 'due_within') condition.hours = Number(this.hours);
    if (this.kind === 'idle_for') condition.days = Number(this.days);
    if (['tag_is', 'category_is', 'status_is', 'assignee_is'].includes(this.kind)) condition.value = this.value;
    return { condition, effect: { kind: this.effect, level: this.level } };
  }

  clearPreview(): void {
    this.previewed.set(null);
  }

  preview(): void {
    this.busy.set(true);
    this.error.set(null);
    this.api.previewPriorityRule(this.projectId, this.input()).subscribe({
      next: (r) => {
        this.previewed.set(r.items);
        this.busy.set(false);
      },
      error: (err: unknown) => this.fail(err),
    });
  }

  save(): void {
    this.busy.set(true);
    this.error.set(null);
    this.api.createPriorityRule(this.projectId, this.input()).subscribe({
      next: (r) => {
        this.rules.update((rs) => [...rs, r]);
        this.previewed.set(null);
        this.busy.set(false);
      },
      error: (err: unknown) => this.fail(err),
    });
  }

  remove(r: PriorityRule): void {
    this.busy.set(true);
    this.api.deletePriorityRule(this.projectId, r.id).subscribe({
      next: () => {
        this.rules.update((rs) => rs.filter((x) => x.id !== r.id));
        this.busy.set(false);
      },
      error: (err: unknown) => this.fail(err),
    });
  }

  move(i: number, by: number): void {
    const ids = this.rules().map((r) => r.id);
    const [id] = ids.splice(i, 1);
    ids.splice(i + by, 0, id);
    this.busy.set(true);
    this.api.reorderPriorityRules(this.projectId, ids).subscribe({
      next: (r) => {
        this.rules.set(r.items);
        this.busy.set(false);
      },
      error: (err: unknown) => this.fail(err),
    });
  }

  private fail(err: unknown): void {
    this.error.set(toApiError(err));
    this.busy.set(false);
  }
}
