import { Location } from '@angular/common';
import { inject, untracked } from '@angular/core';
import { Router } from '@angular/router';

/**
 * Where a dialog with a route of its own (`…/tasks/:taskId` over a list,
 * `…/meetings/:id` over the calendar) goes when it closes: back in history
 * when it was opened from the page under it, so the page keeps its scroll
 * and Forward opens the dialog again; otherwise (opened from a link) to
 * that page, replacing the dialog's entry. Create it in the route
 * component's constructor (it reads the navigation that opened the dialog).
 */
export class DialogReturn {
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly backToParent: boolean;

  /**
   * @param segment the dialog's path segment ("tasks", "meetings"): the page under it is the path before `/<segment>/<id>`
   * @param ownParams query parameters of the dialog itself, left out of the page's URL
   */
  constructor(
    private readonly segment: string,
    private readonly ownParams: string[],
  ) {
    const nav = untracked(() => this.router.currentNavigation());
    const prev = nav?.previousNavigation?.finalUrl;
    const target = nav?.finalUrl ? this.router.serializeUrl(nav.finalUrl) : this.router.url;
    this.backToParent = !!prev && this.router.serializeUrl(prev).split('?')[0] === this.parentPath(target);
  }

  /** Leaves the dialog's route for the page under it. */
  leave(): void {
    if (this.backToParent) this.location.back();
    else void this.router.navigateByUrl(this.parentUrl(this.router.url), { replaceUrl: true });
  }

  /** "/projects/p/list/tasks/t?q=x" → "/projects/p/list". */
  private parentPath(url: string): string {
    return url.split('?')[0].replace(new RegExp(`/${this.segment}/[^/]+$`), '');
  }

  /** The page under the dialog, with its query less the dialog's own parameters. */
  private parentUrl(url: string): string {
    const [path, query] = url.split('?');
    const params = new URLSearchParams(query ?? '');
    for (const p of this.ownParams) params.delete(p);
    const q = params.toString();
    return this.parentPath(path) + (q ? '?' + q : '');
  }
}
