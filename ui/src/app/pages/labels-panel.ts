import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Api, LabelKind } from '../core/api';
import { ApiError, toApiError } from '../core/errors';
import { Label, Project } from '../core/models';
import { ProjectContext } from '../core/project-context';

@Component({
  selector: 'tr-labels-panel',
  imports: [FormsModule],
  template: `
    @if (error(); as e) { <p class="alert error" role="alert">{{ e.message }}</p> }
    <div class="two-col">
      @for (kind of kinds; track kind.key) {
        <section class="card" [attr.data-testid]="'labels-' + kind.key">
          <h2>{{ kind.title }}</h2>
          <ul class="list">
            @for (l of (kind.key === 'categories' ? categories() : tags()); track l.id) {
              <li class="row between">
                @if (editingId() === l.id) {
                  <span class="row grow">
                    <input type="color" [(ngModel)]="editColor" [attr.aria-label]="'Colour of ' + l.name" />
                    <input class="grow" [(ngModel)]="editName" maxlength="50" aria-label="Name" (keydown.enter)="saveEdit(kind.key, l)" />
                  </span>
                  <span class="row">
                    <button type="button" class="btn small primary" (click)="saveEdit(kind.key, l)">Save</button>
                    <button type="button" class="btn small" (click)="editingId.set(null)">Cancel</button>
                  </span>
                } @else {
                  <span><span class="swatch" [style.background]="l.color"></span>{{ l.name }}</span>
                  @if (!project().archived) {
                    <span class="row">
                      <button type="button" class="btn small" (click)="startEdit(l)" [attr.aria-label]="'Edit ' + kind.one + ' “' + l.name + '”'">Edit</button>
                      <button type="button" class="btn small danger" (click)="remove(kind.key, l)" [attr.aria-label]="'Delete ' + kind.one + ' “' + l.name + '”'">Delete</button>
                    </span>
                  }
                }
              </li>
            } @empty {
              <li class="muted">None yet.</li>
            }
          </ul>
          @if (!project().archived) {
            <form class="row" (ngSubmit)="create(kind.key)">
              <input type="color" [name]="kind.key + '-color'" [(ngModel)]="newColor[kind.key]" [attr.aria-label]="'Colour of the new ' + kind.one" />
              <input class="grow" [name]="kind.key + '-name'" [(ngModel)]="newName[kind.key]" maxlength="50" [placeholder]="'New ' + kind.one" [attr.aria-label]="'New ' + kind.one" />
              <button type="submit" class="btn primary small" [disabled]="!newName[kind.key].trim()" [attr.aria-label]="'Add ' + kind.one">Add</button>
            </form>
          }
        </section>
      }
    </div>
  `,
})
export class LabelsPanel {
  private readonly api = inject(Api);
  private readonly ctx = inject(ProjectContext);
  protected readonly project = computed(() => this.ctx.project() as Project);
  protected readonly categories = this.ctx.categories;
  protected readonly tags = this.ctx.tags;

  protected readonly kinds: { key: LabelKind; title: string; one: string }[] = [
    { key: 'categories', title: 'Categories', one: 'category' },
    { key: 'tags', title: 'Tags', one: 'tag' },
  ];
  protected readonly error = signal<ApiError | null>(null);
  protected readonly editingId = signal<string | null>(null);
  newName: Record<LabelKind, string> = { categories: '', tags: '' };
  newColor: Record<LabelKind, string> = { categories: '#64748b', tags: '#0ea5e9' };
  editName = '';
  editColor = '#64748b';

  create(kind: LabelKind): void {
    this.error.set(null);
    this.api.createLabel(this.project().id, kind, { name: this.newName[kind].trim(), color: this.newColor[kind] }).subscribe({
      next: () => {
        this.newName[kind] = '';
        this.ctx.reloadLabels();
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  startEdit(l: Label): void {
    this.editingId.set(l.id);
    this.editName = l.name;
    this.editColor = l.color;
  }

  saveEdit(kind: LabelKind, l: Label): void {
    this.api.updateLabel(this.project().id, kind, l.id, { name: this.editName.trim(), color: this.editColor }).subscribe({
      next: () => {
        this.editingId.set(null);
        this.ctx.reloadLabels();
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  remove(kind: LabelKind, l: Label): void {
    if (!confirm(`Delete “${l.name}”? Tasks keep existing without it.`)) return;
    this.api.deleteLabel(this.project().id, kind, l.id).subscribe({
      next: () => this.ctx.reloadLabels(),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }
}
