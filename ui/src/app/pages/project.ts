import { Component, effect, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { forkJoin } from 'rxjs';
import { Api } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { Label, Member, Project } from '../core/models';
import { People } from '../core/people';
import { LabelsPanel } from './labels-panel';
import { MembersPanel } from './members-panel';
import { SettingsPanel } from './settings-panel';
import { TasksPanel } from './tasks-panel';

type Tab = 'tasks' | 'members' | 'labels' | 'settings';

@Component({
  selector: 'tr-project',
  imports: [RouterLink, TasksPanel, MembersPanel, LabelsPanel, SettingsPanel],
  template: `
    <p class="crumbs"><a routerLink="/projects">← Projects</a></p>
    @if (error(); as e) {
      <p class="alert error" role="alert">{{ e.message }}</p>
    }
    @if (project(); as p) {
      <div class="page-head">
        <div class="row">
          <span class="swatch big" [style.background]="p.color || '#94a3b8'"></span>
          <div>
            <h1 data-testid="project-title">{{ p.name }} <span class="badge">{{ p.key }}</span>
              @if (p.archived) { <span class="badge warn">Archived</span> }
            </h1>
            @if (p.description) { <p class="muted pre">{{ p.description }}</p> }
          </div>
        </div>
      </div>
      <nav class="tabs" role="tablist">
        <button type="button" role="tab" [class.active]="tab() === 'tasks'" (click)="tab.set('tasks')" data-testid="tab-tasks">Tasks</button>
        <button type="button" role="tab" [class.active]="tab() === 'members'" (click)="tab.set('members')" data-testid="tab-members">Members ({{ members().length }})</button>
        <button type="button" role="tab" [class.active]="tab() === 'labels'" (click)="tab.set('labels')" data-testid="tab-labels">Categories &amp; tags</button>
        <button type="button" role="tab" [class.active]="tab() === 'settings'" (click)="tab.set('settings')" data-testid="tab-settings">Settings</button>
      </nav>
      @switch (tab()) {
        @case ('tasks') {
          <tr-tasks-panel [project]="p" [members]="members()" [categories]="categories()" [tags]="tags()" />
        }
        @case ('members') {
          <tr-members-panel [project]="p" [members]="members()" (changed)="reloadMembers()" (transferred)="transferred($event)" />
        }
        @case ('labels') {
          <tr-labels-panel [project]="p" [categories]="categories()" [tags]="tags()" (changed)="reloadLabels()" />
        }
        @case ('settings') {
          <tr-settings-panel [project]="p" (updated)="project.set($event)" (gone)="gone()" />
        }
      }
    } @else if (!error()) {
      <p class="muted">Loading…</p>
    }
  `,
})
export class ProjectPage {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly people = inject(People);
  readonly id = input.required<string>();

  protected readonly project = signal<Project | null>(null);
  protected readonly members = signal<Member[]>([]);
  protected readonly categories = signal<Label[]>([]);
  protected readonly tags = signal<Label[]>([]);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly tab = signal<Tab>('tasks');

  constructor() {
    effect(() => {
      const id = this.id();
      this.project.set(null);
      this.error.set(null);
      this.tab.set('tasks');
      this.api.project(id).subscribe({
        next: (p) => this.project.set(p),
        error: (err: unknown) => this.error.set(toApiError(err)),
      });
      this.reloadMembers();
      this.reloadLabels();
    });
  }

  reloadMembers(): void {
    this.api.members(this.id()).subscribe({
      next: (page) => {
        this.people.learn(page.items);
        this.members.set(page.items);
      },
      error: () => this.members.set([]),
    });
  }

  reloadLabels(): void {
    forkJoin([this.api.labels(this.id(), 'categories'), this.api.labels(this.id(), 'tags')]).subscribe({
      next: ([c, t]) => {
        this.categories.set(c.items);
        this.tags.set(t.items);
      },
      error: () => undefined,
    });
  }

  transferred(p: Project): void {
    this.project.set(p);
    this.reloadMembers();
  }

  gone(): void {
    void this.router.navigate(['/projects']);
  }
}
