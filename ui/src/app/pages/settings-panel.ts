import { Component, OnInit, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { FormsModule, NgForm } from '@angular/forms';
import { FieldError } from '../ui/field-error';
import { Api } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { Project } from '../core/models';
import { ProjectContext } from '../core/project-context';
import { PriorityRules } from './priority-rules';

@Component({
  selector: 'tr-settings-panel',
  imports: [FormsModule, FieldError, PriorityRules],
  template: `
    @if (!isOwner()) {
      <section class="card" data-testid="settings-not-owner"><p class="muted">Only the project's owner can change its settings.</p></section>
    } @else {
      <div class="two-col">
        <form class="card form-grid" (ngSubmit)="save(f)" #f="ngForm" novalidate>
          <h2 class="wide">Details</h2>
          <label class="field">
            <span>Name</span>
            <input name="name" [(ngModel)]="name" #nm="ngModel" required maxlength="100" [disabled]="project().archived"
              aria-describedby="settings-name-error" [attr.aria-invalid]="nm.invalid && (nm.touched || f.submitted)" />
            <tr-field-error id="settings-name-error" [control]="nm" [submitted]="f.submitted" [server]="error()?.fields?.['name']" />
          </label>
          <label class="field">
            <span>Key</span>
            <input name="key" [(ngModel)]="key" #ky="ngModel" required pattern="[A-Z][A-Z0-9]{1,9}" [disabled]="project().archived"
              aria-describedby="settings-key-error" [attr.aria-invalid]="ky.invalid && (ky.touched || f.submitted)" />
            <tr-field-error id="settings-key-error" [control]="ky" [submitted]="f.submitted" [server]="error()?.fields?.['key']" pattern="Use 2–10 capitals or digits, starting with a capital." />
          </label>
          <label class="field wide">
            <span>Description</span>
            <textarea name="description" [(ngModel)]="description" rows="3" maxlength="10000" [disabled]="project().archived"></textarea>
          </label>
          <label class="field">
            <span>Colour</span>
            <input name="color" type="color" [(ngModel)]="color" [disabled]="project().archived" />
          </label>
          @if (error(); as e) { <p class="alert error wide" role="alert">{{ e.message }}</p> }
          @if (saved()) { <p class="alert success wide" role="status">Saved.</p> }
          <div class="wide"><button class="btn primary" type="submit" [disabled]="busy() || project().archived">Save</button></div>
        </form>
        <section class="card">
          <h2>Danger zone</h2>
          <p class="muted small">An archived project is read-only for everyone until it is unarchived.</p>
          <div class="row">
            <button type="button" class="btn" (click)="archive(!project().archived)" [disabled]="busy()" data-testid="archive-toggle">
              {{ project().archived ? 'Unarchive project' : 'Archive project' }}
            </button>
            <button type="button" class="btn danger" (click)="remove()" [disabled]="busy()" data-testid="delete-project">Delete project</button>
          </div>
        </section>
      </div>
    }
    <tr-priority-rules />
  `,
})
export class SettingsPanel implements OnInit {
  private readonly api = inject(Api);
  private readonly ctx = inject(ProjectContext);
  private readonly router = inject(Router);
  protected readonly project = computed(() => this.ctx.project() as Project);

  protected readonly isOwner = computed(() => this.project().role === 'owner');
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  name = '';
  key = '';
  description = '';
  color = '#4f46e5';

  ngOnInit(): void {
    const p = this.project();
    this.name = p.name;
    this.key = p.key;
    this.description = p.description;
    this.color = p.color || '#4f46e5';
  }

  private run(call: () => import('rxjs').Observable<Project>): void {
    this.busy.set(true);
    this.error.set(null);
    this.saved.set(false);
    call().subscribe({
      next: (p) => {
        this.busy.set(false);
        this.saved.set(true);
        this.ctx.project.set(p);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  save(f: NgForm): void {
    if (f.invalid) return;
    this.run(() =>
      this.api.updateProject(this.project().id, { name: this.name.trim(), key: this.key.trim(), description: this.description, color: this.color }),
    );
  }

  archive(on: boolean): void {
    this.run(() => this.api.archiveProject(this.project().id, on));
  }

  remove(): void {
    if (!confirm(`Delete “${this.project().name}” and all its tasks for good?`)) return;
    this.busy.set(true);
    this.api.deleteProject(this.project().id).subscribe({
      next: () => void this.router.navigate(['/projects']),
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
