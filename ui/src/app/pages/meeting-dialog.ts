import { Dialog, DialogRef } from '@angular/cdk/dialog';
import { Location } from '@angular/common';
import { Component, Injector, OnDestroy, afterNextRender, inject, input, untracked } from '@angular/core';
import { Router } from '@angular/router';
import { MeetingEditor, MeetingEditorData } from './meeting-editor';

/**
 * The meeting dialog as a route under a calendar: `…/calendar/meetings/new?day=2026-12-07`
 * or `…/calendar/meetings/<id>`, so a meeting has a URL and Back closes it.
 * Escape, the backdrop, ✕ and Cancel close it by going back to the calendar.
 */
@Component({ selector: 'tr-meeting-dialog', template: '' })
export class MeetingDialogRoute implements OnDestroy {
  private readonly dialog = inject(Dialog);
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly injector = inject(Injector);
  readonly meetingId = input<string>();
  readonly day = input<string>();
  /** The project of a project's calendar (inherited route parameter). */
  readonly id = input<string>();

  private ref: DialogRef<boolean, MeetingEditor> | null = null;
  private leaving = false;
  private readonly backToParent: boolean;

  constructor() {
    const nav = untracked(() => this.router.currentNavigation());
    const prev = nav?.previousNavigation?.finalUrl;
    const target = nav?.finalUrl ? this.router.serializeUrl(nav.finalUrl) : this.router.url;
    this.backToParent = !!prev && this.router.serializeUrl(prev).split('?')[0] === parentPath(target);
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
    if (this.backToParent) this.location.back();
    else void this.router.navigateByUrl(parentUrl(this.router.url), { replaceUrl: true });
  }

  ngOnDestroy(): void {
    this.leaving = true;
    this.ref?.close();
  }
}

/** "/calendar/meetings/new?day=x" → "/calendar". */
function parentPath(url: string): string {
  return url.split('?')[0].replace(/\/meetings\/[^/]+$/, '');
}

/** The calendar under the dialog, with its query (less the dialog's own `day`). */
function parentUrl(url: string): string {
  const [path, query] = url.split('?');
  const params = new URLSearchParams(query ?? '');
  params.delete('day');
  const q = params.toString();
  return parentPath(path) + (q ? '?' + q : '');
}
