import { Component, OnInit, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { Api } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { ViewMemory } from '../core/project-context';

/** `/tasks/<id>`, a task's link that does not name its project: opens it over its project's list or board. */
@Component({
  selector: 'tr-task-link',
  imports: [RouterLink],
  template: `
    @if (error(); as e) {
      <p class="alert error" role="alert">{{ e.status === 404 ? 'This task does not exist (any more), or you are not a member of its project.' : e.message }}</p>
      <a routerLink="/projects">Your projects</a>
    } @else {
      <p class="muted" aria-busy="true">Opening the task…</p>
    }
  `,
})
export class TaskLinkPage implements OnInit {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly views = inject(ViewMemory);
  readonly taskId = input.required<string>();
  protected readonly error = signal<ApiError | null>(null);

  ngOnInit(): void {
    this.api.task(this.taskId()).subscribe({
      next: (t) => void this.router.navigate(['/projects', t.projectId, this.views.get(t.projectId), 'tasks', t.id], { replaceUrl: true, preserveFragment: true }),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }
}
