import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule, NgForm } from '@angular/forms';
import { FieldError } from '../ui/field-error';
import { Router, RouterLink } from '@angular/router';
import { Api } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { Project } from '../core/models';
import { LoadState } from '../ui/load-state';

@Component({
  selector: 'tr-projects',
  imports: [FormsModule, RouterLink, LoadState, FieldError],
  template: `
    <div class="page-head">
      <h1>Projects</h1>
      <div class="row">
        <label class="check"><input type="checkbox" [checked]="showArchived" (change)="setArchived($any($event.target).checked)" data-testid="show-archived" /> Show archived</label>
        <button class="btn primary" type="button" (click)="creating.set(!creating())" data-testid="new-project">
          {{ creating() ? 'Close' : 'New project' }}
        </button>
      </div>
    </div>

    @if (creating()) {
      <form class="card form-grid" (ngSubmit)="create(f)" #f="ngForm" novalidate data-testid="project-form">
        <label class="field">
          <span>Name</span>
          <input name="name" [(ngModel)]="name" #nameModel="ngModel" (ngModelChange)="suggestKey()" required maxlength="100" data-testid="project-name"
            aria-describedby="project-name-error" [attr.aria-invalid]="nameModel.invalid && (nameModel.touched || f.submitted)" />
          <tr-field-error id="project-name-error" [control]="nameModel" [submitted]="f.submitted" [server]="createError()?.fields?.['name']" />
        </label>
        <label class="field">
          <span>Key</span>
          <input name="key" [(ngModel)]="key" #keyModel="ngModel" (ngModelChange)="keyTouched = true" required pattern="[A-Z][A-Z0-9]{1,9}" maxlength="10" data-testid="project-key"
            aria-describedby="project-key-hint project-key-error" [attr.aria-invalid]="keyModel.invalid && (keyModel.touched || f.submitted)" />
          <small class="hint" id="project-key-hint">2–10 capitals or digits, starting with a capital, e.g. WEB.</small>
          <tr-field-error id="project-key-error" [control]="keyModel" [submitted]="f.submitted" [server]="createError()?.fields?.['key']"
            pattern="Use 2–10 capitals or digits, starting with a capital." />
        </label>
        <label class="field wide">
          <span>Description</span>
          <textarea name="description" [(ngModel)]="description" rows="2" maxlength="10000" data-testid="project-description"></textarea>
        </label>
        <label class="field">
          <span>Colour</span>
          <input name="color" type="color" [(ngModel)]="color" data-testid="project-color" />
        </label>
        @if (createError(); as e) {
          <p class="alert error wide" role="alert" data-testid="form-error">{{ e.message }}</p>
        }
        <div class="wide">
          <button class="btn primary" type="submit" [disabled]="busy()" data-testid="project-create">Create project</button>
        </div>
      </form>
    }

    <tr-load-state [loading]="loading()" [error]="error()" [empty]="projects().length === 0" (retry)="load()">
      <p>{{ showArchived ? 'No projects.' : 'No projects yet.' }}</p>
      <p>Create one, or accept an invitation under <a routerLink="/invitations">My invitations</a>.</p>
    </tr-load-state>
    @if (projects().length) {
      <ul class="project-grid" data-testid="project-list">
        @for (p of projects(); track p.id) {
          <li>
            <a class="project-card card" [routerLink]="['/projects', p.id]" [style.border-left-color]="p.color || '#94a3b8'" data-testid="project-card">
              <div class="row between">
                <strong class="project-name">{{ p.name }}</strong>
                <span class="badge">{{ p.key }}</span>
              </div>
              @if (p.description) { <p class="muted clamp">{{ p.description }}</p> }
              <div class="row small muted">
                <span>{{ p.role === 'owner' ? 'Owner' : 'Participant' }}</span>
                <span>· {{ p.memberCount }} member{{ p.memberCount === 1 ? '' : 's' }}</span>
                @if (p.archived) { <span class="badge warn">Archived</span> }
              </div>
            </a>
          </li>
        }
      </ul>
      @if (nextCursor()) {
        <button class="btn" type="button" (click)="load(true)">Load more</button>
      }
    }
  `,
})
export class ProjectsPage {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  /** `?archived=1` lists archived projects too. */
  readonly archived = input<string>();

  protected readonly projects = signal<Project[]>([]);
  protected readonly nextCursor = signal<string | undefined>(undefined);
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly creating = signal(false);
  protected readonly busy = signal(false);
  protected readonly createError = signal<ApiError | null>(null);

  showArchived = false;
  name = '';
  key = '';
  keyTouched = false;
  description = '';
  color = '#4f46e5';

  constructor() {
    effect(() => {
      this.showArchived = this.archived() === '1';
      untracked(() => this.load());
    });
  }

  setArchived(on: boolean): void {
    void this.router.navigate([], { queryParams: { archived: on ? '1' : null }, queryParamsHandling: 'merge' });
  }

  load(more = false): void {
    if (!more) this.loading.set(true);
    this.api.projects(this.showArchived ? 'all' : 'false', more ? this.nextCursor() : undefined).subscribe({
      next: (page) => {
        this.projects.set(more ? [...this.projects(), ...page.items] : page.items);
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
        this.error.set(null);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  suggestKey(): void {
    if (this.keyTouched) return;
    const letters = this.name.toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/^[0-9]+/, '');
    this.key = letters.slice(0, 4);
  }

  create(f: NgForm): void {
    if (f.invalid) return;
    this.busy.set(true);
    this.createError.set(null);
    this.api
      .createProject({ name: this.name.trim(), key: this.key.trim().toUpperCase(), description: this.description.trim() || undefined, color: this.color })
      .subscribe({
        next: (p) => {
          this.busy.set(false);
          void this.router.navigate(['/projects', p.id]);
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.createError.set(toApiError(err));
        },
      });
  }
}
