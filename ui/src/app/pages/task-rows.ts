import { Component, computed, effect, inject, input, output, untracked } from '@angular/core';
import { CollabApi } from '../core/collab';
import { CommentCounts } from '../core/comment-counts';
import { CommentCount } from '../ui/comment-count';
import { RouterLink } from '@angular/router';
import { Label, Project, Task } from '../core/models';
import { People } from '../core/people';
import { SessionStore } from '../core/session';
import { formatInstant } from '../core/time';
import { StatusChange, TaskStatusSelect, isOverdue } from './task-status-select';

/**
 * Task rows: a grid on wide screens, cards on narrow ones (styles/tasks.css).
 * The title is a link to the task's dialog route (relative: `tasks/<id>`,
 * keeping the list's query), so a task can be opened in a new tab, copied
 * and shared. Every repeated control is named after its task.
 */
@Component({
  selector: 'tr-task-rows',
  imports: [RouterLink, TaskStatusSelect, CommentCount],
  template: `
    <ul class="task-list card" [class.no-select]="!selectable()" [attr.aria-label]="label()" [attr.data-testid]="testId()" [attr.aria-busy]="busy()">
      <li class="task-head" aria-hidden="true">
        @if (selectable()) { <span class="c-sel"></span> }
        <span class="c-title">Title</span>
        @if (projects()) { <span class="c-project">Project</span> }
        <span class="c-status">Status</span><span class="c-prio">Priority</span><span class="c-due">Due</span>
        @if (selectable()) { <span class="c-who">Assignees</span><span class="c-actions"></span> }
      </li>
      @for (t of tasks(); track t.id) {
        <li class="task-row" data-testid="task-row" [attr.data-task-id]="t.id" [class.done]="t.status === 'done'" [class.current]="t.id === currentId()" [class.selected]="selected().has(t.id)">
          @if (selectable()) {
            <span class="c-sel"><input type="checkbox" [checked]="selected().has(t.id)" (change)="toggle.emit(t.id)" [attr.aria-label]="'Select task “' + t.title + '”'" data-testid="task-select" /></span>
          }
          <div class="c-title">
            <a class="task-title" [routerLink]="['tasks', t.id]" queryParamsHandling="preserve" data-testid="task-row-title">{{ t.title }}</a>
            <div class="chips">
              @if (categoryName(t.categoryId); as c) { <span class="chip">{{ c }}</span> }
              @for (tag of tagsOf(t); track tag.id) { <span class="chip">#{{ tag.name }}</span> }
              @if (commentCounts()[t.id]; as n) { <tr-comment-count [n]="n" /> }
            </div>
          </div>
          @if (projects(); as ps) {
            <span class="c-project">
              @if (ps[t.projectId]; as p) {
                <a [routerLink]="['/projects', p.id]" data-testid="task-project">{{ p.name }} <span class="badge">{{ p.key }}</span></a>
                @if (p.archived) { <span class="badge warn">Archived</span> }
              } @else {
                <a [routerLink]="['/projects', t.projectId]" class="muted" data-testid="task-project">Project</a>
              }
            </span>
          }
          <span class="c-status">
            <tr-task-status-select [task]="t" [disabled]="isArchived(t)" (changed)="statusChanged.emit($event)" />
            <span class="meta-narrow prio" [class]="'meta-narrow prio p-' + t.priority">{{ t.priority === 'none' ? '' : t.priority }}</span>
            @if (t.dueAt) { <span class="meta-narrow small" [class.overdue]="overdue(t)">Due {{ fmt(t.dueAt) }}</span> }
          </span>
          <span class="c-prio"><span class="prio" [class]="'prio p-' + t.priority">{{ t.priority }}</span>@if (t.effectivePriorityReason && t.effectivePriority) { <span class="prio effective" [class]="'prio effective p-' + t.effectivePriority" [title]="t.effectivePriorityReason" data-testid="row-effective-priority"><span aria-hidden="true">→ </span><span class="sr-only">effective: </span>{{ t.effectivePriority }}</span> }</span>
          <span class="c-due" [class.overdue]="overdue(t)">{{ fmt(t.dueAt) }}@if (overdue(t)) { <span class="sr-only"> (overdue)</span> }</span>
          @if (selectable()) {
            <span class="c-who" [title]="assigneeNames(t, true)" data-testid="task-assignees">{{ assigneeNames(t) }}</span>
            <span class="c-actions">
              <a class="btn small icon" [routerLink]="['tasks', t.id]" [queryParams]="{ edit: 1 }" queryParamsHandling="merge" [attr.aria-label]="'Edit task “' + t.title + '”'" title="Edit" data-testid="task-edit">✎</a>
              <button type="button" class="btn small icon danger" (click)="remove.emit(t)" [disabled]="isArchived(t)" [attr.aria-label]="'Delete task “' + t.title + '”'" title="Delete" data-testid="task-delete"><svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3"/></svg></button>
            </span>
          }
        </li>
      }
    </ul>
  `,
})
export class TaskRows {
  private readonly people = inject(People);
  private readonly session = inject(SessionStore);

  readonly tasks = input.required<Task[]>();
  readonly label = input('Tasks');
  readonly testId = input('task-table');
  readonly busy = input(false);
  /** Selection checkboxes, assignees and row actions (a project's list). */
  readonly selectable = input(false);
  readonly selected = input<ReadonlySet<string>>(new Set());
  readonly currentId = input<string | null>(null);
  /** My tasks: the projects by id, for the Project column. */
  readonly projects = input<Record<string, Project> | null>(null);
  readonly archived = input(false);
  readonly categories = input<Label[]>([]);
  readonly tags = input<Label[]>([]);

  readonly toggle = output<string>();
  readonly statusChanged = output<StatusChange>();
  readonly remove = output<Task>();

  private readonly tagById = computed(() => new Map(this.tags().map((t) => [t.id, t])));
  /** Comments per task of the rows shown: one comment-counts call per project on the page. */
  private readonly comments = new CommentCounts(inject(CollabApi));
  protected readonly commentCounts = this.comments.counts;

  constructor() {
    effect(() => {
      const tasks = this.tasks();
      untracked(() => this.comments.load(tasks));
    });
  }

  isArchived(t: Task): boolean {
    return this.archived() || !!this.projects()?.[t.projectId]?.archived;
  }

  fmt(instant: string | null): string {
    return formatInstant(instant, this.session.timezone(), this.session.locale());
  }

  overdue(t: Task): boolean {
    return isOverdue(t);
  }

  categoryName(id: string | null): string | undefined {
    return id ? this.categories().find((c) => c.id === id)?.name : undefined;
  }

  tagsOf(t: Task): Label[] {
    const byId = this.tagById();
    return t.tagIds.map((id) => byId.get(id)).filter((x): x is Label => !!x);
  }

  /** The assignees by display name ("You" for the signed-in user), or in full ("Display Name @username"). */
  assigneeNames(t: Task, full = false): string {
    const me = this.session.user()?.id;
    return t.assigneeIds.map((id) => (full ? this.people.full(id, me) : this.people.label(id, me))).join(', ');
  }
}
