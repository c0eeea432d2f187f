import { Component, ElementRef, Signal, WritableSignal, inject, input, signal, viewChild } from '@angular/core';
import { Label, Member, PRIORITIES, STATUSES, STATUS_LABEL, PRIORITY_LABEL } from '../core/models';
import { memberName } from '../core/people';
import { SessionStore } from '../core/session';
import { ListFilters, SortKey } from '../core/task-query';

/** What the toolbar drives: a TaskListView. */
export interface FilterHost {
  filters: Signal<ListFilters>;
  qText: WritableSignal<string>;
  filterCount: Signal<number>;
  setFilters(patch: Partial<ListFilters>, replaceUrl?: boolean): void;
  typeQuery(q: string): void;
  clearFilters(): void;
  flipOrder(): void;
}

/**
 * Filters and sort of a task list. `kind` decides which apply: a project's
 * list has them all; the board has no status (its columns are the status)
 * and no sort (cards keep the manual order); My tasks filters by due days
 * and by whose tasks (yours, or everyone's in your projects).
 */
@Component({
  selector: 'tr-task-toolbar',
  template: `
    @let f = host().filters();
    <div class="toolbar card" [class.open]="open()" role="group" aria-label="Filters and sort">
      <input #search class="grow" type="search" placeholder="Filter by title…  ( / )" [value]="host().qText()" (input)="host().typeQuery(search.value)"
        aria-label="Filter by title" data-testid="filter-q" />
      <button type="button" class="btn only-narrow" (click)="open.set(!open())" [attr.aria-expanded]="open()" aria-controls="more-filters" data-testid="filters-toggle">
        Filters{{ host().filterCount() ? ' (' + host().filterCount() + ')' : '' }}
      </button>
      <div class="toolbar-more" id="more-filters">
      @if (kind() !== 'board') {
        <select [value]="f.status" (change)="set({ status: $any(sel(status)) })" #status aria-label="Status" data-testid="filter-status">
          <option value="">Any status</option>
          @for (s of statuses; track s) { <option [value]="s" [selected]="s === f.status">{{ statusLabel[s] }}</option> }
        </select>
      }
      <select #prio (change)="set({ priority: $any(sel(prio)) })" aria-label="Priority" data-testid="filter-priority">
        <option value="">Any priority</option>
        @for (p of priorities; track p) { <option [value]="p" [selected]="p === f.priority">{{ priorityLabel[p] }}</option> }
      </select>
      <select #who (change)="set({ assignee: sel(who) })" aria-label="Assignee" data-testid="filter-assignee">
        @if (kind() === 'my') {
          <option value="me" [selected]="f.assignee === 'me'">Assigned to me</option>
          <option value="any" [selected]="f.assignee === 'any'">Everyone's, all my projects</option>
        } @else {
          <option value="any" [selected]="f.assignee === 'any'">Anyone</option>
          <option value="me" [selected]="f.assignee === 'me'">Assigned to me</option>
          @for (m of members(); track m.userId) {
            @if (m.userId !== meId()) { <option [value]="m.userId" [selected]="f.assignee === m.userId">{{ name(m) }}</option> }
          }
        }
      </select>
      @if (tags().length) {
        <select #tag (change)="set({ tag: sel(tag) })" aria-label="Tag" data-testid="filter-tag">
          <option value="">Any tag</option>
          @for (t of tags(); track t.id) { <option [value]="t.id" [selected]="f.tag === t.id">#{{ t.name }}</option> }
        </select>
      }
      @if (kind() === 'my') {
        <label class="check">Due from <input #from type="date" [value]="f.dueFrom" (change)="set({ dueFrom: from.value })" [title]="'Due on or after this day (' + session.timezone() + ')'" data-testid="filter-due-from" /></label>
        <label class="check">to <input #to type="date" [value]="f.dueTo" (change)="set({ dueTo: to.value })" [title]="'Due on or before this day (' + session.timezone() + ')'" data-testid="filter-due-to" /></label>
      }
      <label class="check"><input #od type="checkbox" [checked]="f.overdue" (change)="set({ overdue: od.checked })" data-testid="filter-overdue" /> Overdue</label>
      @if (kind() !== 'board') {
        <select #sort (change)="set({ sort: $any(sel(sort)) })" aria-label="Sort by" data-testid="sort">
          @for (s of sorts(); track s.value) { <option [value]="s.value" [selected]="f.sort === s.value">Sort: {{ s.label }}</option> }
        </select>
        <button type="button" class="btn small" (click)="host().flipOrder()" title="Change the order" data-testid="order">
          {{ f.order === 'asc' ? '↑ Ascending' : f.order === 'desc' ? '↓ Descending' : '⇅ Default order' }}
        </button>
      }
      @if (host().filterCount(); as n) {
        <button type="button" class="btn small ghost" (click)="host().clearFilters()" data-testid="clear-filters">Clear filters ({{ n }})</button>
      }
      </div>
    </div>
  `,
})
export class TaskToolbar {
  protected readonly session = inject(SessionStore);
  readonly host = input.required<FilterHost>();
  readonly kind = input<'list' | 'board' | 'my'>('list');
  readonly members = input<Member[]>([]);
  readonly tags = input<Label[]>([]);
  /** Narrow screens: the filters beyond the search box are folded away until asked for. */
  protected readonly open = signal(false);
  private readonly search = viewChild<ElementRef<HTMLInputElement>>('search');

  protected readonly statuses = STATUSES;
  protected readonly priorities = PRIORITIES;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly priorityLabel = PRIORITY_LABEL;

  protected sorts(): { value: SortKey; label: string }[] {
    const all: { value: SortKey; label: string }[] = [
      { value: 'priority', label: 'priority' },
      { value: 'due', label: 'due date' },
      { value: 'created', label: 'created' },
      { value: 'updated', label: 'updated' },
      { value: 'position', label: 'manual order' },
    ];
    return this.kind() === 'my' ? all.filter((s) => s.value !== 'position') : all;
  }

  protected meId(): string | undefined {
    return this.session.user()?.id;
  }

  protected name(m: Member): string {
    return memberName(m);
  }

  protected sel(el: HTMLSelectElement): string {
    return el.value;
  }

  protected set(patch: Partial<ListFilters>): void {
    this.host().setFilters(patch);
  }

  focusSearch(): void {
    const el = this.search()?.nativeElement;
    el?.focus();
    el?.select();
  }
}
