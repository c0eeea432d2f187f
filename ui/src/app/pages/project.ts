import { Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { ProjectContext, TaskView, ViewMemory } from '../core/project-context';
import { TabLinkDef, TabNav } from '../ui/tab-nav';

/**
 * A project: its header and tabs, each tab a child route
 * (`list` | `board` | `calendar`, `members`, `labels`, `settings`). The "Tasks" tab opens
 * the view last used in this project.
 */
@Component({
  selector: 'tr-project',
  imports: [RouterLink, RouterOutlet, TabNav],
  providers: [ProjectContext],
  template: `
    <p class="crumbs"><a routerLink="/projects">← Projects</a></p>
    @if (ctx.error(); as e) {
      <div class="alert error" role="alert" data-testid="project-error">
        {{ e.status === 404 ? 'This project does not exist, or you are not one of its members.' : e.message }}
        <a routerLink="/projects">Back to your projects</a>
      </div>
    }
    @if (ctx.project(); as p) {
      <div class="page-head">
        <div class="row" style="flex-wrap: nowrap">
          <span class="swatch big" [style.background]="p.color || '#94a3b8'" aria-hidden="true"></span>
          <div style="min-width: 0">
            <h1 data-testid="project-title">{{ p.name }} <span class="badge">{{ p.key }}</span>
              @if (p.archived) { <span class="badge warn">Archived</span> }
            </h1>
            @if (p.description) { <p class="muted pre clamp hide-sm">{{ p.description }}</p> }
          </div>
        </div>
      </div>
      <tr-tab-nav [tabs]="tabs()" [base]="'/projects/' + p.id" label="Project sections" />
      <div id="tabpanel" role="tabpanel" [attr.aria-labelledby]="'tab-' + currentTab()">
        <router-outlet />
      </div>
    } @else if (!ctx.error()) {
      <div aria-busy="true"><p class="muted">Loading the project…</p><div class="skeleton"></div><div class="skeleton"></div></div>
    }
  `,
})
export class ProjectPage {
  protected readonly ctx = inject(ProjectContext);
  private readonly memory = inject(ViewMemory);
  private readonly router = inject(Router);
  readonly id = input.required<string>();

  private readonly url = toSignal(this.router.events.pipe(filter((e) => e instanceof NavigationEnd), map((e) => e.urlAfterRedirects)), {
    initialValue: this.router.url,
  });
  /** The task view in use (from the URL), else the one remembered for this project. */
  private readonly view = signal<TaskView>('list');

  protected readonly tabs = computed<TabLinkDef[]>(() => {
    const view = this.view();
    return [
      { path: view, also: [view === 'list' ? 'board' : 'list', 'calendar'], label: 'Tasks', testId: 'tab-tasks' },
      { path: 'members', label: `Members ${this.ctx.members().length || ''}`.trim(), testId: 'tab-members' },
      { path: 'labels', label: 'Labels', testId: 'tab-labels' },
      { path: 'activity', label: 'Activity', testId: 'tab-activity' },
      { path: 'settings', label: 'Settings', testId: 'tab-settings' },
    ];
  });
  protected readonly currentTab = computed(() => {
    const seg = this.url().split('?')[0].split('/')[3] ?? 'list';
    return seg === 'list' || seg === 'board' || seg === 'calendar' ? 'tab-tasks' : 'tab-' + seg;
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.ctx.load(id);
        this.view.set(this.memory.get(id));
      });
    });
    effect(() => {
      const seg = this.url().split('?')[0].split('/')[3];
      if (seg === 'list' || seg === 'board') untracked(() => this.view.set(seg));
    });
  }
}
