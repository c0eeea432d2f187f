import { Dialog, DialogRef } from '@angular/cdk/dialog';
import { Component, Injector, OnDestroy, afterNextRender, inject, input } from '@angular/core';
import { DialogReturn } from '../core/dialog-return';
import { MeetingEditor, MeetingEditorData } from './meeting-editor';

/**
 * The meeting dialog as a route under a calendar: `…/calendar/meetings/new?day=2026-12-07`
 * or `…/calendar/meetings/<id>`, so a meeting has a URL and Back closes it.
 * Escape, the backdrop, ✕ and Cancel close it by going back to the calendar.
 */
@Component({ selector: 'tr-meeting-dialog', template: '' })
export class MeetingDialogRoute implements OnDestroy {
  private readonly dialog = inject(Dialog);
  private readonly injector = inject(Injector);
  readonly meetingId = input<string>();
  readonly day = input<string>();
  /** The project of a project's calendar (inherited route parameter). */
  readonly id = input<string>();

  private ref: DialogRef<boolean, MeetingEditor> | null = null;
  private leaving = false;
  private readonly back = new DialogReturn('meetings', ['day']);

  constructor() {
    afterNextRender(() => this.open());
  }

  private open(): void {
    const data: MeetingEditorData = { meetingId: this.meetingId(), day: this.day(), projectId: this.id() };
    const ref = this.dialog.open<boolean, MeetingEditorData, MeetingEditor>(MeetingEditor, {
      data,
      injector: this.injector,
      ariaLabelledBy: 'meeting-editor-title',
      panelClass: 'dialog-panel',
      backdropClass: 'backdrop-dim',
      autoFocus: 'first-tabbable',
      restoreFocus: true,
      // The route closes it (ngOnDestroy), so Back closes it too.
      closeOnNavigation: false,
    });
    this.ref = ref;
    ref.closed.subscribe(() => this.leave());
  }

  private leave(): void {
    if (this.leaving) return;
    this.leaving = true;
    this.back.leave();
  }

  ngOnDestroy(): void {
    this.leaving = true;
    this.ref?.close();
  }
}
