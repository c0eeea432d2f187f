import { Dialog, DialogRef } from '@angular/cdk/dialog';
import { Component, DestroyRef, Injector, OnDestroy, afterNextRender, inject, input } from '@angular/core';
import { CanDeactivateFn } from '@angular/router';
import { DialogReturn } from '../core/dialog-return';
import { ProjectContext } from '../core/project-context';
import { Shortcuts } from '../core/shortcuts';
import { TaskEditor } from './task-editor';

/**
 * The task dialog as a route (`…/tasks/:taskId` under a list, the board or
 * My tasks): opening a task is a navigation, so it has a URL, and Back
 * closes it. The dialog itself is a CDK dialog: focus moves into it and is
 * trapped there, Escape and the backdrop ask to close, and on close the
 * focus returns to what opened it. Closing with unsaved edits asks first,
 * whichever way it is closed (Escape, backdrop, ✕, Back, a link).
 */
@Component({
  selector: 'tr-task-dialog',
  template: '',
  providers: [
    // Under a project the dialog shares its context; elsewhere (My tasks) it loads its own.
    { provide: ProjectContext, useFactory: () => inject(ProjectContext, { skipSelf: true, optional: true }) ?? new ProjectContext() },
  ],
})
export class TaskDialogRoute implements OnDestroy {
  private readonly dialog = inject(Dialog);
  private readonly injector = inject(Injector);
  readonly taskId = input.required<string>();
  readonly edit = input<string>();

  private ref: DialogRef<unknown, TaskEditor> | null = null;
  private leaving = false;
  private readonly back = new DialogReturn('tasks', ['edit']);

  constructor() {
    inject(Shortcuts).register([], inject(DestroyRef), { modal: true });
    afterNextRender(() => this.open());
  }

  private open(): void {
    const ref = this.dialog.open(TaskEditor, {
      data: { taskId: this.taskId(), focusTitle: !!this.edit() },
      injector: this.injector,
      disableClose: true,
      ariaLabelledBy: 'task-editor-title',
      panelClass: 'dialog-panel',
      backdropClass: 'backdrop-dim',
      autoFocus: 'first-tabbable',
      restoreFocus: true,
      // The route decides: Back asks about unsaved edits first (confirmDiscard), then closes it.
      closeOnNavigation: false,
    });
    this.ref = ref;
    ref.backdropClick.subscribe(() => this.requestClose());
    ref.keydownEvents.subscribe((e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        this.requestClose();
      }
    });
    ref.componentInstance?.closeRequested.subscribe((force) => this.requestClose(force));
  }

  /** Closes unless there are unsaved edits the user wants to keep. */
  requestClose(force = false): void {
    if (this.leaving) return;
    if (!force && !this.mayDiscard()) return;
    this.leaving = true;
    this.back.leave();
  }

  /** For the route's canDeactivate: true when nothing would be lost, or the user agrees to lose it. */
  mayLeave(): boolean {
    return this.leaving || this.mayDiscard();
  }

  private mayDiscard(): boolean {
    return !this.ref?.componentInstance?.dirty() || confirm('Discard your unsaved changes to this task?');
  }

  ngOnDestroy(): void {
    this.ref?.close();
  }
}

/** Back or a link away from an edited task asks first. */
export const confirmDiscard: CanDeactivateFn<TaskDialogRoute> = (c) => c.mayLeave();
