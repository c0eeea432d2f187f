import { Injectable, inject, signal } from '@angular/core';
import { forkJoin } from 'rxjs';
import { Api } from './api';
import { ApiError, toApiError } from './errors';
import { Label, Member, Project } from './models';
import { People } from './people';

/**
 * The open project and what its screens share: members, categories and
 * tags. Provided by the project page, so its tabs (list, board, members,
 * labels, settings) and the task dialog read one copy, loaded once per
 * project and reloaded when a tab changes one of them.
 */
@Injectable()
export class ProjectContext {
  private readonly api = inject(Api);
  private readonly people = inject(People);

  readonly id = signal<string>('');
  readonly project = signal<Project | null>(null);
  readonly members = signal<Member[]>([]);
  readonly categories = signal<Label[]>([]);
  readonly tags = signal<Label[]>([]);
  readonly error = signal<ApiError | null>(null);

  load(id: string): void {
    if (id === this.id()) return;
    this.id.set(id);
    this.project.set(null);
    this.members.set([]);
    this.categories.set([]);
    this.tags.set([]);
    this.error.set(null);
    this.api.project(id).subscribe({
      next: (p) => this.project.set(p),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
    this.reloadMembers();
    this.reloadLabels();
  }

  reloadMembers(): void {
    const id = this.id();
    this.api.members(id).subscribe({
      next: (page) => {
        if (id !== this.id()) return;
        this.people.learn(page.items);
        this.members.set(page.items);
      },
      error: () => undefined,
    });
  }

  reloadLabels(): void {
    const id = this.id();
    forkJoin([this.api.labels(id, 'categories'), this.api.labels(id, 'tags')]).subscribe({
      next: ([c, t]) => {
        if (id !== this.id()) return;
        this.categories.set(c.items);
        this.tags.set(t.items);
      },
      error: () => undefined,
    });
  }
}

export type TaskView = 'list' | 'board';

/** The view (list or board) last used in each project, kept in this browser. */
@Injectable({ providedIn: 'root' })
export class ViewMemory {
  private key(projectId: string): string {
    return 'taskrocket.view.' + projectId;
  }

  get(projectId: string): TaskView {
    try {
      return localStorage.getItem(this.key(projectId)) === 'board' ? 'board' : 'list';
    } catch {
      return 'list';
    }
  }

  set(projectId: string, view: TaskView): void {
    try {
      localStorage.setItem(this.key(projectId), view);
    } catch {
      /* storage full or private: the choice lasts for this visit */
    }
  }
}
