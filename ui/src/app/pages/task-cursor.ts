import { computed, signal } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { BulkItem } from '../core/bulk';
import { Task } from '../core/models';
import { TaskCursorKeys } from './task-keys';

const NONE: ReadonlySet<string> = new Set();

/**
 * The current task and the selection of a task screen (the list or the
 * board), and the keyboard moves over them: j/k, Enter/e to open, x to
 * select, Escape to clear. `order` is the tasks in reading order.
 */
export class TaskCursor implements TaskCursorKeys {
  readonly currentId = signal<string | null>(null);
  readonly selected = signal<ReadonlySet<string>>(NONE);
  readonly selectedTasks = computed(() => this.order().filter((t) => this.selected().has(t.id)));
  readonly allSelected = computed(() => this.order().length > 0 && this.order().every((t) => this.selected().has(t.id)));

  constructor(
    private readonly order: () => Task[],
    private readonly router: Router,
    private readonly route: ActivatedRoute,
  ) {}

  current(): Task | undefined {
    return this.order().find((t) => t.id === this.currentId());
  }

  toggle(id: string): void {
    const next = new Set(this.selected());
    if (!next.delete(id)) next.add(id);
    this.selected.set(next);
  }

  toggleAll(): void {
    this.selected.set(this.allSelected() ? NONE : new Set(this.order().map((t) => t.id)));
  }

  clear(): void {
    this.selected.set(NONE);
  }

  /** After a bulk action the tasks that failed stay selected, to retry or see. */
  afterBulk(items: BulkItem[]): void {
    const failed = new Set(items.filter((i) => i.error).map((i) => i.task.id));
    this.selected.set(failed.size ? failed : NONE);
  }

  /** Tab or a click into a task makes it the current one. */
  follow(e: FocusEvent): void {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-task-id]');
    if (el) this.currentId.set(el.dataset['taskId'] ?? null);
  }

  move(step: 1 | -1): void {
    const list = this.order();
    if (!list.length) return;
    const i = list.findIndex((t) => t.id === this.currentId());
    const next = list[i < 0 ? (step > 0 ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, i + step))];
    this.currentId.set(next.id);
    focusTask(next.id);
  }

  open(edit: boolean): void {
    const id = this.currentId();
    if (id) void this.router.navigate(['tasks', id], { relativeTo: this.route, queryParamsHandling: 'merge', queryParams: edit ? { edit: 1 } : {} });
  }

  toggleCurrent(): void {
    const id = this.currentId();
    if (id) this.toggle(id);
  }

  escape(): void {
    this.clear();
  }
}

/** Moves the focus to a task's link (after the view has caught up) and scrolls it into view. */
export function focusTask(id: string): void {
  setTimeout(() => {
    const el = document.querySelector<HTMLElement>(`[data-task-id="${id}"] .task-title`);
    el?.focus();
    el?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  });
}
